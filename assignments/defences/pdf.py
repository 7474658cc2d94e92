"""The protocol as a PDF (fpdf2), always in German: it is the official Prüfungsprotokoll.

The font is DejaVu Sans (Debian's fonts-dejavu-core, installed by CI and on servers), embedded in the
file, so umlauts and ß are real text that copies and searches correctly.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from fpdf import FPDF

from campus.accounts.models import User
from campus.extensions import db

from .labels import outcome_label
from .models import Defence, Protocol
from .service.times import local
from .service.windows import Window

DEFAULT_FONT_DIR = "/usr/share/fonts/truetype/dejavu"


def _font_dir() -> Path:
    return Path(current_app.config.get("DEFENCE_PDF_FONT_DIR", DEFAULT_FONT_DIR))


def _when(value: object) -> str:
    return local(value).strftime("%d.%m.%Y, %H:%M") if value else "–"  # type: ignore[arg-type]


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("DejaVu", size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


def protocol_pdf(win: Window | None, defence: Defence, protocol: Protocol) -> bytes:
    """The PDF bytes of one protocol version."""
    with force_locale("de"):
        return _render(win, defence, protocol)


def _render(win: Window | None, defence: Defence, protocol: Protocol) -> bytes:
    doc = _Document(format="A4")
    folder = _font_dir()
    doc.add_font("DejaVu", "", str(folder / "DejaVuSans.ttf"))
    doc.add_font("DejaVu", "B", str(folder / "DejaVuSans-Bold.ttf"))
    doc.set_title(_("Examination protocol"))
    doc.add_page()
    doc.set_font("DejaVu", "B", 16)
    doc.multi_cell(0, 9, _("Examination protocol") + " – " + _("oral defence"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", size=10)

    def row(label: str, value: str) -> None:
        doc.set_font("DejaVu", "B", 10)
        doc.cell(55, 6, label)
        doc.set_font("DejaVu", size=10)
        doc.multi_cell(0, 6, value or "–", new_x="LMARGIN", new_y="NEXT")

    if win is not None:
        row(_("Module"), win.module.title_for("de") + f" ({win.edition.label})")
        row(_("Assignment"), win.title)
    student = defence.student
    row(
        _("Student"),
        student.name + (f", {student.matriculation_number}" if student.matriculation_number else ""),
    )
    row(_("Booked"), f"{_when(defence.starts_at)} – {local(defence.ends_at).strftime('%H:%M')}")
    row(
        _("Held"),
        f"{_when(protocol.started_at)} – {local(protocol.ended_at).strftime('%H:%M') if protocol.ended_at else '–'}",
    )
    present = [db.session.get(User, uid) for uid in protocol.panel]
    row(_("Panel present"), ", ".join(u.name for u in present if u is not None))
    row(
        _("Version"),
        str(protocol.version)
        + (f" ({_('correction')}: {protocol.correction_reason})" if protocol.previous_id else ""),
    )
    doc.ln(3)
    doc.set_font("DejaVu", "B", 12)
    doc.cell(0, 8, _("Questions"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", size=10)
    for number, question in enumerate(protocol.questions, start=1):
        mark = f" [{_('suggested')}]" if question.get("suggested_id") else ""
        asked = _("asked") if question.get("asked") else _("not asked")
        doc.multi_cell(
            0, 6, f"{number}. {question.get('text', '')}{mark} ({asked})", new_x="LMARGIN", new_y="NEXT"
        )
        if question.get("note"):
            doc.set_x(doc.l_margin + 6)
            doc.multi_cell(0, 6, str(question["note"]), new_x="LMARGIN", new_y="NEXT")
    if not protocol.questions:
        doc.multi_cell(0, 6, "–", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    for title, text in ((_("Notes"), protocol.notes), (_("Effect on the grade"), protocol.grade_effect)):
        doc.set_font("DejaVu", "B", 12)
        doc.cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
        doc.set_font("DejaVu", size=10)
        doc.multi_cell(0, 6, text or "–", new_x="LMARGIN", new_y="NEXT")
    doc.ln(2)
    row(_("Outcome"), outcome_label(protocol.outcome) if protocol.outcome else "–")
    doc.ln(2)
    doc.set_font("DejaVu", "B", 12)
    doc.cell(0, 8, _("Signatures"), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("DejaVu", size=10)
    for signature in protocol.signatures:
        signed = _("signed on %(when)s", when=_when(signature.signed_at))
        doc.multi_cell(0, 6, f"{signature.examiner.name}: {signed}", new_x="LMARGIN", new_y="NEXT")
    if protocol.is_locked:
        locked = _("Signed by the whole panel and locked on %(when)s.", when=_when(protocol.locked_at))
        doc.multi_cell(0, 6, locked, new_x="LMARGIN", new_y="NEXT")
    else:
        doc.multi_cell(0, 6, _("Not yet signed by the whole panel: a draft."), new_x="LMARGIN", new_y="NEXT")
    return bytes(doc.output())
