"""Defence windows: which exist, who serves on them, who must defend, and their rules right now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.courses.content.manifest import AssignmentSpec, DefenceSpec, Edition, Module
from campus.courses.current import catalogue
from campus.extensions import db

from .. import glue
from ..models import Accommodation, Invitation


@dataclass(frozen=True)
class Window:
    """A window row with the module, edition and rules it stands for."""

    module: Module
    edition: Edition
    assignment: AssignmentSpec
    spec: DefenceSpec

    @property
    def key(self) -> str:
        """The window's key in every row that belongs to it: "module/edition/assignment"."""
        return f"{self.module.id}/{self.edition.id}/{self.assignment.id}"

    @property
    def parts(self) -> dict[str, str]:
        """URL values of the window's pages."""
        return {
            "module_id": self.module.id,
            "edition_id": self.edition.id,
            "assignment_id": self.assignment.id,
        }

    @property
    def title(self) -> str:
        return self.assignment.title

    def examiner_emails(self) -> set[str]:
        """Who serves: the window's examiners, else the module's lecturers (case-insensitive)."""
        listed = self.spec.examiners or self.module.lecturers
        return {email.casefold() for email in listed}

    def serves(self, user: User) -> bool:
        """Whether ``user`` is an examiner of this window (examiner or lecturer role required)."""
        return user.has_role(Role.EXAMINER, Role.LECTURER) and user.email.casefold() in self.examiner_emails()

    def is_responsible(self, user: User) -> bool:
        """The module's lecturers (with the lecturer role) and admins run the window."""
        return user.has_role(Role.ADMIN) or (
            user.has_role(Role.LECTURER) and self.module.is_lecturer(user.email)
        )

    def booking_open(self, at: datetime) -> bool:
        """Whether students may book at ``at``."""
        opens, closes = self.spec.booking_opens, self.spec.booking_closes
        return (opens is None or opens <= at) and (closes is None or at <= closes)

    @property
    def notice(self) -> timedelta:
        return timedelta(hours=self.spec.notice_hours)


def _specs() -> list[tuple[Module, Edition, AssignmentSpec]]:
    found = []
    for module in catalogue(current_app).modules.values():
        for edition in module.editions.values():
            if edition.is_published:
                found += [(module, edition, a) for a in edition.assignments if a.defence is not None]
    return found


def all_windows() -> list[Window]:
    """Every window of a published edition, the latest window first."""
    found = []
    for module, edition, assignment in _specs():
        assert assignment.defence is not None
        found.append(Window(module, edition, assignment, assignment.defence))
    return sorted(found, key=lambda w: (w.spec.window_start, w.module.id), reverse=True)


def window(module_id: str, edition_id: str, assignment_id: str) -> Window | None:
    """The window of that assignment if its edition is published and defines a defence; else None."""
    module = catalogue(current_app).get(module_id)
    edition = module.edition(edition_id) if module else None
    assignment = edition.assignment(assignment_id) if edition and edition.is_published else None
    if module is None or edition is None or assignment is None or assignment.defence is None:
        return None
    return Window(module, edition, assignment, assignment.defence)


def by_key(key: str) -> Window | None:
    """The window with this key, or None."""
    parts = key.split("/")
    return window(*parts) if len(parts) == 3 else None


def served_by(user: User) -> list[Window]:
    """The windows ``user`` serves on as an examiner."""
    return [w for w in all_windows() if w.serves(user)]


def run_by(user: User) -> list[Window]:
    """The windows ``user`` is responsible for."""
    return [w for w in all_windows() if w.is_responsible(user)]


def examiners_of(win: Window) -> list[User]:
    """The examiner accounts of a window, by name."""
    emails = win.examiner_emails()
    users = db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name, User.id))
    return [u for u in users if u.email.casefold() in emails and win.serves(u)]


def must_defend(win: Window) -> list[User]:
    """The students who must (or were invited to) defend in this window, by name."""
    enrolled = glue.enrolled_students(win.module.id, win.edition.id)
    if win.spec.who == "everyone":
        return enrolled
    invited = set(db.session.scalars(select(Invitation.student_id).filter_by(window_key=win.key)))
    return [s for s in enrolled if s.id in invited]


def may_defend(win: Window, student: User) -> bool:
    """Whether ``student`` must or may book in this window."""
    return any(s.id == student.id for s in must_defend(win))


def windows_of_student(student: User) -> list[Window]:
    """The windows this student must or may book in."""
    return [w for w in all_windows() if may_defend(w, student)]


def has_accommodation(student_id: int) -> bool:
    """Whether a Nachteilsausgleich is recorded for the student."""
    return db.session.scalar(select(Accommodation.id).filter_by(student_id=student_id)) is not None


def duration(win: Window, student_id: int) -> int:
    """The student's defence length in minutes: the long slot with Nachteilsausgleich."""
    return win.spec.long_minutes if has_accommodation(student_id) else win.spec.minutes
