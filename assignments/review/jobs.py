"""Background work of the review: analysing a final paper, and the sweep that catches missed ones."""

from __future__ import annotations

from assignments.submissions.models import Submission
from campus import jobs
from campus.extensions import db

from .service.analysis import ensure_report
from .service.rescore import without_report


@jobs.task(retries=3, retry_delay=60)
def analyse_submission(submission_id: int, force: bool = False) -> None:
    """Score the final paper's text and store the report (idempotent: a retry finds it made)."""
    submission = db.session.get(Submission, submission_id)
    if submission is not None:
        ensure_report(submission, force=force)


@jobs.periodic(jobs.crontab(minute="17", hour="*/6"))
def sweep_unanalysed() -> None:
    """Every six hours: queue the analysis of final papers that have no report (a lost job, a crash)."""
    for submission_id in without_report():
        analyse_submission.enqueue(submission_id)
