"""What the pages call things, in the page's language (German by default, English available)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .models import ABSTAIN, DISCUSS, NO_ACTION, NO_SIGNAL, SIGNAL

# The bands as the report names them (issue 12's three bands).
BAND_LABELS = {
    SIGNAL: _l("Follow-up conversation recommended"),
    NO_SIGNAL: _l("No indication"),
    ABSTAIN: _l("No sufficient basis"),
}
# The same, short, for the marking table's column.
CELL_LABELS = {
    SIGNAL: _l("follow-up recommended"),
    NO_SIGNAL: _l("no indication"),
    ABSTAIN: _l("no statement"),
}
ACTION_LABELS = {NO_ACTION: _l("No further action"), DISCUSS: _l("Discuss at the oral defence")}
OUTCOME_LABELS = {
    "confirmed": _l("authorship confirmed"),
    "doubts": _l("doubts remain"),
    "not_confirmed": _l("authorship not confirmed"),
}


def reason_text(reason: str | None) -> str:
    """Why the detector gave no score, in words."""
    return {
        "too_short": _("The text is too short for a reliable statement (at least 250 words are needed)."),
        "unsupported_language": _(
            "The text is in another language; the detector knows German and English only."
        ),
        "no_text_layer": _(
            "The file has no text layer (a scan, for example), so there is no text to analyse."
        ),
        "extraction_failed": _("The text could not be read from the file."),
        "no_text": _("No words were found in the text."),
        "not_text": _("The text does not look like running text (symbols, markup or data)."),
    }.get(reason or "", _("The detector gave no statement for this text."))


def fpr_in_words(fpr: float | None) -> str:
    """The false-positive rate at the threshold as people read it: "about 1 in 100 ..."."""
    if fpr is None:
        return _("How often independently written papers reach this value has not been measured.")
    if fpr <= 0:
        return _(
            "In the validation, no independently written paper reached this value; that does not mean it cannot happen."
        )
    per = max(1, round(1 / fpr))
    return _("About 1 in %(n)d independently written papers reaches this value.", n=per)
