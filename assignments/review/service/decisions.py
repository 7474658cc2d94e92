"""A responsible lecturer's decision, and the hand-over of passages to the oral defence.

Nothing happens automatically: a report never changes a grade, and only a decision recorded here,
with its reason, attaches questions to the student's defence record or invites the student.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from assignments.defences.service.errors import DefenceError
from assignments.defences.service.people import invite
from assignments.defences.service.records import attach_suggested_questions
from assignments.defences.service.windows import Window, window
from assignments.submissions.models import Submission
from campus import mail
from campus.accounts.models import User
from campus.audit import audit
from campus.extensions import db

from ..models import ACTIONS, DISCUSS, Decision, Report

MAX_REASON = 4000
MAX_QUESTION = 1000


class DecisionRefused(ValueError):
    """The decision cannot be recorded; the message is for the page, translated."""


@dataclass(frozen=True)
class Question:
    """A question for the panel, with the passage it is about (or none)."""

    text: str
    passage: str | None = None


def passage_text(report: Report, index: int) -> str:
    """The text of the report's passage ``index`` (0-based) from the stored text."""
    start, end, _score = report.passages[index]
    return (report.version.text or "")[int(start) : int(end)]


def decisions_of(submission: Submission) -> list[Decision]:
    """Every decision about the submission, newest first (the history)."""
    query = select(Decision).filter_by(submission_id=submission.id).order_by(Decision.id.desc())
    return list(db.session.scalars(query))


def defence_window(submission: Submission) -> Window | None:
    """The defence window of the submission's assignment, if it has one."""
    return window(*submission.key)


def decide(submission: Submission, report: Report | None, actor: User, action: str, reason: str,
           questions: list[Question], invite_student: bool = False) -> Decision:  # fmt: skip
    """Record the decision (flushed, audit-logged); "discuss" hands the questions to the defence."""
    reason = reason.strip()
    if action not in ACTIONS:
        raise DecisionRefused(_("Please choose a decision."))
    if not reason:
        raise DecisionRefused(_("Please give a reason for the decision."))
    if len(reason) > MAX_REASON:
        raise DecisionRefused(_("The reason is too long (at most %(n)d characters).", n=MAX_REASON))
    chosen = [Question(q.text.strip()[:MAX_QUESTION], q.passage) for q in questions if q.text.strip()]
    win = defence_window(submission) if action == DISCUSS else None
    if action == DISCUSS and win is None:
        raise DecisionRefused(_("This assignment has no oral defence, so nothing can be discussed there."))
    invited = False
    if win is not None:
        try:
            if chosen:
                attach_suggested_questions(win, submission.user, [(q.text, q.passage or "") if q.passage else q.text
                                                                   for q in chosen], actor)  # fmt: skip
            if invite_student and win.spec.who == "invited":
                invite(win, submission.user, actor)
                invited = True
        except DefenceError as refusal:
            raise DecisionRefused(str(refusal)) from None
    row = Decision(submission_id=submission.id, report_id=report.id if report else None, action=action,
                   reason=reason, questions=[{"text": q.text, "passage": q.passage} for q in chosen],
                   invited=invited, decided_by_id=actor.id)  # fmt: skip
    db.session.add(row)
    db.session.flush()
    audit(
        actor, "review.decide", submission, {"action": action, "questions": len(chosen), "invited": invited}
    )
    if action == DISCUSS:
        # The student learns which passages the conversation is about; never the score or the band.
        link = mail.external_url("review.discussion", submission_id=submission.id)
        mail.send(submission.user, "review/discussion", window=win, link=link)
    return row
