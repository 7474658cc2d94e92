"""Analysing many papers: the sweep for final papers without a report, and rescoring after a change
of the model or the local calibration (earlier reports stay, each naming its model)."""

from __future__ import annotations

from sqlalchemy import select

from assignments.submissions.models import FINAL, Submission
from campus.extensions import db

from ..detector import app_model
from .analysis import current_report, is_current


def final_submissions(assignment_key: tuple[str, str, str] | None = None) -> list[Submission]:
    """Final submissions whose text is announced as extracted, of one assignment or of all."""
    query = select(Submission).where(Submission.state == FINAL, Submission.announced_at.is_not(None))
    if assignment_key is not None:
        module_id, edition_id, assignment_id = assignment_key
        query = query.filter_by(module_id=module_id, edition_id=edition_id, assignment_id=assignment_id)
    return list(db.session.scalars(query.order_by(Submission.id)))


def without_report(assignment_key: tuple[str, str, str] | None = None) -> list[int]:
    """Ids of final submissions that have no report of their final version."""
    return [s.id for s in final_submissions(assignment_key) if current_report(s) is None]


def outdated(assignment_key: tuple[str, str, str] | None = None, *, force: bool = False) -> list[int]:
    """Ids of final submissions whose newest report is not by the present model and calibration."""
    model = app_model()
    found = final_submissions(assignment_key)
    return [s.id for s in found if force or not is_current(current_report(s), model)]
