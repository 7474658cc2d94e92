"""Extension requests: the student asks, a responsible lecturer decides."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from campus import clock
from campus.extensions import db

from ..forms import ExtensionDecisionForm, ExtensionRequestForm
from ..models import REQUESTED
from ..permissions import require
from ..service import extensions
from .common import assignment_or_404, extension_or_404, me, staff_or_404
from .student import _enrolled_or_404


@login_required
def request_extension(module_id: str, edition_id: str, assignment_id: str) -> Any:
    """Ask for more time, with a reason category and a short text (never a medical document)."""
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    _enrolled_or_404(assignment)
    form = ExtensionRequestForm()
    if extensions.open_request(assignment, me()) is not None:
        flash(_("Your earlier request is still waiting for a decision."), "error")
    elif form.validate_on_submit():
        extension = extensions.request_extension(assignment, me(), form.reason.data, form.note.data.strip())
        db.session.commit()
        flash(_("Your request has been sent to the responsible lecturers."), "success")
        return redirect(url_for("submissions.extension", extension_id=extension.id), code=303)
    else:
        return render_template("submissions/extension_request.html", assignment=assignment, form=form), 422
    return redirect(
        url_for(
            "submissions.assignment", module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
        )
    )


@login_required
def extension(extension_id: int) -> Any:
    """A request: its student sees the state; a responsible lecturer decides on it."""
    found, assignment, staff = extension_or_404(extension_id)
    form = ExtensionDecisionForm()
    if staff is not None and staff.responsible and form.validate_on_submit():
        grant = form.decision.data == "grant"
        due = clock.from_local(form.due.data) if grant and form.due.data else None
        cutoff = clock.from_local(form.cutoff.data) if grant and form.cutoff.data else None
        extensions.decide(assignment, found, me(), grant, due, cutoff, form.office_confirmed.data == "yes",
                          (form.note.data or "").strip())  # fmt: skip
        db.session.commit()
        flash(_("The decision has been saved and the student told."), "success")
        return redirect(url_for("submissions.extension", extension_id=found.id), code=303)
    if staff is not None and form.due.data is None and found.state == REQUESTED:
        form.due.data = clock.to_local(assignment.spec.due).replace(tzinfo=None)
        form.cutoff.data = clock.to_local(assignment.spec.cutoff).replace(tzinfo=None)
    return render_template(
        "submissions/extension.html", extension=found, assignment=assignment, staff=staff, form=form
    )


@login_required
def extension_list(module_id: str, edition_id: str, assignment_id: str) -> str:
    """Every request of an assignment, for its responsible lecturers."""
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    staff = staff_or_404(assignment)
    require(staff.responsible or staff.admin)
    return render_template("submissions/marking/extensions.html", assignment=assignment,
                           requests=extensions.requests_of(assignment))  # fmt: skip
