"""Bookings and the rows that make double-booking impossible in the database itself.

A defence claims, for each examiner on its panel, every 5-minute step from its start to its end plus
the buffer (``ExaminerClaim``, primary key examiner + minute), and a numbered seat of the examiner's
day (``DaySeat``). Two bookings that overlap, come closer than the buffer or exceed a daily maximum
therefore collide on a primary key, whichever request commits first; a student's second active
booking collides on a partial unique index. No check-then-write in Python decides a race.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus.accounts.models import User
from campus.extensions import db

from .. import glue

ACTIVE = ("offered", "booked")
_ACTIVE_SQL = text("status IN ('offered', 'booked')")
_WAITING_SQL = text("status IN ('waiting', 'offered')")


class Defence(db.Model):  # type: ignore[name-defined]
    """One defence of one student: booked, offered from the waitlist, or cancelled (kept for history).

    ``sequence`` counts changes for calendar clients (iCalendar SEQUENCE); ``uid`` never changes.
    """

    __tablename__ = "defence"
    __table_args__ = (
        Index("uq_defence_active_student", "window_key", "student_id", unique=True,
              sqlite_where=_ACTIVE_SQL, postgresql_where=_ACTIVE_SQL),
        Index("ix_defence_window_starts", "window_key", "starts_at"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    window_key: Mapped[str] = mapped_column(String(200))
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    # The submission defended, once submissions exist for the assignment (no foreign key across features).
    submission_id: Mapped[int | None]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default="booked")
    source: Mapped[str] = mapped_column(String(16), default="student")
    sequence: Mapped[int] = mapped_column(default=0)
    offer_expires_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]  # the reminder 24 hours before went out
    created_at: Mapped[datetime] = mapped_column(default=glue.now)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    cancel_reason: Mapped[str | None] = mapped_column(String(300))

    student: Mapped[User] = relationship(foreign_keys=[student_id])
    seats: Mapped[list[PanelSeat]] = relationship(
        cascade="all, delete-orphan", order_by="PanelSeat.position", lazy="selectin"
    )

    @property
    def examiners(self) -> list[User]:
        """The panel, Prüfer/in first."""
        return [seat.examiner for seat in self.seats]

    @property
    def is_active(self) -> bool:
        """Booked, or offered and not yet answered."""
        return self.status in ACTIVE


class PanelSeat(db.Model):  # type: ignore[name-defined]
    """An examiner on a defence's panel; position 1 is the Prüfer/in, the others Beisitzer/in."""

    __tablename__ = "defence_panel_seat"

    defence_id: Mapped[int] = mapped_column(ForeignKey("defence.id", ondelete="CASCADE"), primary_key=True)
    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    position: Mapped[int]

    examiner: Mapped[User] = relationship(lazy="joined", foreign_keys=[examiner_id])


class ExaminerClaim(db.Model):  # type: ignore[name-defined]
    """One 5-minute step of an examiner's time held by an active defence (or its buffer)."""

    __tablename__ = "defence_claim"

    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    minute: Mapped[int] = mapped_column(primary_key=True)  # minutes since the Unix epoch
    defence_id: Mapped[int] = mapped_column(ForeignKey("defence.id", ondelete="CASCADE"), index=True)


class DaySeat(db.Model):  # type: ignore[name-defined]
    """Seat ``seat`` (1, 2, ...) of an examiner's defences on a local calendar day."""

    __tablename__ = "defence_day_seat"

    examiner_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    seat: Mapped[int] = mapped_column(primary_key=True)
    defence_id: Mapped[int] = mapped_column(ForeignKey("defence.id", ondelete="CASCADE"), index=True)


class WaitlistEntry(db.Model):  # type: ignore[name-defined]
    """A student waiting for a place; served first come, first served."""

    __tablename__ = "defence_waitlist"
    __table_args__ = (
        Index("uq_defence_waitlist_waiting", "window_key", "student_id", unique=True,
              sqlite_where=_WAITING_SQL, postgresql_where=_WAITING_SQL),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    window_key: Mapped[str] = mapped_column(String(200))
    student_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    joined_at: Mapped[datetime] = mapped_column(default=glue.now)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    defence_id: Mapped[int | None] = mapped_column(ForeignKey("defence.id"))

    student: Mapped[User] = relationship(foreign_keys=[student_id])
    offer: Mapped[Defence | None] = relationship(foreign_keys=[defence_id])


class CalendarToken(db.Model):  # type: ignore[name-defined]
    """The secret in a person's private calendar feed URL; a new token revokes the old feed."""

    __tablename__ = "defence_calendar_token"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=glue.now)
