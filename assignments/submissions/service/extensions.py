"""Extensions: a student asks for more time, a responsible lecturer grants (new due date and cut-off
for that student) or refuses; both sides are told, and everything is audit-logged. No medical
documents are ever uploaded or stored: only whether the examination office confirmed the reason."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from campus import clock, mail
from campus.accounts.models import Role, User
from campus.audit import audit
from campus.extensions import db

from ..models import GRANTED, REFUSED, REQUESTED, Extension
from .assignments import Assignment


def requests_of(assignment: Assignment, user: User | None = None) -> list[Extension]:
    """The assignment's extension requests (of one student, if given), newest first."""
    module_id, edition_id, assignment_id = assignment.key
    query = select(Extension).filter_by(
        module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
    )
    if user is not None:
        query = query.filter_by(user_id=user.id)
    return list(db.session.scalars(query.order_by(Extension.created_at.desc())))


def open_request(assignment: Assignment, user: User) -> Extension | None:
    """The student's request that waits for a decision, if any."""
    return next((e for e in requests_of(assignment, user) if e.state == REQUESTED), None)


def lecturers_of(assignment: Assignment) -> list[User]:
    """Accounts of the module's responsible lecturers (with the lecturer role)."""
    emails = [email.casefold() for email in assignment.module.lecturers]
    candidates = db.session.scalars(select(User).where(User.active.is_(True)))
    return [u for u in candidates if u.email.casefold() in emails and u.has_role(Role.LECTURER)]


def request_extension(assignment: Assignment, user: User, reason: str, note: str) -> Extension:
    """Record a request and tell the responsible lecturers."""
    module_id, edition_id, assignment_id = assignment.key
    extension = Extension(
        module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, user=user,
        reason=reason, note=note, state=REQUESTED, created_at=clock.now(),
    )  # fmt: skip
    db.session.add(extension)
    db.session.flush()
    audit(user, "extension.request", extension, {"assignment": "/".join(assignment.key), "reason": reason})
    link = mail.external_url("submissions.extension", extension_id=extension.id)
    for lecturer in lecturers_of(assignment):
        mail.send(
            lecturer, "submissions/extension_requested", extension=extension, assignment=assignment, link=link
        )
    return extension


def decide(
    assignment: Assignment,
    extension: Extension,
    actor: User,
    grant: bool,
    due: datetime | None,
    cutoff: datetime | None,
    office_confirmed: bool,
    note: str,
) -> Extension:
    """Grant (with the new due date and cut-off, aware) or refuse; the student is told."""
    extension.state = GRANTED if grant else REFUSED
    extension.due, extension.cutoff = (due, cutoff) if grant else (None, None)
    extension.office_confirmed, extension.decision_note = office_confirmed, note
    extension.decided_by_id, extension.decided_at = actor.id, clock.now()
    details = {
        "state": extension.state,
        "due": due.isoformat() if grant and due else None,
        "cutoff": cutoff.isoformat() if grant and cutoff else None,
        "office_confirmed": office_confirmed,
    }
    audit(actor, "extension.decide", extension, details)
    link = mail.external_url("submissions.extension", extension_id=extension.id)
    mail.send(
        extension.user, "submissions/extension_decided", extension=extension, assignment=assignment, link=link
    )
    return extension
