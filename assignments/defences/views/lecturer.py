"""The lecturer's pages: overview grid, students (Nachteilsausgleich, invitations), manual
reassignment and the CSV export (the planner's pages: views.planner)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from campus.accounts.models import User
from campus.extensions import db

from .. import glue
from ..forms import ActionForm, ReassignForm, StudentForm
from ..labels import outcome_label, status_label
from ..models import ACTIVE, Defence
from ..permissions import run_window, visible_defence
from ..service import moves, people, records, units, waitlist
from ..service.slots import Calendar
from ..service.times import ZONE, local, minute
from ..service.windows import examiners_of, must_defend
from .common import attempt, window_url


def _active(win):
    query = select(Defence).where(Defence.window_key == win.key, Defence.status.in_(ACTIVE))
    return list(db.session.scalars(query.order_by(Defence.starts_at)))


def _grid(win, cal: Calendar, defences: list[Defence]):
    """Per day: rows of (start, {examiner id: defence or "free"}) for every slot start of the window
    and every booked start; an examiner without an entry is not available then."""
    booked: dict[int, dict[int, Defence]] = {}
    for d in defences:
        for e in d.examiners:
            booked.setdefault(minute(d.starts_at), {})[e.id] = d
    days: dict[object, list[tuple[int, dict[int, object]]]] = {}
    for start in sorted(set(cal.starts()) | set(booked)):
        cells: dict[int, object] = dict(booked.get(start, {}))
        for e in cal.examiners:
            if e.id not in cells and cal.free(e.id, start, win.spec.minutes):
                cells[e.id] = "free"
        if cells:
            days.setdefault(local(start).date(), []).append((start, cells))
    return sorted(days.items())


@login_required
def overview(module_id: str, edition_id: str, assignment_id: str) -> str:
    """Who is where, every student's state and outcome, Nachteilsausgleich and invitations."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    defences = _active(win)
    cal = Calendar(win)
    by_student = {d.student_id: d for d in defences}
    students = must_defend(win)
    outcomes = {d.student_id: records.latest_outcome(d) for d in defences}
    picker = StudentForm(prefix="nta")
    enrolled = [s for s in _enrolled(win)]
    picker.student_id.choices = [(s.id, s.name) for s in enrolled]
    invite = StudentForm(prefix="invite")
    invite.student_id.choices = picker.student_id.choices
    return render_template(
        "defences/overview.html", win=win, examiners=examiners_of(win), grid=_grid(win, cal, defences),
        students=students, by_student=by_student, outcomes=outcomes, outcome_label=outcome_label,
        long=people.accommodated([s.id for s in enrolled]), picker=picker, invite=invite,
        invited={i.student_id for i in people.invitations(win)}, action=ActionForm(), local=local,
        free=len(cal.slots(win.spec.minutes, minute(glue.now()))),
    )  # fmt: skip


def _enrolled(win):
    return glue.enrolled_students(win.module.id, win.edition.id)


def _student(win, form: StudentForm) -> User:
    form.student_id.choices = [(s.id, s.name) for s in _enrolled(win)]
    if not form.validate_on_submit():
        abort(400)
    student = db.session.get(User, form.student_id.data)
    if student is None:
        abort(404)
    return student


@login_required
def accommodation(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Record or withdraw a Nachteilsausgleich (the longer slot); no reason is asked or kept."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    student = _student(win, StudentForm(prefix="nta"))
    back = window_url("defences.overview", win)
    if request.form.get("remove") == "1":
        return attempt(lambda: people.remove_accommodation(student, current_user),
                       _("The Nachteilsausgleich is withdrawn."), back)  # fmt: skip
    return attempt(lambda: people.record_accommodation(student, current_user),
                   _("The Nachteilsausgleich is recorded: %(name)s gets the longer slot.", name=student.name), back)  # fmt: skip


@login_required
def invite(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Invite a student to defend (windows by invitation)."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    student = _student(win, StudentForm(prefix="invite"))
    return attempt(lambda: people.invite(win, student, current_user),
                   _("%(name)s is invited to defend.", name=student.name), window_url("defences.overview", win))  # fmt: skip


@login_required
def reassign(defence_id: int) -> Response:
    """Move a defence to another time or panel, keeping every rule."""
    win, defence = visible_defence(current_user, defence_id, staff_only=True)
    if not win.is_responsible(current_user):
        abort(404)
    form = ReassignForm(prefix="move")
    form.panel.choices = [(e.id, e.name) for e in examiners_of(win)]
    back = url_for("defences.defence", defence_id=defence.id)
    if not form.validate_on_submit():
        flash(_("Please choose a day, a time and the panel."), "error")
        return redirect(back)
    start = minute(datetime.combine(form.day.data, form.start.data).replace(tzinfo=ZONE))

    def work() -> None:
        moves.reassign(win, defence, start, tuple(form.panel.data or ()), current_user)
        db.session.flush()
        waitlist.offer_free_places(win)

    return attempt(work, _("The defence is moved."), back)


@login_required
def export_csv(module_id: str, edition_id: str, assignment_id: str) -> FlaskResponse:
    """Every booked defence as CSV (semicolons, for German spreadsheet programs)."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Date"), _("Start"), _("End"), _("Student"), _("Matriculation number"), _("Panel"),
                     _("Status"), _("Outcome")])  # fmt: skip
    for d in _active(win):
        writer.writerow([local(d.starts_at).strftime("%d.%m.%Y"), local(d.starts_at).strftime("%H:%M"),
                         local(d.ends_at).strftime("%H:%M"), _safe(d.student.name), d.student.matriculation_number or "",
                         _safe(", ".join(e.name for e in d.examiners)), status_label(d.status),
                         outcome_label(records.latest_outcome(d))])  # fmt: skip
    units.run(lambda: _log_export(win), lambda: None)
    name = f"verteidigungen-{win.module.id}-{win.edition.id}.csv"
    return FlaskResponse("\ufeff" + out.getvalue(), mimetype="text/csv",
                         headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _log_export(win) -> None:
    glue.log(current_user, "defence.export_csv", ("window", win.key))


def _safe(text: str) -> str:
    # A cell starting with = + - @ is a formula in spreadsheet programs (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
