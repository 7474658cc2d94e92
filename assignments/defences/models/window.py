"""What examiners and the office record for a defence window.

A window is one assignment's ``[assignments.defence]`` table in ``edition.toml`` (its rules live
there, versioned with the module); rows refer to it by its key "module/edition/assignment".
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus.accounts.models import User
from campus.extensions import db

from .. import glue


class Availability(db.Model):  # type: ignore[name-defined]
    """A time range in which an examiner can sit on a panel; weekly entries share a ``series``."""

    __tablename__ = "defence_availability"
    __table_args__ = (Index("ix_defence_availability_window_examiner", "window_key", "examiner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    window_key: Mapped[str] = mapped_column(String(200))
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    series: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=glue.now)

    examiner: Mapped[User] = relationship(foreign_keys=[examiner_id])


class ExaminerLimit(db.Model):  # type: ignore[name-defined]
    """An examiner's maximum number of defences per day in a window."""

    __tablename__ = "defence_examiner_limit"

    window_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    max_per_day: Mapped[int]


class Invitation(db.Model):  # type: ignore[name-defined]
    """A student invited to defend in a window whose defences are by invitation."""

    __tablename__ = "defence_invitation"
    __table_args__ = (UniqueConstraint("window_key", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    window_key: Mapped[str] = mapped_column(String(200))
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    invited_at: Mapped[datetime] = mapped_column(default=glue.now)

    student: Mapped[User] = relationship(foreign_keys=[student_id])


class Accommodation(db.Model):  # type: ignore[name-defined]
    """Nachteilsausgleich: the student gets the window's longer slot. Never a medical detail here."""

    __tablename__ = "defence_accommodation"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=glue.now)

    student: Mapped[User] = relationship(foreign_keys=[student_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
