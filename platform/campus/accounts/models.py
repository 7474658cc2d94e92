"""People, their roles and their cohorts."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus import clock
from campus.extensions import db


def new_token() -> str:
    """A random identifier for a login session generation (see ``User.auth_token``)."""
    return secrets.token_urlsafe(24)


class Role(enum.StrEnum):
    """What a person may do; one person may hold several roles."""

    STUDENT = "student"
    LECTURER = "lecturer"
    EXAMINER = "examiner"
    ADMIN = "admin"


class Cohort(db.Model):  # type: ignore[name-defined]
    """A year group of students, e.g. "MA DiSA 2025"; cohorts are enrolled in module editions."""

    __tablename__ = "cohort"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    members: Mapped[list[User]] = relationship(back_populates="cohort", order_by="User.name")

    def __repr__(self) -> str:
        return f"<Cohort {self.name!r}>"


class User(UserMixin, db.Model):  # type: ignore[name-defined]
    """An account. Never hard-deleted once it has work attached: deactivate instead."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    matriculation_number: Mapped[str | None] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(5))
    # Rotated on password change and deactivation, which ends every other session of this account.
    auth_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohort.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    last_login_at: Mapped[datetime | None]

    cohort: Mapped[Cohort | None] = relationship(back_populates="members")
    role_links: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", back_populates="user"
    )

    @property
    def roles(self) -> set[Role]:
        """The roles this person holds."""
        return {link.role for link in self.role_links}

    @roles.setter
    def roles(self, wanted: set[Role] | list[Role]) -> None:
        wanted = set(wanted)
        self.role_links = [link for link in self.role_links if link.role in wanted]
        for role in sorted(wanted - self.roles):
            self.role_links.append(UserRole(role=role))

    def has_role(self, *roles: Role) -> bool:
        """Whether this person holds any of ``roles``."""
        return bool(self.roles.intersection(roles))

    @property
    def is_active(self) -> bool:  # flask-login refuses to log in inactive users
        return self.active

    def get_id(self) -> str:
        return self.auth_token

    def __repr__(self) -> str:
        return f"<User {self.email!r}>"


class LoginSession(db.Model):  # type: ignore[name-defined]
    """One signed-in browser. The session cookie carries the id; signing out deletes the row."""

    __tablename__ = "login_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_token)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)


class UserRole(db.Model):  # type: ignore[name-defined]
    """One role held by one user."""

    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]),
        primary_key=True,
    )

    user: Mapped[User] = relationship(back_populates="role_links")
