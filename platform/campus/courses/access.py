"""Who sees which module and edition, and what state an edition is in.

Anything a user may not see is reported as "not visible", and the views answer 404 for it, so the
existence of a draft or of a module one is not enrolled in is never revealed. Who may edit a module
is `Access.is_responsible` (admins and the module's lecturers).
"""

from __future__ import annotations

from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.extensions import db

from .content.manifest import Edition, Module
from .models import Enrolment

STAFF = (Role.LECTURER, Role.EXAMINER, Role.ADMIN)


class Access:
    """What one user may see of the modules; build it once per request with `access_for`."""

    def __init__(self, user: User, enrolled: frozenset[str] = frozenset()) -> None:
        self.user = user
        self.is_admin = user.has_role(Role.ADMIN)
        self.is_staff = user.has_role(*STAFF)
        self.enrolled = enrolled  # module ids the user's cohort is enrolled in (students only)

    def is_responsible(self, module: Module) -> bool:
        """Admins and the module's lecturers: they see drafts and manage enrolments."""
        return self.is_admin or module.is_lecturer(self.user.email)

    def sees_module(self, module: Module) -> bool:
        """Staff see every module, students the modules their cohort is enrolled in."""
        return self.is_staff or module.id in self.enrolled

    def sees_edition(self, module: Module, edition: Edition) -> bool:
        """Drafts: responsible people only. Students: published editions up to the current one."""
        if not self.sees_module(module):
            return False
        if not edition.is_published:
            return self.is_responsible(module)
        return self.is_staff or edition.id <= module.current_edition

    def editions(self, module: Module) -> list[Edition]:
        """The visible editions of `module`, oldest first."""
        return [e for e in module.editions.values() if self.sees_edition(module, e)]

    def current(self, module: Module) -> Edition | None:
        """The module's current edition if this user may see it."""
        return module.current if self.sees_edition(module, module.current) else None


def access_for(user: User) -> Access:
    """The `Access` of `user`; one query for a student's enrolled modules, none for staff."""
    if user.has_role(*STAFF) or user.cohort_id is None:
        return Access(user)
    query = select(Enrolment.module_id).where(Enrolment.cohort_id == user.cohort_id).distinct()
    return Access(user, frozenset(db.session.scalars(query)))


def edition_state(module: Module, edition: Edition) -> str:
    """ "current", "archived" (an earlier, read-only edition), "draft" or "upcoming" (published, not yet current)."""
    if not edition.is_published:
        return "draft"
    if edition.id == module.current_edition:
        return "current"
    return "archived" if edition.id < module.current_edition else "upcoming"
