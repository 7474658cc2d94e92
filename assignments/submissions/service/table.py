"""The marking table: one row per enrolled student (and anyone else who submitted), filtered and sorted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from campus import clock
from campus.accounts.models import User
from campus.extensions import db

from ..columns import extra_columns
from ..enrolment import enrolled_students
from ..models import FINAL, NOT_MARKED, Submission
from .assignments import Assignment, granted_extension

# Row statuses, in workflow order (the filter offers them in this order).
STATUSES = ("not_submitted", "draft", NOT_MARKED, "in_marking", "marked", "released")


def status_labels() -> dict[str, str]:
    """The statuses as people read them."""
    return {
        "not_submitted": _("Nothing uploaded"), "draft": _("Draft"), NOT_MARKED: _("Not marked"),
        "in_marking": _("In marking"), "marked": _("Marked"), "released": _("Released"),
    }  # fmt: skip


@dataclass
class Row:
    """One student's line."""

    user: User
    submission: Submission | None
    label: str
    status: str
    version: int | None = None
    uploaded_at: datetime | None = None
    late: bool = False
    extension: bool = False
    words: int | None = None
    grade: int | None = None  # the final grade where one is agreed, else the (first) marker's
    extra: dict[str, str | None] = field(default_factory=dict)


def _status(submission: Submission | None) -> str:
    if submission is None or not submission.versions:
        return "not_submitted"
    if submission.state != FINAL:
        return "draft"
    return submission.marking.status if submission.marking else NOT_MARKED


def _grade(submission: Submission | None) -> int | None:
    marking = submission.marking if submission is not None else None
    if marking is None:
        return None
    return marking.final_grade if marking.final_grade is not None else marking.grade


def rows(assignment: Assignment, names: bool) -> list[Row]:
    """Every row of the table; ``names`` False shows candidate numbers (blind marking)."""
    module_id, edition_id, assignment_id = assignment.key
    submissions = {
        s.user_id: s
        for s in db.session.scalars(
            select(Submission).filter_by(
                module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
            )
        )
    }
    people = {u.id: u for u in enrolled_students(module_id, edition_id)}
    people.update({s.user_id: s.user for s in submissions.values()})
    columns = extra_columns()
    found = []
    for user in people.values():
        submission = submissions.get(user.id)
        if submission is None and not names:
            continue  # blind: a student without a submission has no candidate number to show
        latest = submission.latest if submission else None
        row = Row(
            user=user, submission=submission, status=_status(submission),
            label=user.name if names or submission is None else submission.candidate_number,
            version=latest.number if latest else None, uploaded_at=clock.aware(latest.uploaded_at) if latest else None,
            late=bool(latest and latest.late), extension=granted_extension(assignment, user) is not None,
            words=latest.words if latest else None, grade=_grade(submission),
        )  # fmt: skip
        if submission is not None:
            row.extra = {c.key: c.value(submission) for c in columns}
        found.append(row)
    return found


def _sort_key(key: str) -> Any:
    columns = {c.key: c for c in extra_columns() if c.sort_key is not None}
    if key in columns:
        column = columns[key]
        return lambda r: (r.submission is None, column.sort_key(r.submission) if r.submission else None)  # type: ignore[misc]
    keys = {
        "person": lambda r: r.label.casefold(),
        "time": lambda r: (r.uploaded_at is None, r.uploaded_at or datetime.min),
        "words": lambda r: (r.words is None, r.words or 0),
        "grade": lambda r: (r.grade is None, r.grade or 0),
        "status": lambda r: STATUSES.index(r.status),
        "late": lambda r: r.late,
    }
    return keys.get(key, keys["person"])


def filtered(
    found: list[Row], status: str | None, late: str | None, sort: str, descending: bool
) -> list[Row]:
    """The rows matching the filters, sorted by ``sort`` (a column key)."""
    chosen = [
        r for r in found
        if (not status or r.status == status) and (not late or r.late == (late == "yes"))
    ]  # fmt: skip
    return sorted(chosen, key=_sort_key(sort), reverse=descending)
