"""The protocol pages: fill in, sign, correct, PDF. Every view and change is audit-logged."""

from __future__ import annotations

from datetime import datetime

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from .. import glue
from ..forms import ActionForm, CorrectionForm, ProtocolForm
from ..labels import outcome_label
from ..models import Protocol
from ..pdf import protocol_pdf
from ..permissions import on_panel, panel_defence
from ..service import records, units
from ..service.errors import DefenceError
from ..service.times import ZONE, local
from .common import require_action


def _protocol(defence, protocol_id: int | None = None) -> Protocol | None:
    versions = records.protocols_of(defence)
    if protocol_id is None:
        return versions[-1] if versions else None
    found = next((p for p in versions if p.id == protocol_id), None)
    if found is None:
        abort(404)
    return found


def _form(defence, protocol: Protocol) -> ProtocolForm:
    form = ProtocolForm(prefix="p")
    form.panel.choices = [(e.id, e.name) for e in defence.examiners]
    if request.method == "GET":
        form.started.data = local(protocol.started_at).time() if protocol.started_at else None
        form.ended.data = local(protocol.ended_at).time() if protocol.ended_at else None
        form.panel.data = list(protocol.panel)
        form.other_questions.data = "\n".join(
            q["text"] for q in protocol.questions if not q.get("suggested_id")
        )
        form.notes.data, form.grade_effect.data = protocol.notes, protocol.grade_effect
        form.outcome.data = protocol.outcome
    return form


def _when(defence, clock) -> datetime | None:
    return datetime.combine(local(defence.starts_at).date(), clock).replace(tzinfo=ZONE) if clock else None


@login_required
def protocol_page(defence_id: int) -> str | Response:
    """The current protocol; the panel edits it until both have signed."""
    win, defence = panel_defence(current_user, defence_id)
    protocol = _protocol(defence)
    can_edit = on_panel(current_user, defence)
    if protocol is None:
        if request.method == "POST" and can_edit:
            require_action()
            units.run(lambda: records.start_protocol(defence, current_user), lambda: None)
            return redirect(url_for("defences.protocol", defence_id=defence.id))
        units.run(
            lambda: glue.log(current_user, "defence.protocol_view", defence, {"version": None}), lambda: None
        )
        return render_template("defences/protocol.html", win=win, defence=defence, protocol=None, can_edit=can_edit,
                               action=ActionForm(), local=local)  # fmt: skip
    form = _form(defence, protocol)
    if request.method == "POST":
        if not can_edit:
            abort(404)
        if form.validate_on_submit():
            suggested = []
            for q in protocol.questions:
                if q.get("suggested_id"):
                    key = f"q{q['suggested_id']}"
                    suggested.append({**q, "asked": request.form.get(f"{key}-asked") == "1",
                                      "note": request.form.get(f"{key}-note", "")[:2000]})  # fmt: skip
            others = [{"text": line.strip()[:2000], "suggested_id": None, "asked": True, "note": ""}
                      for line in (form.other_questions.data or "").splitlines() if line.strip()]  # fmt: skip
            try:
                units.run(lambda: records.update_protocol(
                    protocol, current_user, started_at=_when(defence, form.started.data),
                    ended_at=_when(defence, form.ended.data), panel=list(form.panel.data or []),
                    questions=suggested + others, notes=form.notes.data or "", outcome=form.outcome.data or None,
                    grade_effect=form.grade_effect.data or ""), lambda: None)  # fmt: skip
            except DefenceError as error:
                flash(str(error), "error")
            else:
                flash(_("The protocol is saved. Signatures given before have to be given again."), "success")
                return redirect(url_for("defences.protocol", defence_id=defence.id))
    units.run(lambda: glue.log(current_user, "defence.protocol_view", protocol, {"version": protocol.version}),
              lambda: None)  # fmt: skip
    return render_template("defences/protocol.html", win=win, defence=defence, protocol=protocol, form=form,
                           can_edit=can_edit and not protocol.is_locked, on_panel=can_edit, action=ActionForm(),
                           correction=CorrectionForm(prefix="c"), outcome_label=outcome_label, local=local,
                           versions=records.protocols_of(defence),
                           signed=any(s.examiner_id == current_user.id for s in protocol.signatures))  # fmt: skip


@login_required
def sign(defence_id: int) -> Response:
    """Sign the current version."""
    _win, defence = panel_defence(current_user, defence_id)
    require_action()
    protocol = _protocol(defence)
    if protocol is None or not on_panel(current_user, defence):
        abort(404)
    try:
        locked = units.run(lambda: records.sign(protocol, defence, current_user), lambda: False)
    except DefenceError as error:
        flash(str(error), "error")
    else:
        flash(_("The protocol is signed by the whole panel and locked.") if locked else _("Your signature is recorded."),
              "success")  # fmt: skip
    return redirect(url_for("defences.protocol", defence_id=defence.id))


@login_required
def correct(defence_id: int) -> Response:
    """Start a corrected version of the locked protocol."""
    _win, defence = panel_defence(current_user, defence_id)
    protocol = _protocol(defence)
    form = CorrectionForm(prefix="c")
    if protocol is None or not on_panel(current_user, defence):
        abort(404)
    if not form.validate_on_submit():
        flash(_("Please say what the correction is for."), "error")
    else:
        try:
            units.run(lambda: records.correct(protocol, current_user, form.reason.data or ""), lambda: None)
        except DefenceError as error:
            flash(str(error), "error")
    return redirect(url_for("defences.protocol", defence_id=defence.id))


@login_required
def protocol_pdf_view(defence_id: int, protocol_id: int) -> FlaskResponse:
    """One version as PDF."""
    win, defence = panel_defence(current_user, defence_id)
    protocol = _protocol(defence, protocol_id)
    assert protocol is not None
    data = protocol_pdf(win, defence, protocol)
    units.run(lambda: glue.log(current_user, "defence.protocol_pdf", protocol, {"version": protocol.version}),
              lambda: None)  # fmt: skip
    name = f"pruefungsprotokoll-{defence.id}-v{protocol.version}.pdf"
    return FlaskResponse(data, mimetype="application/pdf",
                         headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
