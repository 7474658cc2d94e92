"""Who may see or do what with submissions. Anything a user may not see is answered with 404.

- the student sees their own submissions, versions, receipts, extensions and released feedback;
- markers of an assignment (its responsible lecturers, and people assigned as markers) mark it;
  assigned second markers record the second grade; only responsible lecturers manage markers,
  decide extensions, release grades and reveal identities;
- administrators may look at everything (read-only);
- everybody else sees nothing, and gets 404 for every id.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.extensions import db

from .models import Marker, Submission
from .service.assignments import Assignment, all_assignments


@dataclass(frozen=True)
class StaffRoles:
    """What one person is for one assignment."""

    responsible: bool = False
    marker: bool = False
    second: bool = False
    admin: bool = False

    @property
    def marks(self) -> bool:
        """Writes first-marker feedback and grades."""
        return self.responsible or self.marker

    @property
    def staff(self) -> bool:
        """Sees the marking pages of the assignment at all."""
        return self.responsible or self.marker or self.second or self.admin


def roles(user: User, assignment: Assignment) -> StaffRoles:
    """``user``'s roles for ``assignment``; responsible lecturers need the lecturer role too."""
    responsible = user.has_role(Role.LECTURER) and assignment.module.is_lecturer(user.email)
    module_id, edition_id, assignment_id = assignment.key
    marker = db.session.scalar(
        select(Marker).filter_by(
            module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, user_id=user.id
        )
    )
    return StaffRoles(
        responsible=responsible,
        marker=marker is not None and not marker.second,
        second=marker is not None and marker.second,
        admin=user.has_role(Role.ADMIN),
    )


def is_owner(user: User, submission: Submission) -> bool:
    """Whether ``submission`` is ``user``'s own."""
    return submission.user_id == user.id


def sees_names(user: User, assignment: Assignment) -> bool:
    """Whether staff pages show ``user`` names: not blind, revealed, or an administrator who marks nothing."""
    if not assignment.blind:
        return True
    staff = roles(user, assignment)
    return staff.admin and not (staff.responsible or staff.marker or staff.second)


def require(condition: bool) -> None:
    """404 unless ``condition``: what one may not see does not exist."""
    if not condition:
        abort(404)


def staff_assignments(user: User) -> list[Assignment]:
    """The assignments ``user`` has a staff role for, newest edition first (administrators: all)."""
    found = [a for a in all_assignments() if roles(user, a).staff]
    return sorted(found, key=lambda a: (a.edition.id, a.spec.due), reverse=True)
