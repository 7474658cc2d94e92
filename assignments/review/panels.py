"""Dashboard panel for students: papers that are to be discussed at the oral defence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from assignments.submissions.models import Submission
from assignments.submissions.service.assignments import find
from campus.accounts.models import User
from campus.extensions import db

from .models import DISCUSS
from .service.decisions import decisions_of


def to_discuss(user: User) -> dict[str, Any]:
    """The student's papers whose current decision is "discuss at the oral defence"."""
    rows = []
    for submission in db.session.scalars(select(Submission).filter_by(user_id=user.id)):
        decisions = decisions_of(submission)
        if decisions and decisions[0].action == DISCUSS:
            rows.append((submission, find(*submission.key)))
    return {"rows": rows}
