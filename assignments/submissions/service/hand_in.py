"""Handing in: a new version (checked, stored durably, numbered), and the final submission.

Every function adds and flushes; the view or job commits. The extraction job and the receipt mail
leave with that commit, and `submission_finalised` is emitted inside it, once, when the final
version's text has been extracted (here, or later by the job).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, BinaryIO

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from campus import clock, events, storage
from campus.accounts.models import User
from campus.extensions import db

from ..extract import CheckResult, Finding, Format, Reason, check_file
from ..messages import describe
from ..models import DRAFT, FINAL, PENDING, Submission, Version
from . import declarations
from .assignments import CLOSED, LATE, OPEN_SOON, Assignment, deadline_for


class HandInRefused(Exception):
    """The upload or the final submission was refused; the message is the student's, translated."""


def _insert() -> Any:
    return postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert


def submission_of(assignment: Assignment, user: User) -> Submission | None:
    """The student's submission of the assignment, if there is one."""
    module_id, edition_id, assignment_id = assignment.key
    return db.session.scalar(
        select(Submission).filter_by(
            user_id=user.id, module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
        )
    )


def ensure_submission(assignment: Assignment, user: User) -> Submission:
    """The submission, created with a fresh candidate number if missing (safe against a parallel request)."""
    module_id, edition_id, assignment_id = assignment.key
    for _attempt in range(20):
        existing = submission_of(assignment, user)
        if existing is not None:
            return existing
        # A conflict on the student (a parallel first upload) or on the number (drawn twice) inserts nothing.
        db.session.execute(
            _insert()(Submission)
            .values(
                user_id=user.id, module_id=module_id, edition_id=edition_id, assignment_id=assignment_id,
                candidate_number=f"{secrets.randbelow(90000) + 10000}", state=DRAFT,
                created_at=clock.now(), retain_until=assignment.retain_until(),
            )
            .on_conflict_do_nothing()
        )  # fmt: skip
    raise RuntimeError("no free candidate number")  # 20 collisions in 90,000 numbers: not in practice


def _lock(submission: Submission) -> None:
    """Serialise writers of one submission: a row lock on PostgreSQL, the write lock on SQLite."""
    db.session.execute(
        update(Submission).where(Submission.id == submission.id).values(state=Submission.state)
    )
    db.session.refresh(submission)


def receipt_code() -> str:
    """A short random code a student can quote (e.g. "7F3A-09C2")."""
    raw = secrets.token_hex(4).upper()
    return f"{raw[:4]}-{raw[4:]}"


def check_upload(assignment: Assignment, user: User, arrived: datetime) -> Submission | None:
    """Refuse an upload the rules forbid (before reading the file); the submission if one exists."""
    phase = deadline_for(assignment, user).phase(assignment.spec.opens, arrived)
    if phase in (OPEN_SOON, CLOSED):
        raise HandInRefused(describe_phase(phase))
    submission = submission_of(assignment, user)
    if submission is not None and submission.is_final:
        raise HandInRefused(describe_phase(FINAL))
    return submission


def upload(
    assignment: Assignment,
    user: User,
    stream: BinaryIO,
    claimed_name: str | None,
    ai: declarations.AiDeclaration,
    arrived: datetime,
) -> tuple[Version, CheckResult]:
    """Check and store an uploaded file as the submission's next version (flushed, not committed).

    ``arrived`` is when the upload began: a deadline passing while the bytes travel does not count
    against the student. Raises `HandInRefused` with the student's message; then nothing is stored.
    """
    check_upload(assignment, user, arrived)
    problem = declarations.policy_problem(assignment.spec, ai)
    if problem:
        raise HandInRefused(problem)
    max_bytes = assignment.spec.max_mb * 1024 * 1024
    allowed = {Format(f) for f in assignment.spec.formats}
    try:
        with storage.staged(stream, max_bytes) as staged:
            result = check_file(staged.path, claimed_name, max_bytes=max_bytes, allowed=allowed, full=False)
            if not result.accepted:
                raise HandInRefused(describe(result.refusal) or "")
            stored = storage.keep(staged)
    except storage.TooLarge as error:
        too_large = Finding(Reason.TOO_LARGE, {"max_mb": str(assignment.spec.max_mb)})
        raise HandInRefused(describe(too_large) or "") from error
    submission = ensure_submission(assignment, user)
    _lock(submission)
    if submission.is_final:  # handed in by a parallel request meanwhile
        raise HandInRefused(describe_phase(FINAL))
    latest = submission.latest
    record = declarations.record(assignment.spec, ai)
    if latest is not None and latest.sha256 == stored.sha256 and latest.declaration == record:
        return latest, result  # the same file twice (a double click): one version
    late = deadline_for(assignment, user).phase(assignment.spec.opens, arrived) == LATE
    version = Version(
        submission=submission, number=(latest.number + 1 if latest else 1), sha256=stored.sha256,
        size=stored.size, stored_name=result.stored_name, format=str(result.format),
        uploaded_at=arrived, late=late, receipt_code=receipt_code(), declaration=record, extraction=PENDING,
    )  # fmt: skip
    db.session.add(version)
    db.session.flush()
    return version, result


def finalise(submission: Submission, actor: User) -> bool:
    """Hand the submission in finally; idempotent (a second click changes nothing). True if it changed."""
    _lock(submission)
    if submission.is_final:
        return False
    if submission.latest is None:
        raise HandInRefused(describe_phase("empty"))
    submission.state = FINAL
    submission.finalised_at = clock.now()
    announce_if_ready(submission)
    db.session.flush()
    return True


def announce_if_ready(submission: Submission) -> None:
    """Emit `submission_finalised` once: when the submission is final and its text has been extracted."""
    latest = submission.latest
    if submission.is_final and submission.announced_at is None and latest is not None and latest.extracted:
        submission.announced_at = clock.now()
        events.emit(events.submission_finalised, submission_id=submission.id, user_id=submission.user_id)


def describe_phase(phase: str) -> str:
    """Why a hand-in is not possible in ``phase``, in the student's words."""
    return {
        OPEN_SOON: _("This assignment is not open for submissions yet."),
        CLOSED: _("The cut-off for this assignment has passed, so no new version can be uploaded."),
        FINAL: _("You have already handed in this assignment finally; it cannot be changed any more."),
        "empty": _("Please upload a file before handing in finally."),
    }[phase]
