"""The defence record: suggested questions, the protocol, its signatures, corrections and the outcome.

A protocol is edited by the panel; any change clears signatures already given (everyone signs the
same text); when every panel member has signed it is locked for good. A correction is a new version
linked to the locked one. Locking emits ``defence_outcome_recorded`` for the review workflow.

The review workflow (assignments.review) calls ``attach_suggested_questions`` and ``invite``
(service.invitations); it never reads these tables directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .. import glue
from ..models import OUTCOMES, Defence, Protocol, ProtocolSignature, SuggestedQuestion
from .errors import DefenceError
from .windows import Window, by_key

MAX_QUESTIONS = 50
MAX_TEXT = 2000
MAX_NOTES = 20_000


def attach_suggested_questions(win: Window, student: User, questions: Iterable[str | tuple[str, str]],
                               by_user: User | None, source: str = "review") -> list[SuggestedQuestion]:  # fmt: skip
    """Attach questions for the panel to ask ``student`` in ``win``; returns the rows (caller commits).

    Each question is a text, or a (question, quoted passage) pair. Works before the student has
    booked: the questions belong to the student's defence in that window, whenever it is held.
    """
    rows = []
    for item in questions:
        text, passage = (item, None) if isinstance(item, str) else item
        text = text.strip()
        if not text:
            continue
        row = SuggestedQuestion(window_key=win.key, student_id=student.id, text=text[:MAX_TEXT],
                                passage=(passage or None) and passage[:MAX_TEXT], source=source[:40],
                                added_by_id=by_user.id if by_user else None)  # fmt: skip
        db.session.add(row)
        rows.append(row)
    if len(rows) + len(suggested_for(win.key, student.id)) > MAX_QUESTIONS:
        raise DefenceError(_("At most %(n)d suggested questions per defence.", n=MAX_QUESTIONS))
    db.session.flush()
    glue.log(
        by_user, "defence.questions_attach", ("student", student.id), {"window": win.key, "count": len(rows)}
    )
    return rows


def suggested_for(window_key: str, student_id: int) -> list[SuggestedQuestion]:
    """The questions suggested for this student's defence in the window, oldest first."""
    query = select(SuggestedQuestion).filter_by(window_key=window_key, student_id=student_id)
    return list(db.session.scalars(query.order_by(SuggestedQuestion.added_at, SuggestedQuestion.id)))


def protocols_of(defence: Defence) -> list[Protocol]:
    """Every version of the defence's protocol, oldest first."""
    query = select(Protocol).filter_by(defence_id=defence.id).order_by(Protocol.version)
    return list(db.session.scalars(query))


def current_protocol(defence: Defence) -> Protocol | None:
    """The latest version, or None before anyone wrote one."""
    versions = protocols_of(defence)
    return versions[-1] if versions else None


def start_protocol(defence: Defence, actor: User) -> Protocol:
    """The first version, with the booked times, the panel and the suggested questions filled in."""
    if current_protocol(defence) is not None:
        raise DefenceError(_("This defence already has a protocol."))
    questions = [{"text": q.text, "suggested_id": q.id, "asked": False, "note": ""}
                 for q in suggested_for(defence.window_key, defence.student_id)]  # fmt: skip
    protocol = Protocol(defence_id=defence.id, version=1, started_at=defence.starts_at, ended_at=defence.ends_at,
                        panel=[e.id for e in defence.examiners], questions=questions, created_by_id=actor.id)  # fmt: skip
    db.session.add(protocol)
    db.session.flush()
    glue.log(actor, "defence.protocol_create", protocol, {"defence": defence.id})
    return protocol


