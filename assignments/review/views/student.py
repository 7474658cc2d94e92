"""What a student sees of the review: only the passages and questions of a paper to be discussed at
the oral defence, never a score, a band or a probability."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from assignments.submissions.models import Submission
from assignments.submissions.permissions import require
from assignments.submissions.service.assignments import find
from campus.extensions import db

from ..models import DISCUSS
from ..service.decisions import decisions_of
from .report import me


@login_required
def discussion(submission_id: int) -> str:
    """The questions for the student's defence, with the passages they are about (owner only)."""
    submission = db.session.get(Submission, submission_id)
    require(submission is not None and submission.user_id == me().id)
    assert submission is not None
    decisions = decisions_of(submission)
    require(bool(decisions) and decisions[0].action == DISCUSS)
    return render_template("review/discussion.html", submission=submission, assignment=find(*submission.key),
                           decision=decisions[0])  # fmt: skip
