"""Who is enrolled in an edition: the one place submissions asks, through the course modules' enrolment
API (`campus.courses.enrolments`), so that the rule lives in one place for every feature.

Enrolment is per edition (a cohort enrolled in module X, edition 2026-27): it decides who may submit
to that edition's assignments and whose deadlines they are. Only published editions count.
"""

from __future__ import annotations

from campus.accounts.models import User
from campus.courses import enrolments


def enrolled_editions(user: User) -> set[tuple[str, str]]:
    """The (module_id, edition_id) pairs of the published editions ``user`` is enrolled in."""
    return {(module.id, edition.id) for module, edition in enrolments.enrolled_editions(user)}


def enrolled_students(module_id: str, edition_id: str) -> list[User]:
    """Every active student enrolled in the (published) edition, by name."""
    return enrolments.students_of(module_id, edition_id)
