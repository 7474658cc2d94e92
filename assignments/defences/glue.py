"""The few platform pieces this feature uses that other work is still reshaping, each behind one function.

When the core services (``campus.clock``, ``campus.mail``, ``campus.jobs``), the per-edition enrolment
API (``campus.courses.enrolments.students_of``) and submissions (``assignments.submissions``) are on
main, each function below switches to them in one line; nothing else in the feature needs to change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from blinker import Namespace
from flask import current_app
from sqlalchemy import select

from campus.accounts.models import Role, User, UserRole
from campus.audit import audit
from campus.courses.models import Enrolment
from campus.extensions import db


def now() -> datetime:
    """The current moment, aware UTC (to become ``campus.clock.now()``)."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A stored time as aware UTC: SQLite hands timestamps back without their zone."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def log(actor: User | None, action: str, obj: Any = None, details: dict[str, Any] | None = None) -> None:
    """Add an audit entry to the current unit of work; the caller commits."""
    audit(actor, action, obj, details, commit=False)


def enrolled_students(module_id: str, edition_id: str) -> list[User]:
    """Active students whose cohort is enrolled in the edition (to become ``enrolments.students_of``)."""
    query = (
        select(User)
        .join(Enrolment, Enrolment.cohort_id == User.cohort_id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(Enrolment.module_id == module_id, Enrolment.edition_id == edition_id)
        .where(UserRole.role == Role.STUDENT, User.active.is_(True))
        .order_by(User.name, User.id)
    )
    return list(db.session.scalars(query).unique())


def submission_of(student: User, module_id: str, edition_id: str, assignment_id: str) -> int | None:
    """The id of the student's final submission of the assignment, once submissions exist; else None."""
    return None


# Until campus.events exists on main: the platform's event of the same name and payload.
_events = Namespace()
defence_outcome_recorded = _events.signal("defence_outcome_recorded")


def emit_outcome(**payload: Any) -> None:
    """Emit ``defence_outcome_recorded`` (to become ``events.emit(events.defence_outcome_recorded, ...)``)."""
    defence_outcome_recorded.send(current_app._get_current_object(), **payload)  # type: ignore[attr-defined]
