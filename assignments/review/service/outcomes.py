"""Defence outcomes as labels: what the panels found out measures the detector on our own papers.

"Authorship confirmed" is a human label, "not confirmed" an AI label; "doubts remain" is left out
unless asked for (it is not an answer either way). Only the newest protocol version of a defence counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from assignments.detection.metrics import report as metrics_report
from assignments.submissions.models import Submission
from campus.accounts.models import User
from campus.extensions import db

from ..models import SIGNAL, Outcome
from .analysis import current_report

LABELS = {"confirmed": 0, "not_confirmed": 1}
FEW = 30  # below this many labelled papers the local figures say little; the page warns


def record(defence_id: int, outcome: str, version: int = 1, submission_id: int | None = None,
           student_id: int | None = None, window: str | None = None) -> Outcome:  # fmt: skip
    """Store an outcome as the defences event announced it (flushed); ids that name nothing are dropped."""
    if student_id is not None and db.session.get(User, student_id) is None:
        student_id = None
    if submission_id is not None and db.session.get(Submission, submission_id) is None:
        submission_id = None
    if submission_id is None and student_id is not None and window:
        submission_id = _submission_of(student_id, window)
    row = Outcome(defence_id=defence_id, version=version, outcome=outcome, submission_id=submission_id,
                  student_id=student_id, window_key=window)  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return row


def _submission_of(student_id: int, window: str) -> int | None:
    parts = window.split("/")
    if len(parts) != 3:
        return None
    module_id, edition_id, assignment_id = parts
    query = select(Submission.id).filter_by(
        user_id=student_id, module_id=module_id, edition_id=edition_id, assignment_id=assignment_id
    )
    return db.session.scalar(query)


def latest_outcomes() -> list[Outcome]:
    """The newest outcome of every defence."""
    newest: dict[int, Outcome] = {}
    for row in db.session.scalars(select(Outcome).order_by(Outcome.defence_id, Outcome.version, Outcome.id)):
        newest[row.defence_id] = row
    return list(newest.values())


@dataclass
class Evaluation:
    """The detector's figures on the defences' labels."""

    figures: dict[str, Any] | None  # metrics' summary (n_human, n_ai, auroc, fpr, tpr, ...), None if empty
    labelled: int  # papers with a label and a score
    abstained: int  # labelled papers the detector gave no score for
    unmatched: int  # outcomes without a submission or a report
    doubts: int  # "doubts remain", left out

    @property
    def few(self) -> bool:
        """Too few labels for the figures to mean much."""
        return self.labelled < FEW


def evaluate(doubts_as: str | None = None) -> Evaluation:
    """AUROC, FPR and TPR at the threshold on the defence outcomes (``doubts_as`` "ai" or "human")."""
    labels_of = dict(LABELS)
    if doubts_as in ("ai", "human"):
        labels_of["doubts"] = int(doubts_as == "ai")
    scores, labels, flags = [], [], []
    abstained = unmatched = doubts = 0
    for row in latest_outcomes():
        if row.outcome not in labels_of:
            doubts += 1
            continue
        submission = db.session.get(Submission, row.submission_id) if row.submission_id else None
        found = current_report(submission) if submission else None
        if found is None:
            unmatched += 1
        elif found.probability is None:
            abstained += 1
        else:
            scores.append(found.probability)
            labels.append(labels_of[row.outcome])
            flags.append(found.band == SIGNAL)
    figures = metrics_report(scores, labels, flags, {})["overall"] if scores else None
    return Evaluation(figures, len(scores), abstained, unmatched, doubts)
