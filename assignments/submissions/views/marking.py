"""The marking side: my assignments to mark, the table, one paper's marking page, release and reveal."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from wtforms import SelectChoice

from campus.accounts.models import Role, User
from campus.audit import audit
from campus.extensions import db
from campus.forms import ActionForm

from ..columns import extra_columns
from ..forms import AgreedGradeForm, FilterForm, MarkerForm, MarkingForm, SecondMarkingForm
from ..models import Marker
from ..permissions import require, sees_names, staff_assignments
from ..service import marking as service
from ..service.assignments import Assignment
from ..service.grades import format_grade, parse_grade
from ..service.table import STATUSES, filtered, rows, status_labels
from .common import assignment_or_404, me, person, staff_or_404, submission_or_404


@login_required
def index() -> str:
    """The assignments I mark (or, as administrator, every assignment)."""
    return render_template("submissions/marking/index.html", assignments=staff_assignments(me()))


def _to_table(assignment: Assignment) -> Any:
    return redirect(url_for("submissions.table", module_id=assignment.module.id, edition_id=assignment.edition.id,
                            assignment_id=assignment.spec.id), code=303)  # fmt: skip


@login_required
def table(module_id: str, edition_id: str, assignment_id: str) -> str:
    """Every student of the assignment with version, time, lateness, extension, words and status."""
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    staff = staff_or_404(assignment)
    filters = FilterForm(request.args)
    filters.status.choices = [
        SelectChoice("", _("All")),
        *(SelectChoice(s, status_labels()[s]) for s in STATUSES),
    ]
    sort = request.args.get("sort", "person")
    descending = request.args.get("order") == "desc"
    found = filtered(
        rows(assignment, sees_names(me(), assignment)),
        filters.status.data,
        filters.late.data,
        sort,
        descending,
    )
    audit(me(), "assignment.view_table", ("assignment", "/".join(assignment.key)))
    db.session.commit()
    return render_template(
        "submissions/marking/table.html", assignment=assignment, staff=staff, rows=found, filters=filters,
        sort=sort, descending=descending, columns=extra_columns(), markers=_markers(assignment),
        action_form=ActionForm(), marker_form=MarkerForm(), releasable=sum(
            service.releasable(s.marking) for s in service.final_submissions(assignment)),
    )  # fmt: skip


def _markers(assignment: Assignment) -> list[Marker]:
    module_id, edition_id, assignment_id = assignment.key
    query = select(Marker).filter_by(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id)
    return list(db.session.scalars(query))


@login_required
def mark(submission_id: int) -> Any:
    """One paper: the extracted text, the download, feedback and grade (audit-logged on every view)."""
    submission, assignment, staff = submission_or_404(submission_id)
    require(staff is not None and submission.is_final)
    assert staff is not None
    marking = service.marking_of(submission)
    form = MarkingForm(obj=None)
    if request.method == "POST" and staff.marks and form.validate_on_submit():
        try:
            service.save_marking(assignment, submission, me(), form.feedback.data or "", parse_grade(form.grade.data),
                                 complete=bool(form.complete.data))  # fmt: skip
        except service.MarkingRefused as refusal:
            db.session.rollback()
            flash(_refusal(str(refusal)), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
        return redirect(url_for("submissions.mark", submission_id=submission.id), code=303)
    if request.method == "GET":
        form.feedback.data, form.grade.data = marking.feedback, _grade_value(marking.grade)
        audit(me(), "submission.view", submission)
        db.session.commit()
    second = SecondMarkingForm(
        second_grade=_grade_value(marking.second_grade), second_note=marking.second_note
    )
    agreed = AgreedGradeForm(final_grade=_grade_value(marking.final_grade))
    return render_template(
        "submissions/marking/mark.html", submission=submission, assignment=assignment, staff=staff,
        marking=marking, form=form, second_form=second, agreed_form=agreed, person=person(submission, assignment),
        format_grade=format_grade,
    )  # fmt: skip


def _grade_value(tenths: int | None) -> str:
    return "" if tenths is None else f"{tenths / 10:.1f}"


def _refusal(code: str) -> str:
    return {
        "released": _(
            "The grades of this assignment have been released; the marking cannot be changed any more."
        ),
        "grade": _("Please choose a grade before completing the marking."),
        "markdown": _(
            "The feedback could not be formatted in time; please simplify its Markdown (for example, fewer brackets)."
        ),
    }.get(code, code)


@login_required
def second(submission_id: int) -> Any:
    """The second marker's grade (or a responsible lecturer's entry of it)."""
    submission, assignment, staff = submission_or_404(submission_id)
    require(staff is not None and (staff.second or staff.responsible) and assignment.spec.second_marker)
    form = SecondMarkingForm()
    if form.validate_on_submit():
        try:
            service.save_second(
                submission, me(), parse_grade(form.second_grade.data), form.second_note.data or ""
            )
        except service.MarkingRefused as refusal:
            db.session.rollback()
            flash(_refusal(str(refusal)), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
    return redirect(url_for("submissions.mark", submission_id=submission.id), code=303)


@login_required
def agree(submission_id: int) -> Any:
    """The agreed final grade, recorded by a first marker."""
    submission, assignment, staff = submission_or_404(submission_id)
    require(staff is not None and staff.marks and assignment.spec.second_marker)
    form = AgreedGradeForm()
    if form.validate_on_submit():
        try:
            service.save_agreed(submission, me(), parse_grade(form.final_grade.data))
        except service.MarkingRefused as refusal:
            db.session.rollback()
            flash(_refusal(str(refusal)), "error")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
    return redirect(url_for("submissions.mark", submission_id=submission.id), code=303)


def _responsible(module_id: str, edition_id: str, assignment_id: str) -> Assignment:
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    require(staff_or_404(assignment).responsible)
    require(ActionForm().validate_on_submit() or request.endpoint == "submissions.add_marker")
    return assignment


@login_required
def release(module_id: str, edition_id: str, assignment_id: str) -> Any:
    """Release feedback and grades of every marked paper at once."""
    assignment = _responsible(module_id, edition_id, assignment_id)
    count = service.release(assignment, me())
    db.session.commit()
    flash(_("%(count)d results released; the students have been told.", count=count), "success")
    return _to_table(assignment)


@login_required
def reveal(module_id: str, edition_id: str, assignment_id: str) -> Any:
    """Reveal the students' names to the markers (cannot be undone)."""
    assignment = _responsible(module_id, edition_id, assignment_id)
    service.reveal(assignment, me())
    db.session.commit()
    flash(_("Names are now shown instead of candidate numbers."), "success")
    return _to_table(assignment)


@login_required
def add_marker(module_id: str, edition_id: str, assignment_id: str) -> Any:
    """Assign a lecturer or examiner as (second) marker."""
    assignment = _responsible(module_id, edition_id, assignment_id)
    form = MarkerForm()
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == form.email.data.strip().lower()))
        if user is None or not user.has_role(Role.LECTURER, Role.EXAMINER):
            flash(_("No lecturer or examiner has this e-mail address."), "error")
        else:
            service.add_marker(assignment, me(), user, bool(form.second.data))
            db.session.commit()
            flash(_("%(name)s now marks this assignment.", name=user.name), "success")
    return _to_table(assignment)


@login_required
def remove_marker(module_id: str, edition_id: str, assignment_id: str, marker_id: int) -> Any:
    """Take a marker off the assignment."""
    assignment = _responsible(module_id, edition_id, assignment_id)
    marker = db.session.get(Marker, marker_id)
    require(marker is not None and marker.key == assignment.key)
    assert marker is not None
    service.remove_marker(assignment, me(), marker)
    db.session.commit()
    return _to_table(assignment)
