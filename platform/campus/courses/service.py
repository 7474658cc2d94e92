"""Reading-side rules of course modules: who sees which edition, cohort enrolments, upcoming deadlines.

Plain functions and one small class; the views, the dashboard panels and the demo seed call them.
Anything a user may not see is reported as "not visible", and the views answer 404 for it, so the
existence of a draft or of a module one is not enrolled in is never revealed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import Cohort, Role, User, utcnow
from campus.audit import audit
from campus.extensions import db

from .manifest import AssignmentSpec, Edition, Module
from .models import Enrolment
from .validate import BERLIN

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


# --- enrolments -------------------------------------------------------------------------------------


class EnrolmentError(ValueError):
    """An enrolment was refused; the message is shown to the user."""


def enrolments_of(module_id: str) -> list[Enrolment]:
    """The enrolments of a module, newest edition first."""
    query = (
        select(Enrolment)
        .join(Cohort)
        .where(Enrolment.module_id == module_id)
        .order_by(Enrolment.edition_id.desc(), Cohort.name)
    )
    return list(db.session.scalars(query))


def enrol(module: Module, edition_id: str, cohort: Cohort, actor: User | None) -> Enrolment:
    """Enrol `cohort` in an edition of `module` and log it (audit "enrolment.create")."""
    if module.edition(edition_id) is None:
        raise EnrolmentError(_("The module has no edition %(edition)s.", edition=edition_id))
    exists = select(Enrolment.id).filter_by(cohort_id=cohort.id, module_id=module.id, edition_id=edition_id)
    if db.session.scalar(exists) is not None:
        raise EnrolmentError(
            _("%(cohort)s is already enrolled in %(edition)s.", cohort=cohort.name, edition=edition_id)
        )
    enrolment = Enrolment(cohort=cohort, module_id=module.id, edition_id=edition_id, created_by=actor)
    db.session.add(enrolment)
    db.session.flush()
    details = {"module": module.id, "edition": edition_id, "cohort": cohort.name}
    audit(actor, "enrolment.create", enrolment, details)  # commits
    return enrolment


def unenrol(enrolment: Enrolment, actor: User | None) -> None:
    """Remove an enrolment and log it (audit "enrolment.delete")."""
    details = {
        "module": enrolment.module_id,
        "edition": enrolment.edition_id,
        "cohort": enrolment.cohort.name,
    }
    obj = ("enrolment", enrolment.id)
    db.session.delete(enrolment)
    audit(actor, "enrolment.delete", obj, details)  # commits


def seed_demo_enrolments(modules: Iterable[Module], cohort_name: str) -> int:
    """Enrol the demo cohort in the current edition of every module it is missing from; returns how many."""
    cohort = db.session.scalar(select(Cohort).filter_by(name=cohort_name))
    if cohort is None:
        return 0
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).filter_by(cohort_id=cohort.id)
    )
    have = set(rows.tuples())
    created = 0
    for module in modules:
        if (module.id, module.current_edition) not in have:
            db.session.add(Enrolment(cohort=cohort, module_id=module.id, edition_id=module.current_edition))
            created += 1
    db.session.commit()
    return created


# --- a student's modules and deadlines --------------------------------------------------------------


def enrolled_current(user: User, modules: Iterable[Module]) -> list[tuple[Module, Edition]]:
    """The published current editions the user's cohort is enrolled in, ordered by semester and title."""
    if user.cohort_id is None:
        return []
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).filter_by(cohort_id=user.cohort_id)
    )
    enrolled = set(rows.tuples())
    found = [
        (m, m.current) for m in modules if (m.id, m.current_edition) in enrolled and m.current.is_published
    ]
    return sorted(found, key=lambda pair: (pair[0].semester, pair[0].title_for("de")))


@dataclass(frozen=True)
class Deadline:
    """One upcoming moment of an assignment: its due date or its cut-off for late submissions."""

    module: Module
    edition: Edition
    assignment: AssignmentSpec
    kind: str  # "due" or "cutoff"
    at: datetime
    days_left: int


def upcoming_deadlines(
    editions: Iterable[tuple[Module, Edition]], now: datetime | None = None
) -> list[Deadline]:
    """Due dates and cut-offs still ahead of `now`, soonest first; days are counted in Berlin time."""
    now = now or utcnow()
    today = now.astimezone(BERLIN).date()
    found = []
    for module, edition in editions:
        for assignment in edition.assignments:
            moments = [("due", assignment.due)]
            if assignment.cutoff != assignment.due:  # no period of grace: one entry, not two
                moments.append(("cutoff", assignment.cutoff))
            for kind, at in moments:
                if at > now:
                    days = (at.astimezone(BERLIN).date() - today).days
                    found.append(Deadline(module, edition, assignment, kind, at, days))
    return sorted(found, key=lambda d: (d.at, d.module.id, d.kind))


# --- the year-to-year diff, shortened for reading ---------------------------------------------------

CONTEXT = 160  # characters of unchanged text kept on each side of a change


def _cut(text: str, at: int, forward: bool) -> int:
    # Move a cut to the nearest whitespace, so no word is split.
    where = text.find(" ", at) if forward else text.rfind(" ", 0, at)
    return at if where == -1 else where


def condense(ops: Sequence[tuple[str, str]], context: int = CONTEXT) -> list[tuple[str, str]]:
    """`diff.word_diff` output with long unchanged runs shortened to their ends, joined by ("gap", "")."""
    out: list[tuple[str, str]] = []
    last = len(ops) - 1
    for i, (op, chunk) in enumerate(ops):
        keep_head, keep_tail = i > 0, i < last  # text next to a change on that side
        if op != "equal" or len(chunk) <= context * (keep_head + keep_tail) + 40:
            out.append((op, chunk))
            continue
        head = chunk[: _cut(chunk, context, True)] if keep_head else ""
        tail = chunk[_cut(chunk, len(chunk) - context, False) :] if keep_tail else ""
        out += [(o, t) for o, t in (("equal", head), ("gap", ""), ("equal", tail)) if t or o == "gap"]
    return out
