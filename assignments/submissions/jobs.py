"""Background work of submissions: text extraction after an upload, and deadline reminders."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from campus import clock, jobs, mail, storage
from campus.extensions import db

from .extract import Format, Refused, check_file, strip_metadata
from .models import DRAFT, EXTRACTED, FAILED, NO_TEXT, Submission, Version
from .service.assignments import all_assignments, deadline_for
from .service.hand_in import announce_if_ready
from .service.receipts import receipt_context

# The extraction reads files that passed the upload's check; the limit only bounds a changed setting.
EXTRACTION_MAX_BYTES = 100 * 1024 * 1024
REMINDER_HOURS = 24


@jobs.task(retries=3, retry_delay=30)
def extract_version(version_id: int, receipt: bool = True) -> None:
    """Read the whole text of a version, store it with its word count and language, make the copy
    without author metadata (for blind marking), mail the receipt (unless ``receipt`` is False: the
    demo seed's papers were never uploaded by anyone), and announce a final submission."""
    version = db.session.get(Version, version_id)
    if version is None or version.extracted:
        return  # deleted meanwhile, or a retry after the work was done
    blobs = storage.store()
    with blobs.local_path(version.sha256) as path:
        result = check_file(path, version.stored_name, max_bytes=EXTRACTION_MAX_BYTES, full=True)
        if result.accepted:
            version.text, version.words, version.language = result.text, result.words, result.language
            version.pages = result.pages
            version.extraction = EXTRACTED if result.words else NO_TEXT
        else:
            version.extraction = FAILED
            version.extraction_reason = result.refusal.reason.value if result.refusal else None
        if Format(version.format) in (Format.PDF, Format.DOCX, Format.ODT):
            version.stripped_sha256 = _stripped_copy(path)
    submission = version.submission
    announce_if_ready(submission)
    if receipt:
        mail.send(submission.user, "submissions/receipt", **receipt_context(version))


def _stripped_copy(path: Path) -> str | None:
    """Store a copy of the file without author metadata; None when it cannot be made."""
    with tempfile.TemporaryDirectory(prefix="campus-strip-") as folder:
        target = Path(folder) / "stripped"
        try:
            strip_metadata(path, target)
        except Refused:
            return None
        with target.open("rb") as stream:
            return storage.save(stream).sha256


@jobs.periodic(jobs.crontab(minute="0"))
def send_reminders() -> None:
    """Once an hour: mail each student whose draft is not handed in and whose due date is a day away."""
    now = clock.now()
    for assignment in all_assignments():
        if not assignment.edition.is_published or assignment.spec.due < now - timedelta(days=60):
            continue
        module_id, edition_id, assignment_id = assignment.key
        drafts = db.session.scalars(
            select(Submission)
            .filter_by(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id, state=DRAFT)
            .where(Submission.reminded_at.is_(None))
        )
        for submission in drafts:
            due = deadline_for(assignment, submission.user).due
            if submission.versions and now < due <= now + timedelta(hours=REMINDER_HOURS):
                submission.reminded_at = now
                link = mail.external_url(
                    "submissions.assignment",
                    module_id=module_id,
                    edition_id=edition_id,
                    assignment_id=assignment_id,
                )
                mail.send(submission.user, "submissions/reminder", assignment=assignment, due=due, link=link)
