"""Marking: feedback and grades, the workflow (not marked → in marking → marked → released), second
marking with an agreed grade, releasing an assignment's grades at once, and revealing identities."""

from __future__ import annotations

from sqlalchemy import select

from campus import clock, mail
from campus.accounts.models import User
from campus.audit import audit
from campus.courses.content.render import sanitise
from campus.extensions import db

from ..extract import render_markdown
from ..models import FINAL, IN_MARKING, MARKED, NOT_MARKED, RELEASED, Marker, Marking, Submission
from .assignments import Assignment


class MarkingRefused(Exception):
    """The marking action is not possible now; the message says why."""


def marking_of(submission: Submission) -> Marking:
    """The submission's marking record, created (not marked) on first use."""
    if submission.marking is None:
        submission.marking = Marking(status=NOT_MARKED)
        db.session.flush()
    return submission.marking


def render_feedback(text: str) -> str | None:
    """Feedback Markdown as sanitised HTML; None when it does not render within two seconds."""
    if not text.strip():
        return ""
    rendered = render_markdown(text)
    return None if rendered is None else sanitise(rendered)


def final_submissions(assignment: Assignment) -> list[Submission]:
    """The assignment's final submissions (what is marked)."""
    module_id, edition_id, assignment_id = assignment.key
    query = select(Submission).filter_by(
        module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, state=FINAL
    )
    return list(db.session.scalars(query))


def save_marking(
    assignment: Assignment,
    submission: Submission,
    actor: User,
    feedback: str,
    grade: int | None,
    complete: bool,
) -> Marking:
    """The first marker's feedback and grade; ``complete`` moves it to "marked" (a grade is needed)."""
    marking = marking_of(submission)
    if marking.status == RELEASED:
        raise MarkingRefused("released")
    if complete and grade is None:
        raise MarkingRefused("grade")
    rendered = render_feedback(feedback)
    if rendered is None:
        raise MarkingRefused("markdown")
    marking.feedback, marking.feedback_html = feedback, rendered
    marking.grade, marking.marker_id = grade, actor.id
    marking.status = MARKED if complete else IN_MARKING
    if not assignment.spec.second_marker:
        marking.final_grade = grade
    marking.updated_at = clock.now()
    audit(actor, "submission.mark", submission, {"status": marking.status, "grade": grade})
    return marking


def save_second(submission: Submission, actor: User, grade: int | None, note: str) -> Marking:
    """The second marker's grade and note, kept apart from the first marker's."""
    marking = marking_of(submission)
    if marking.status == RELEASED:
        raise MarkingRefused("released")
    marking.second_grade, marking.second_note, marking.second_marker_id = grade, note, actor.id
    marking.updated_at = clock.now()
    audit(actor, "submission.second_mark", submission, {"grade": grade})
    return marking


def save_agreed(submission: Submission, actor: User, grade: int | None) -> Marking:
    """The final grade both markers agreed on."""
    marking = marking_of(submission)
    if marking.status == RELEASED:
        raise MarkingRefused("released")
    marking.final_grade = grade
    marking.updated_at = clock.now()
    audit(actor, "submission.agree_grade", submission, {"grade": grade})
    return marking


def releasable(marking: Marking | None) -> bool:
    """Marked, with a final grade (the agreed one where there is a second marker)."""
    return marking is not None and marking.status == MARKED and marking.final_grade is not None


def release(assignment: Assignment, actor: User) -> int:
    """Release the feedback and grades of every marked submission at once; returns how many."""
    now = clock.now()
    released = 0
    for submission in final_submissions(assignment):
        if releasable(submission.marking):
            assert submission.marking is not None
            submission.marking.status, submission.marking.released_at = RELEASED, now
            link = mail.external_url("submissions.feedback", marking_id=submission.marking.id)
            mail.send(submission.user, "submissions/feedback_released", assignment=assignment, link=link)
            released += 1
    record = assignment.record(create=True)
    assert record is not None
    record.released_at, record.released_by_id = now, actor.id
    audit(actor, "assignment.release", ("assignment", "/".join(assignment.key)), {"released": released})
    return released


def reveal(assignment: Assignment, actor: User) -> bool:
    """Show names instead of candidate numbers from now on (irreversible); False if already revealed."""
    record = assignment.record(create=True)
    assert record is not None
    if record.revealed_at is not None:
        return False
    record.revealed_at, record.revealed_by_id = clock.now(), actor.id
    audit(actor, "assignment.reveal_identities", ("assignment", "/".join(assignment.key)))
    return True


def add_marker(assignment: Assignment, actor: User, user: User, second: bool) -> Marker:
    """Assign ``user`` as (second) marker; changes the role if already assigned."""
    module_id, edition_id, assignment_id = assignment.key
    marker = db.session.scalar(
        select(Marker).filter_by(
            module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, user_id=user.id
        )
    )
    if marker is None:
        marker = Marker(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, user=user)
        db.session.add(marker)
    marker.second = second
    db.session.flush()
    details = {"assignment": "/".join(assignment.key), "user": user.email, "second": second}
    audit(actor, "assignment.add_marker", marker, details)
    return marker


def remove_marker(assignment: Assignment, actor: User, marker: Marker) -> None:
    """Take a marker off the assignment."""
    details = {"assignment": "/".join(assignment.key), "user": marker.user.email}
    audit(actor, "assignment.remove_marker", ("marker", marker.id), details)
    db.session.delete(marker)
