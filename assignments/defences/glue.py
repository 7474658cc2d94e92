"""The platform pieces this feature leans on, each behind one function: the clock, the audit log, the
outcome event, who is enrolled, and the student's submission.

Who is enrolled follows the course modules' per-edition rule (``campus.courses.enrolments``), and
the submission comes from ``assignments.submissions``: each is one call here, so the feature itself
never names those packages.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from assignments.submissions.service.assignments import find
from assignments.submissions.service.hand_in import submission_of as _submission
from campus import clock, events
from campus.accounts.models import User
from campus.audit import audit
from campus.courses import enrolments


def now() -> datetime:
    """The current moment, aware UTC (the platform clock, frozen in tests)."""
    return clock.now()


def aware(moment: datetime) -> datetime:
    """A stored time as aware UTC: SQLite hands timestamps back without their zone."""
    return clock.aware(moment)


def log(actor: User | None, action: str, obj: Any = None, details: dict[str, Any] | None = None) -> None:
    """Add an audit entry to the current unit of work; the caller commits."""
    audit(actor, action, obj, details)


def enrolled_students(module_id: str, edition_id: str) -> list[User]:
    """Active students whose cohort is enrolled in the published edition (the course modules' rule)."""
    return enrolments.students_of(module_id, edition_id)


def submission_of(student: User, module_id: str, edition_id: str, assignment_id: str) -> int | None:
    """The id of the student's submission of the assignment (a draft too: the defence belongs to it), or
    None when the student has not uploaded anything (yet)."""
    assignment = find(module_id, edition_id, assignment_id)
    found = _submission(assignment, student) if assignment else None
    return found.id if found else None


def emit_outcome(**payload: Any) -> None:
    """Emit ``defence_outcome_recorded`` (payload: defence_id, submission_id, outcome, and more)."""
    events.emit(events.defence_outcome_recorded, **payload)
