"""After the upload: the receipt, handing in finally, the status page and its progress, feedback."""

from __future__ import annotations

from typing import Any

from flask import Response, flash, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from campus.extensions import db

from ..forms import FinaliseForm
from ..models import RELEASED
from ..permissions import require
from ..service.assignments import deadline_for
from ..service.hand_in import HandInRefused, finalise
from ..service.receipts import receipt_context
from .common import marking_or_404, me, submission_or_404, version_or_404


@login_required
def receipt(version_id: int) -> str:
    """The receipt of one version (its student only): shown once file and row are stored."""
    version, _assignment, staff = version_or_404(version_id)
    require(staff is None)
    return render_template("submissions/receipt.html", **receipt_context(version))


@login_required
def receipt_text(version_id: int) -> Response:
    """The receipt as a text file to keep."""
    version, _assignment, staff = version_or_404(version_id)
    require(staff is None)
    body = render_template("submissions/receipt.txt", **receipt_context(version))
    name = f"Quittung-{version.receipt_code}.txt"
    return Response(
        body, mimetype="text/plain", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@login_required
def finalise_submission(submission_id: int) -> Any:
    """Hand in finally ("Endgültig abgeben"); a double click hands in once."""
    submission, assignment, staff = submission_or_404(submission_id)
    require(staff is None)
    form = FinaliseForm()
    if not form.validate_on_submit():
        flash(_("Please confirm that you want to hand in finally."), "error")
        return redirect(url_for("submissions.assignment", module_id=assignment.module.id,
                                edition_id=assignment.edition.id, assignment_id=assignment.spec.id))  # fmt: skip
    try:
        changed = finalise(submission, me())
    except HandInRefused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
    else:
        db.session.commit()
        if changed:
            flash(_("Your paper has been handed in finally."), "success")
    return redirect(url_for("submissions.status", submission_id=submission.id), code=303)


@login_required
def status(submission_id: int) -> str:
    """What happened to my submission: received, text extracted, handed in, in marking, feedback."""
    submission, assignment, staff = submission_or_404(submission_id)
    require(staff is None)
    marking = submission.marking
    return render_template(
        "submissions/status.html",
        submission=submission,
        assignment=assignment,
        deadline=deadline_for(assignment, me()),
        marking=marking if marking is not None and marking.status == RELEASED else None,
        marking_started=marking is not None and marking.status != "not_marked",
    )


@login_required
def status_json(submission_id: int) -> Response:
    """The extraction's progress, polled by the status and receipt pages."""
    submission, _assignment, staff = submission_or_404(submission_id)
    require(staff is None)
    latest = submission.latest
    return jsonify(
        state=submission.state,
        extraction=latest.extraction if latest else None,
        words=latest.words if latest else None,
    )


@login_required
def feedback(marking_id: int) -> str:
    """Released feedback and grade (its student), or the feedback as the student will see it (staff)."""
    marking, assignment, staff = marking_or_404(marking_id)
    require(staff is not None or marking.status == RELEASED)
    return render_template("submissions/feedback.html", marking=marking, assignment=assignment, staff=staff)
