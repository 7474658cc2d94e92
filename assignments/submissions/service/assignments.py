"""Assignments as submissions sees them: the edition.toml task, its record, and a student's deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from campus import clock
from campus.accounts.models import User
from campus.courses.content.manifest import AssignmentSpec, Edition, Module
from campus.courses.current import catalogue
from campus.extensions import db

from ..enrolment import enrolled_editions
from ..models import GRANTED, AssignmentRecord, Extension, Submission

OPEN_SOON, OPEN, LATE, CLOSED = "not_open", "open", "late", "closed"


@dataclass(frozen=True)
class Assignment:
    """An assignment of a module edition, as found in the current catalogue."""

    module: Module
    edition: Edition
    spec: AssignmentSpec

    @property
    def key(self) -> tuple[str, str, str]:
        """(module_id, edition_id, assignment_id)."""
        return (self.module.id, self.edition.id, self.spec.id)

    @property
    def title(self) -> str:
        """The assignment's title."""
        return self.spec.title

    def record(self, create: bool = False) -> AssignmentRecord | None:
        """The assignment's database record (identities revealed, grades released)."""
        module_id, edition_id, assignment_id = self.key
        found = db.session.scalar(
            select(AssignmentRecord).filter_by(
                module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
            )
        )
        if found is None and create:
            found = AssignmentRecord(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id)
            db.session.add(found)
            db.session.flush()
        return found

    @property
    def blind(self) -> bool:
        """Whether markers see candidate numbers instead of names (until identities are revealed)."""
        record = self.record()
        return self.spec.blind and (record is None or record.revealed_at is None)

    def retain_until(self) -> date:
        """When submissions of this assignment are to be deleted: end of term plus the retention period."""
        years = int(current_app.config.get("SUBMISSION_RETENTION_YEARS", 5))
        end = self.edition.term_end
        try:
            return end.replace(year=end.year + years)
        except ValueError:  # 29 February
            return end.replace(year=end.year + years, day=28)


@dataclass(frozen=True)
class Deadline:
    """A student's due date and cut-off (an extension replaces the assignment's own), aware UTC."""

    due: datetime
    cutoff: datetime
    extension: Extension | None = None

    def phase(self, opens: datetime, at: datetime) -> str:
        """Where ``at`` lies: before the opening, on time, late (after due, until cut-off) or closed."""
        if at < opens:
            return OPEN_SOON
        if at <= self.due:
            return OPEN
        return LATE if at <= self.cutoff else CLOSED


def find(module_id: str, edition_id: str, assignment_id: str) -> Assignment | None:
    """The assignment, or None when the module, edition or assignment does not exist (any more)."""
    module = catalogue(current_app).get(module_id)
    edition = module.edition(edition_id) if module else None
    spec = edition.assignment(assignment_id) if edition else None
    if module is None or edition is None or spec is None:
        return None
    return Assignment(module, edition, spec)


def all_assignments() -> list[Assignment]:
    """Every assignment of every edition in the catalogue."""
    found: list[Assignment] = []
    for module in catalogue(current_app).modules.values():
        for edition in module.editions.values():
            found.extend(Assignment(module, edition, spec) for spec in edition.assignments)
    return found


def for_student(user: User) -> list[Assignment]:
    """The assignments of the published editions ``user`` is enrolled in, soonest due first."""
    enrolled = enrolled_editions(user)
    found = [
        a for a in all_assignments() if (a.module.id, a.edition.id) in enrolled and a.edition.is_published
    ]
    return sorted(found, key=lambda a: (a.spec.due, a.module.id))


def granted_extension(assignment: Assignment, user: User) -> Extension | None:
    """The student's granted extension of this assignment (the latest, if there were several)."""
    module_id, edition_id, assignment_id = assignment.key
    query = (
        select(Extension)
        .filter_by(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, user_id=user.id)
        .where(Extension.state == GRANTED)
        .order_by(Extension.decided_at.desc())
    )
    return db.session.scalars(query).first()


def deadline_for(assignment: Assignment, user: User) -> Deadline:
    """The student's deadline: the assignment's, or a granted extension's."""
    extension = granted_extension(assignment, user)
    if extension is not None and extension.due is not None and extension.cutoff is not None:
        return Deadline(clock.aware(extension.due), clock.aware(extension.cutoff), extension)
    return Deadline(assignment.spec.due, assignment.spec.cutoff)


def phase_now(assignment: Assignment, user: User) -> str:
    """The hand-in phase for ``user`` at this moment."""
    return deadline_for(assignment, user).phase(assignment.spec.opens, clock.now())


def assignments_with_submissions() -> set[tuple[str, str, str]]:
    """Every (module id, edition id, assignment id) that has submissions (it must stay in edition.toml)."""
    query = select(Submission.module_id, Submission.edition_id, Submission.assignment_id).distinct()
    return {(row[0], row[1], row[2]) for row in db.session.execute(query)}
