"""The edition settings form: label, topic, term, sessions, readings and assignments of edition.toml.

Each row form maps its fields to the keys of one TOML table BY NAME: a field named ``room`` is the
key ``room``. Its type says how a value is converted (`toml_value` below): text fields give strings
(left empty: the key is removed), dates, date-times, integers, check boxes (true / false) and
multiple choices (an array of strings). Keys a form does not know stay in the file untouched, so a
row keeps what another feature (or the advanced editor) put there.

Adding a field, e.g. ``max_mb`` for assignments, is one line in the row form:

    max_mb = IntegerField(_l("Maximum file size (MB)"), validators=[Optional()])

The page shows it at once (templates/courses/edit/_settings_fields.html renders every field of a row
form in order), saving writes it, and the validator's messages about ``assignments[n].max_mb`` name
it by its label (`views.problems`). A sub-table (``[assignments.defence]``) is a `FormField` of its
own row form, listed in `SUBTABLES`; a key that is not a plain value (``words = [min, max]``) gets a
pair of fields and an entry in `COMPOSED`. A check box writes ``false`` only where the key was set
already (sub-tables always write it).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from campus.admin.forms import CheckboxList

from ..content.editions import FORMATS

MINUTE = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
MAX_ROWS = 200  # per group: more sessions than any term has; bounds what a posted form can build


class RowForm(Form):
    """One table of an array of tables; `origin` is its index in the file (empty for a new row)."""

    origin = HiddenField()


class SessionForm(RowForm):
    starts = DateTimeLocalField(_l("Start"), format=MINUTE, validators=[Optional()])
    minutes = IntegerField(_l("Length in minutes"), validators=[Optional()])
    title = StringField(_l("Title"), validators=[Length(max=300)])
    lesson = SelectField(_l("Lesson"), choices=[], validate_choice=False)
    room = StringField(_l("Room"), validators=[Length(max=200)])


class ReadingForm(RowForm):
    citation = TextAreaField(_l("Reference"), validators=[Length(max=2000)])
    url = StringField(_l("Link"), validators=[Length(max=2000)])
    required = BooleanField(_l("Required reading"))


class DefenceForm(Form):
    """The oral defence of an assignment; left without dates, the assignment has none."""

    required = BooleanField(_l("The oral defence is part of the examination"))
    window_start = DateField(_l("Defence window from"), validators=[Optional()])
    window_end = DateField(_l("Defence window until"), validators=[Optional()])
    minutes = IntegerField(_l("Length of a defence in minutes"), validators=[Optional()])
    # The rest of the window (docs/module-format.md); ``days`` and ``examiners`` in the advanced editor.
    long_minutes = IntegerField(_l("Length with Nachteilsausgleich in minutes"), validators=[Optional()])
    buffer = IntegerField(_l("Minutes between two defences of an examiner"), validators=[Optional()])
    panel = IntegerField(_l("Examiners per defence"), validators=[Optional()])
    who = SelectField(_l("Who must defend"), validators=[Optional()], choices=[
        SelectChoice("", _l("everyone enrolled (default)")),
        SelectChoice("invited", _l("only students invited"))])  # fmt: skip
    place = StringField(_l("Room"), validators=[Length(max=200)])
    video = StringField(_l("Address of the video meeting (https://…)"), validators=[Length(max=500)])
    booking_opens = DateTimeLocalField(_l("Booking opens"), format=MINUTE, validators=[Optional()])
    booking_closes = DateTimeLocalField(_l("Booking closes"), format=MINUTE, validators=[Optional()])
    notice_hours = IntegerField(_l("No cancelling this many hours before"), validators=[Optional()])
    offer_hours = IntegerField(_l("Hours to accept a place from the waitlist"), validators=[Optional()])


# Left at the first choice, the key stays out of edition.toml and the default ("declared") applies.
AI_POLICY_CHOICES = [
    SelectChoice("", _l("Standard: allowed when each use is declared")),
    SelectChoice("declared", _l("Allowed when each use is declared")),
    SelectChoice("none", _l("Not allowed: students declare that they used none")),
    SelectChoice("free", _l("Allowed freely; declaring is voluntary")),
]


class AssignmentForm(RowForm):
    id = StringField(_l("Short name (in addresses)"), validators=[Length(max=80)])
    title = StringField(_l("Title"), validators=[Length(max=300)])
    brief = StringField(_l("Task description (file)"), validators=[Length(max=200)])
    opens = DateTimeLocalField(_l("Submission opens"), format=MINUTE, validators=[Optional()])
    due = DateTimeLocalField(_l("Due"), format=MINUTE, validators=[Optional()])
    cutoff = DateTimeLocalField(
        _l("Last moment for late submissions"), format=MINUTE, validators=[Optional()]
    )
    formats = CheckboxList(_l("File formats"), choices=[SelectChoice(f, f.upper()) for f in FORMATS])
    words_min = IntegerField(_l("Words at least"), validators=[Optional()])
    words_max = IntegerField(_l("Words at most"), validators=[Optional()])
    max_mb = IntegerField(_l("Largest file in MB (empty: 20)"), validators=[Optional()])
    blind = BooleanField(_l("Blind marking: markers see candidate numbers instead of names"))
    second_marker = BooleanField(_l("A second marker grades separately"))
    ai_policy = SelectField(_l("Use of AI tools"), choices=AI_POLICY_CHOICES, default="")
    declaration = TextAreaField(
        _l("Declaration of independent work (empty: the standard text)"), validators=[Length(max=4000)]
    )
    ai_declaration = TextAreaField(
        _l("Explanation above the AI-use declaration (empty: the standard text)"),
        validators=[Length(max=4000)],
    )
    defence = FormField(DefenceForm, label=_l("Oral defence"))


class EditionForm(FlaskForm):
    """The top-level keys of edition.toml and its three groups of rows."""

    label = StringField(_l("Name of the edition"), validators=[Length(max=200)])
    topic = StringField(_l("Topic of the year"), validators=[Length(max=300)])
    term_start = DateField(_l("Start of term"), validators=[Optional()])
    term_end = DateField(_l("End of term"), validators=[Optional()])
    sessions = FieldList(FormField(SessionForm), max_entries=MAX_ROWS)
    readings = FieldList(FormField(ReadingForm), max_entries=MAX_ROWS)
    assignments = FieldList(FormField(AssignmentForm), max_entries=MAX_ROWS)
    base_sha256 = HiddenField()


# Array-of-tables groups, how a row is named in messages and buttons, and the form of a row.
GROUPS: dict[str, tuple[Any, type[Form]]] = {
    "sessions": (_l("Session %(number)d"), SessionForm),
    "readings": (_l("Reading %(number)d"), ReadingForm),
    "assignments": (_l("Assignment %(number)d"), AssignmentForm),
}
GROUP_LABELS = {name: label for name, (label, _form) in GROUPS.items()}
SUBTABLES: dict[str, type[Form]] = {"defence": DefenceForm}
# TOML keys held by more than one field: key -> its fields (in order).
COMPOSED = {"words": ("words_min", "words_max")}


def _labels(form_class: type[Form]) -> dict[str, Any]:
    labels = {}
    for name in dir(form_class):
        unbound = getattr(form_class, name)
        if not hasattr(unbound, "field_class"):
            continue
        label = unbound.kwargs.get("label") or (unbound.args[0] if unbound.args else None)
        if label is not None:
            labels[name] = label
    for key, parts in COMPOSED.items():
        if all(part in labels for part in parts):
            labels[key] = labels[parts[0]]
    return labels


def field_labels(group: str) -> dict[str, Any]:
    """The labels of the fields of a group's rows ("" for the top-level keys), by TOML key."""
    if group in GROUPS:
        return _labels(GROUPS[group][1])
    if group in SUBTABLES:
        return _labels(SUBTABLES[group])
    return _labels(EditionForm)


def toml_value(field: Field) -> Any:
    """The TOML value a field holds, or None for "no value" (the key is then left out)."""
    data = field.data
    if isinstance(field, BooleanField):
        return bool(data)
    if isinstance(field, SelectMultipleField):
        return list(data or []) or None
    if isinstance(field, StringField | TextAreaField | SelectField):
        text = " ".join(str(data or "").split())  # one line: a newline never belongs in these values
        return text or None
    return data  # dates, date-times, integers: already converted (None when empty)
