"""Analysing a final submission: the engine's result stored as a report, with the model that made it.

Every function adds and flushes; the job, view or command commits.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from assignments.detection import Analysis, Model, analyse, band_of
from assignments.submissions.models import EXTRACTED, FAILED, Submission, Version
from campus.extensions import db

from ..detector import app_model, calibration_label
from ..models import ABSTAIN, SIGNAL, Report

# Abstentions of our own, before the engine is asked: a scan without a text layer, a failed extraction.
NO_TEXT_LAYER, EXTRACTION_FAILED = "no_text_layer", "extraction_failed"
MAX_PASSAGES = 8  # the report lists the windows that drove the score, not the whole paper
FALLBACK_PASSAGES = 3


def driving_passages(result: Analysis) -> list[list[float]]:
    """The windows that drove the score, in text order: those at or above the threshold (at most
    MAX_PASSAGES, the highest), or for a signal without any, the FALLBACK_PASSAGES highest."""
    if result.abstain or result.threshold is None:
        return []
    ranked = sorted(result.passages, key=lambda p: p.probability, reverse=True)
    chosen = [p for p in ranked if p.probability >= result.threshold][:MAX_PASSAGES]
    if not chosen and band_of(result) == SIGNAL:
        chosen = ranked[:FALLBACK_PASSAGES]
    return [[p.start, p.end, round(p.probability, 4)] for p in sorted(chosen, key=lambda p: p.start)]


def _stamp(report: Report, model: Model) -> Report:
    report.model_checksum = model.meta["checksum"]
    report.calibration = calibration_label(model)
    return report


def analyse_version(submission: Submission, version: Version, model: Model | None = None) -> Report:
    """Score the version's stored text and add the report (flushed)."""
    model = model or app_model()
    started = time.perf_counter()
    if version.extraction != EXTRACTED or not version.text:
        reason = EXTRACTION_FAILED if version.extraction == FAILED else NO_TEXT_LAYER
        report = Report(band=ABSTAIN, reason=reason, words=version.words or 0, passages=[],
                        language=version.language)  # fmt: skip
    else:
        result = analyse(version.text, model)
        report = Report(
            band=band_of(result), probability=result.probability, reason=result.reason,
            language=result.language, words=result.words, threshold=result.threshold,
            passages=driving_passages(result),
        )  # fmt: skip
    report.submission_id, report.version_id = submission.id, version.id
    _stamp(report, model)
    report.seconds = round(time.perf_counter() - started, 4)
    db.session.add(report)
    db.session.flush()
    return report


def current_report(submission: Submission) -> Report | None:
    """The newest report of the submission's final version."""
    latest = submission.latest
    if latest is None:
        return None
    query = select(Report).filter_by(submission_id=submission.id, version_id=latest.id)
    return db.session.scalar(query.order_by(Report.id.desc()).limit(1))


def reports_of(submission: Submission) -> list[Report]:
    """Every report of the submission, newest first (rescoring keeps the old ones)."""
    query = select(Report).filter_by(submission_id=submission.id).order_by(Report.id.desc())
    return list(db.session.scalars(query))


def is_current(report: Report | None, model: Model) -> bool:
    """Whether ``report`` was made by ``model`` with its present calibration."""
    return (
        report is not None
        and report.model_checksum == model.meta["checksum"]
        and report.calibration == calibration_label(model)
    )


def ensure_report(
    submission: Submission, model: Model | None = None, *, force: bool = False
) -> Report | None:
    """A report of the final version by the present model: the existing one, else a new one.

    ``force`` analyses again even when the present model already made one. None for a draft or a
    version whose text is not extracted yet (the job comes back when it is).
    """
    version = submission.latest
    if not submission.is_final or version is None or not version.extracted:
        return None
    model = model or app_model()
    existing = current_report(submission)
    if not force and is_current(existing, model):
        return existing
    return analyse_version(submission, version, model)
