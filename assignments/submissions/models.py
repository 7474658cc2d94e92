"""The tables of submissions: a student's submission of an assignment, its versions, marking, extensions.

Assignments themselves live in ``edition.toml`` (module, edition and assignment id name one); the
database holds only what happens to them. Files are `campus.storage` contents, referred to by SHA-256.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus import clock
from campus.accounts.models import User
from campus.extensions import db

DRAFT, FINAL = "draft", "final"
# Extraction of a version's text: queued, finished with text, finished without (a scan), failed.
PENDING, EXTRACTED, NO_TEXT, FAILED = "pending", "extracted", "no_text", "failed"
# Marking workflow, in order.
NOT_MARKED, IN_MARKING, MARKED, RELEASED = "not_marked", "in_marking", "marked", "released"
# Extension requests.
REQUESTED, GRANTED, REFUSED = "requested", "granted", "refused"


class AssignmentKey:
    """Columns naming an assignment of an edition: (module_id, edition_id, assignment_id)."""

    module_id: Mapped[str] = mapped_column(String(80))
    edition_id: Mapped[str] = mapped_column(String(16))
    assignment_id: Mapped[str] = mapped_column(String(80))

    @property
    def key(self) -> tuple[str, str, str]:
        """The assignment as a tuple, for lookups in the catalogue."""
        return (self.module_id, self.edition_id, self.assignment_id)


class Submission(AssignmentKey, db.Model):  # type: ignore[name-defined]
    """One student's work on one assignment: versions until it is handed in finally, then marking."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("user_id", "module_id", "edition_id", "assignment_id", name="uq_submission_student"),
        UniqueConstraint("module_id", "edition_id", "assignment_id", "candidate_number", name="uq_submission_candidate"),
        Index("ix_submission_assignment", "module_id", "edition_id", "assignment_id"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    candidate_number: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(10), default=DRAFT)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    finalised_at: Mapped[datetime | None]
    announced_at: Mapped[datetime | None]  # when submission_finalised was emitted (once)
    reminded_at: Mapped[datetime | None]  # the reminder 24 hours before the due date (once)
    retain_until: Mapped[date]  # end of the edition's term plus the retention period

    user: Mapped[User] = relationship()
    versions: Mapped[list[Version]] = relationship(
        back_populates="submission", order_by="Version.number", cascade="all, delete-orphan"
    )
    marking: Mapped[Marking | None] = relationship(back_populates="submission", cascade="all, delete-orphan")

    @property
    def latest(self) -> Version | None:
        """The newest version (the one handed in, once final)."""
        return self.versions[-1] if self.versions else None

    @property
    def is_final(self) -> bool:
        """Whether the student has handed it in finally."""
        return self.state == FINAL


class Version(db.Model):  # type: ignore[name-defined]
    """One uploaded file of a submission, numbered 1, 2, 3 ... with its declarations and its text."""

    __tablename__ = "submission_version"
    __table_args__ = (UniqueConstraint("submission_id", "number", name="uq_submission_version_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    stored_name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(8))
    uploaded_at: Mapped[datetime]  # when the upload began (its request arrived)
    late: Mapped[bool] = mapped_column(default=False)
    receipt_code: Mapped[str] = mapped_column(String(20), unique=True)
    declaration: Mapped[dict[str, Any]] = mapped_column(JSON)  # the declarations exactly as given
    extraction: Mapped[str] = mapped_column(String(12), default=PENDING)
    extraction_reason: Mapped[str | None] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    words: Mapped[int | None]
    language: Mapped[str | None] = mapped_column(String(8))
    pages: Mapped[int | None]
    stripped_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"))

    submission: Mapped[Submission] = relationship(back_populates="versions")

    @property
    def extracted(self) -> bool:
        """Whether the extraction job has finished (with or without text)."""
        return self.extraction != PENDING


class Marking(db.Model):  # type: ignore[name-defined]
    """The marking of a final submission: feedback, grades (tenths: 13 is 1,3) and the workflow state."""

    __tablename__ = "submission_marking"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(12), default=NOT_MARKED)
    feedback: Mapped[str] = mapped_column(Text, default="")  # Markdown, as the marker wrote it
    feedback_html: Mapped[str] = mapped_column(Text, default="")  # rendered at save, sanitised
    grade: Mapped[int | None]
    marker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    second_grade: Mapped[int | None]
    second_note: Mapped[str] = mapped_column(Text, default="")
    second_marker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    final_grade: Mapped[int | None]
    updated_at: Mapped[datetime | None]
    released_at: Mapped[datetime | None]

    submission: Mapped[Submission] = relationship(back_populates="marking")
    marker: Mapped[User | None] = relationship(foreign_keys=[marker_id])
    second_marker: Mapped[User | None] = relationship(foreign_keys=[second_marker_id])


class Extension(AssignmentKey, db.Model):  # type: ignore[name-defined]
    """A student's request for more time, and the lecturer's decision. No medical documents, ever."""

    __tablename__ = "submission_extension"
    __table_args__ = (
        Index("ix_submission_extension_assignment", "module_id", "edition_id", "assignment_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # nachteilsausgleich, illness, other
    note: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default=REQUESTED)
    office_confirmed: Mapped[bool | None]  # "confirmed by the examination office", recorded by the lecturer
    due: Mapped[datetime | None]
    cutoff: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class Marker(AssignmentKey, db.Model):  # type: ignore[name-defined]
    """Someone assigned to mark an assignment besides its responsible lecturers (``second``: 2nd marker)."""

    __tablename__ = "assignment_marker"
    __table_args__ = (
        UniqueConstraint("module_id", "edition_id", "assignment_id", "user_id", name="uq_assignment_marker"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    second: Mapped[bool] = mapped_column(default=False)

    user: Mapped[User] = relationship()


class AssignmentRecord(AssignmentKey, db.Model):  # type: ignore[name-defined]
    """What happened to an assignment as a whole: identities revealed (irreversible), grades released."""

    __tablename__ = "assignment_record"
    __table_args__ = (
        UniqueConstraint("module_id", "edition_id", "assignment_id", name="uq_assignment_record"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    revealed_at: Mapped[datetime | None]
    revealed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    released_at: Mapped[datetime | None]
    released_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
