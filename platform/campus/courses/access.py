"""Who sees which module and edition, and who is responsible for a module.

The rule (README, "Enrolment"): the published editions of every module, up to the current one, are
readable by every signed-in member of the programme. Enrolment is per edition and decides what is
*someone's*: "My modules", deadlines, who may submit and who must defend (see `enrolments`); a
student also reads a published edition that is not yet current once their cohort is enrolled in it.
Drafts are seen only by the people responsible for the module.

Anything a user may not see is reported as "not visible", and the views answer 404 for it, so the
existence of a draft or of an editing page is never revealed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from campus.accounts.models import Role, User, UserRole
from campus.extensions import db

from .content.manifest import Edition, Module, edition_state
from .models import Enrolment

STAFF = (Role.LECTURER, Role.EXAMINER, Role.ADMIN)

__all__ = ["STAFF", "Access", "access_for", "edition_state", "lecturers_without_account"]


class Access:
    """What one user may see of the modules; build it once per request with `access_for`."""

    def __init__(self, user: User, enrolled: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.user = user
        self.is_admin = user.has_role(Role.ADMIN)
        self.is_staff = user.has_role(*STAFF)
        self.is_lecturer = user.has_role(Role.LECTURER)
        self.enrolled = enrolled  # (module id, edition id) pairs the user's cohort is enrolled in

    def is_responsible(self, module: Module) -> bool:
        """Admins, and lecturers the module lists: they edit it, see its drafts and manage enrolments.

        Being listed is not enough: the account must hold the lecturer role too, so a student whose
        address appears in ``lecturers`` gets nothing from it.
        """
        return self.is_admin or (self.is_lecturer and module.is_lecturer(self.user.email))

    def sees_edition(self, module: Module, edition: Edition) -> bool:
        """Drafts: responsible people only. Published editions up to the current one: everybody.

        A published edition after the current one: staff, and students enrolled in it.
        """
        if not edition.is_published:
            return self.is_responsible(module)
        if self.is_staff or edition.id <= module.current_edition:
            return True
        return (module.id, edition.id) in self.enrolled

    def sees_module(self, module: Module) -> bool:
        """Staff see every module, everyone else the modules with an edition they may read."""
        return self.is_staff or any(self.sees_edition(module, e) for e in module.editions.values())

    def editions(self, module: Module) -> list[Edition]:
        """The visible editions of `module`, oldest first."""
        return [e for e in module.editions.values() if self.sees_edition(module, e)]

    def current(self, module: Module) -> Edition | None:
        """The module's current edition if this user may see it."""
        return module.current if self.sees_edition(module, module.current) else None


def access_for(user: User) -> Access:
    """The `Access` of `user`; one query for the enrolments of a user with a cohort, none otherwise."""
    if user.cohort_id is None:
        return Access(user)
    query = select(Enrolment.module_id, Enrolment.edition_id).where(Enrolment.cohort_id == user.cohort_id)
    return Access(user, frozenset(db.session.execute(query).tuples()))


def lecturers_without_account(modules: Iterable[Module]) -> dict[str, list[str]]:
    """Per module id, the listed lecturer addresses with no active lecturer account (they cannot edit).

    Modules whose lecturers all have one are left out; one query for all modules.
    """
    modules = list(modules)
    wanted = {email.lower() for m in modules for email in m.lecturers}
    if not wanted:
        return {}
    query = (
        select(func.lower(User.email))
        .join(UserRole, UserRole.user_id == User.id)
        .where(func.lower(User.email).in_(wanted), UserRole.role == Role.LECTURER, User.active.is_(True))
    )
    found = set(db.session.scalars(query))
    missing = {m.id: [e for e in m.lecturers if e.lower() not in found] for m in modules}
    return {module_id: emails for module_id, emails in missing.items() if emails}
