"""Who is enrolled in an edition: the one place submissions asks, so the rule can change in one line.

Enrolment is per edition (a cohort enrolled in module X, edition 2026-27): it decides who may submit
to that edition's assignments and whose deadlines they are.
"""

from __future__ import annotations

from sqlalchemy import select

from campus.accounts.models import User
from campus.courses.models import Enrolment
from campus.extensions import db


def enrolled_editions(user: User) -> set[tuple[str, str]]:
    """The (module_id, edition_id) pairs ``user`` is enrolled in."""
    if user.cohort_id is None:
        return set()
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).where(Enrolment.cohort_id == user.cohort_id)
    )
    return set(rows.tuples())


def enrolled_students(module_id: str, edition_id: str) -> list[User]:
    """Every student enrolled in the edition, by name."""
    query = (
        select(User)
        .join(Enrolment, Enrolment.cohort_id == User.cohort_id)
        .where(Enrolment.module_id == module_id, Enrolment.edition_id == edition_id, User.active.is_(True))
        .order_by(User.name)
    )
    return list(db.session.scalars(query))
