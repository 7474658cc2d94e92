"""The tables of the review: the detector's reports, the lecturers' decisions, the defences' outcomes.

Nothing here is ever overwritten: a rescore is a new report (the old one names its model), a changed
decision is a new decision, a corrected protocol is a new outcome row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assignments.submissions.models import Submission, Version
from campus import clock
from campus.accounts.models import User
from campus.extensions import db

# The three bands a lecturer reads, in the engine's words.
ABSTAIN, NO_SIGNAL, SIGNAL = "abstain", "no_signal", "signal"
BANDS = (SIGNAL, NO_SIGNAL, ABSTAIN)
# Decisions a responsible lecturer can record.
NO_ACTION, DISCUSS = "no_action", "discuss"
ACTIONS = (NO_ACTION, DISCUSS)


class Report(db.Model):  # type: ignore[name-defined]
    """One analysis of one submission's final text by one model (and calibration)."""

    __tablename__ = "review_report"
    __table_args__ = (Index("ix_review_report_submission", "submission_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("submission_version.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    band: Mapped[str] = mapped_column(String(10))
    probability: Mapped[float | None] = mapped_column(Float)  # NULL when the detector abstains
    reason: Mapped[str | None] = mapped_column(String(32))  # why it abstained
    language: Mapped[str | None] = mapped_column(String(8))
    words: Mapped[int] = mapped_column(default=0)
    # [[start, end, probability], ...]: character offsets into the version's stored text
    passages: Mapped[list[list[float]]] = mapped_column(JSON, default=list)
    threshold: Mapped[float | None] = mapped_column(Float)
    model_checksum: Mapped[str] = mapped_column(String(64))
    calibration: Mapped[str | None] = mapped_column(String(120))  # which local calibration, if any
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # how long the analysis took

    submission: Mapped[Submission] = relationship()
    version: Mapped[Version] = relationship()

    @property
    def abstained(self) -> bool:
        """The detector gave no score (too short, another language, no text layer ...)."""
        return self.band == ABSTAIN


class Decision(db.Model):  # type: ignore[name-defined]
    """A responsible lecturer's decision about a submission; the newest one counts, all are kept."""

    __tablename__ = "review_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("review_report.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    # The questions handed to the defence: [{"text": ..., "passage": ...}]
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    invited: Mapped[bool] = mapped_column(default=False)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime] = mapped_column(default=clock.now)

    decided_by: Mapped[User] = relationship()


class Outcome(db.Model):  # type: ignore[name-defined]
    """What a defence found out (a label for measuring the detector), as the defences event said it."""

    __tablename__ = "review_outcome"
    __table_args__ = (Index("ix_review_outcome_defence", "defence_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    defence_id: Mapped[int]
    version: Mapped[int] = mapped_column(default=1)  # the protocol version (a correction is a new one)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submission.id", ondelete="SET NULL"))
    student_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    window_key: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(16))  # confirmed, doubts, not_confirmed
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)