def update_protocol(protocol: Protocol, actor: User, *, started_at: datetime | None, ended_at: datetime | None,
                    panel: list[int], questions: list[dict[str, object]], notes: str, outcome: str | None,
                    grade_effect: str) -> None:  # fmt: skip
    """Save the panel's entries; clears signatures, since the text they signed changed."""
    if protocol.is_locked:
        raise DefenceError(_("This protocol is signed and locked. Start a correction instead."))
    if outcome is not None and outcome not in OUTCOMES:
        raise DefenceError(_("Please choose an outcome."))
    if started_at and ended_at and ended_at <= started_at:
        raise DefenceError(_("The end must be after the start."))
    if len(questions) > MAX_QUESTIONS or len(notes) > MAX_NOTES or len(grade_effect) > MAX_TEXT:
        raise DefenceError(_("The protocol is too long."))
    protocol.started_at, protocol.ended_at = started_at, ended_at
    protocol.panel, protocol.questions = panel, questions
    protocol.notes, protocol.outcome, protocol.grade_effect = notes, outcome, grade_effect
    protocol.updated_at = glue.now()
    cleared = len(protocol.signatures)
    protocol.signatures = []
    glue.log(actor, "defence.protocol_update", protocol, {"signatures_cleared": cleared, "outcome": outcome})


def sign(protocol: Protocol, defence: Defence, examiner: User) -> bool:
    """The examiner signs; returns True when this signature locked the protocol."""
    if protocol.is_locked:
        raise DefenceError(_("This protocol is already locked."))
    panel = {e.id for e in defence.examiners}
    if examiner.id not in panel:
        raise DefenceError(_("Only the panel signs the protocol."))
    if protocol.outcome is None or protocol.started_at is None or protocol.ended_at is None:
        raise DefenceError(_("Please record the times and the outcome before signing."))
    if any(s.examiner_id == examiner.id for s in protocol.signatures):
        raise DefenceError(_("You have already signed this protocol."))
    protocol.signatures.append(ProtocolSignature(examiner_id=examiner.id, signed_at=glue.now()))
    glue.log(examiner, "defence.protocol_sign", protocol, {"version": protocol.version})
    if {s.examiner_id for s in protocol.signatures} >= panel:
        protocol.locked_at = glue.now()
        db.session.flush()
        _outcome_recorded(protocol, defence)
        return True
    return False


def _outcome_recorded(protocol: Protocol, defence: Defence) -> None:
    win = by_key(defence.window_key)
    glue.log(
        None, "defence.protocol_lock", protocol, {"outcome": protocol.outcome, "version": protocol.version}
    )
    if defence.submission_id is None and win is not None:  # booked before the paper was handed in
        defence.submission_id = glue.submission_of(
            defence.student, win.module.id, win.edition.id, win.assignment.id
        )
    glue.emit_outcome(
        defence_id=defence.id, submission_id=defence.submission_id, outcome=protocol.outcome,
        student_id=defence.student_id, window=defence.window_key, protocol_id=protocol.id,
        version=protocol.version, assignment=win.assignment.id if win else None,
    )  # fmt: skip


def correct(protocol: Protocol, actor: User, reason: str) -> Protocol:
    """A new version of a locked protocol, linked to it, to be edited and signed again."""
    if not protocol.is_locked:
        raise DefenceError(_("Only a signed protocol needs a correction; edit this one directly."))
    if not reason.strip():
        raise DefenceError(_("Please say what the correction is for."))
    later = Protocol(defence_id=protocol.defence_id, version=protocol.version + 1, previous_id=protocol.id,
                     started_at=protocol.started_at, ended_at=protocol.ended_at, panel=list(protocol.panel),
                     questions=[dict(q) for q in protocol.questions], notes=protocol.notes,
                     outcome=protocol.outcome, grade_effect=protocol.grade_effect,
                     correction_reason=reason.strip()[:500], created_by_id=actor.id)  # fmt: skip
    db.session.add(later)
    db.session.flush()
    glue.log(
        actor, "defence.protocol_correct", later, {"previous": protocol.id, "reason": reason.strip()[:200]}
    )
    return later


def latest_outcome(defence: Defence) -> str | None:
    """The outcome of the latest locked version, for the lecturer's view."""
    locked = [p for p in protocols_of(defence) if p.is_locked]
    return locked[-1].outcome if locked else None
