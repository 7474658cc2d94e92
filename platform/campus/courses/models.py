"""What the database knows about course modules: enrolments and the version history of edited files.

The module folders stay the source of truth for content; these tables hold who may see an edition
and every earlier state of a file edited in the browser.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus import clock
from campus.accounts.models import Cohort, User
from campus.extensions import db


class Enrolment(db.Model):  # type: ignore[name-defined]
    """A cohort enrolled in one edition of a module (see `campus.courses.enrolments` for what it decides).

    Per edition, not per module: enrolment in 2025-26 says nothing about 2026-27.
    """

    __tablename__ = "enrolment"
    __table_args__ = (
        UniqueConstraint("cohort_id", "module_id", "edition_id"),
        # "Who is enrolled in this edition" (submissions, defences) is asked per edition.
        Index("ix_enrolment_module_id_edition_id", "module_id", "edition_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohort.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[str] = mapped_column(String(80))
    edition_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    cohort: Mapped[Cohort] = relationship()
    created_by: Mapped[User | None] = relationship()


class FileVersion(db.Model):  # type: ignore[name-defined]
    """One state of a file of a module edition (lesson, brief, edition.toml) as saved in the browser.

    The first browser save of a file also records the state it replaced (action "original"), so every
    earlier version, including the one from the folder, can be viewed and restored.
    """

    __tablename__ = "file_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[str] = mapped_column(String(80), index=True)
    edition_id: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(255))  # relative to the edition folder, e.g. "03-datenschutz.md"
    action: Mapped[str] = mapped_column(String(20))  # original, save, create, rename, delete, restore
    content: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(default=clock.now, index=True)
    note: Mapped[str | None] = mapped_column(String(255))

    author: Mapped[User | None] = relationship()
