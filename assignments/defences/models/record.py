"""The record of a held defence: its protocol, the panel's signatures and the suggested questions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus.accounts.models import User
from campus.extensions import db

from .. import glue

OUTCOMES = ("confirmed", "doubts", "not_confirmed")


class SuggestedQuestion(db.Model):  # type: ignore[name-defined]
    """A question someone (the review workflow, a lecturer) wants the panel to ask this student."""

    __tablename__ = "defence_suggested_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    window_key: Mapped[str] = mapped_column(String(200), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    text: Mapped[str] = mapped_column(Text)
    passage: Mapped[str | None] = mapped_column(Text)  # the quoted passage the question is about
    source: Mapped[str] = mapped_column(String(40), default="lecturer")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[datetime] = mapped_column(default=glue.now)

    added_by: Mapped[User | None] = relationship(foreign_keys=[added_by_id])


class Protocol(db.Model):  # type: ignore[name-defined]
    """The Prüfungsprotokoll of a defence. Locked once every panel member signed; a correction is a
    new version that points to the one it corrects."""

    __tablename__ = "defence_protocol"
    __table_args__ = (UniqueConstraint("defence_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    defence_id: Mapped[int] = mapped_column(ForeignKey("defence.id"))
    version: Mapped[int] = mapped_column(default=1)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("defence_protocol.id"))
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    panel: Mapped[list[int]] = mapped_column(JSON, default=list)  # user ids present
    # [{"text": ..., "suggested_id": int | None, "note": ...}]
    questions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(16))
    grade_effect: Mapped[str] = mapped_column(Text, default="")
    correction_reason: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=glue.now)
    updated_at: Mapped[datetime] = mapped_column(default=glue.now)
    locked_at: Mapped[datetime | None]

    signatures: Mapped[list[ProtocolSignature]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ProtocolSignature.signed_at"
    )

    @property
    def is_locked(self) -> bool:
        """Signed by the whole panel: never changed again."""
        return self.locked_at is not None


class ProtocolSignature(db.Model):  # type: ignore[name-defined]
    """A panel member's sign-off of one protocol version."""

    __tablename__ = "defence_protocol_signature"

    protocol_id: Mapped[int] = mapped_column(
        ForeignKey("defence_protocol.id", ondelete="CASCADE"), primary_key=True
    )
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    signed_at: Mapped[datetime] = mapped_column(default=glue.now)

    examiner: Mapped[User] = relationship(lazy="joined")


class PlanProposal(db.Model):  # type: ignore[name-defined]
    """A plan the planner proposed for the students without a defence, until the lecturer publishes it.

    ``rows``: [{"student_id", "start", "end" (epoch minutes), "panel": [examiner ids]}];
    ``unscheduled``: [{"student_id", "code", "examiners": [names]}] with the planner's reason code.
    """

    __tablename__ = "defence_plan_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    window_key: Mapped[str] = mapped_column(String(200), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=glue.now)
    rows: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    unscheduled: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    optimal: Mapped[bool] = mapped_column(default=False)
    published_at: Mapped[datetime | None]
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what publishing did
