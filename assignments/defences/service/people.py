"""What the lecturer and the examination office record about students: invitations, Nachteilsausgleich.

``invite`` is also the entry point of the review workflow for windows whose defences are by invitation.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.extensions import db

from .. import glue, notify
from ..models import Accommodation, Invitation
from .errors import DefenceError
from .windows import Window


def invite(win: Window, student: User, by_user: User | None) -> Invitation:
    """Invite the student to defend in ``win`` (idempotent: an existing invitation is returned)."""
    if not student.has_role(Role.STUDENT) or not any(
        s.id == student.id for s in glue.enrolled_students(win.module.id, win.edition.id)
    ):
        raise DefenceError(_("Only students enrolled in this edition can be invited."))
    found = db.session.scalar(select(Invitation).filter_by(window_key=win.key, student_id=student.id))
    if found is not None:
        return found
    invitation = Invitation(
        window_key=win.key, student_id=student.id, invited_by_id=by_user.id if by_user else None
    )
    db.session.add(invitation)
    db.session.flush()
    glue.log(by_user, "defence.invite", invitation, {"window": win.key, "student": student.id})
    notify.invited(win, invitation)
    return invitation


def invitations(win: Window) -> list[Invitation]:
    """The window's invitations."""
    return list(
        db.session.scalars(select(Invitation).filter_by(window_key=win.key).order_by(Invitation.invited_at))
    )


def record_accommodation(student: User, by_user: User) -> Accommodation:
    """Record a Nachteilsausgleich (the longer slot); only that it was granted, never why."""
    found = db.session.scalar(select(Accommodation).filter_by(student_id=student.id))
    if found is not None:
        return found
    row = Accommodation(student_id=student.id, recorded_by_id=by_user.id)
    db.session.add(row)
    db.session.flush()
    glue.log(by_user, "defence.accommodation_add", ("student", student.id))
    return row


def remove_accommodation(student: User, by_user: User) -> None:
    """Withdraw a recorded Nachteilsausgleich (bookings already made keep their length)."""
    found = db.session.scalar(select(Accommodation).filter_by(student_id=student.id))
    if found is None:
        raise DefenceError(_("No Nachteilsausgleich is recorded for this student."))
    db.session.delete(found)
    glue.log(by_user, "defence.accommodation_remove", ("student", student.id))


def accommodated(student_ids: list[int]) -> set[int]:
    """Which of these students have a Nachteilsausgleich."""
    if not student_ids:
        return set()
    query = select(Accommodation.student_id).where(Accommodation.student_id.in_(student_ids))
    return set(db.session.scalars(query))
