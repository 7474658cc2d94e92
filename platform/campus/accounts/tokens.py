"""Single-use links for setting a password: a password reset (one hour) or an invitation (two weeks).

The link carries a random 256-bit token; the database keeps only its SHA-256, so a copy of the
database opens no account. A link is refused once used, once expired, once a newer link of the same
kind was issued, and when the account is deactivated.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Enum, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from campus import clock
from campus.accounts.models import User
from campus.extensions import db


class Purpose(enum.StrEnum):
    """What a link lets its holder do."""

    RESET = "reset"
    INVITATION = "invitation"


class AccountToken(db.Model):  # type: ignore[name-defined]
    """An issued link; ``used_at`` is set when it has been used."""

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[Purpose] = mapped_column(
        Enum(Purpose, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])

    @property
    def expired(self) -> bool:
        """Whether the link's time is over."""
        return clock.aware(self.expires_at) <= clock.now()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, purpose: Purpose, lifetime: timedelta, created_by: User | None = None) -> str:
    """A new link token for ``user``; earlier unused links of this kind stop working. The caller commits."""
    return issue_many([user], purpose, lifetime, created_by)[0]


def issue_many(
    users: list[User], purpose: Purpose, lifetime: timedelta, created_by: User | None = None
) -> list[str]:
    """A new link token for each of ``users`` (in order), as ``issue`` does, with one statement each."""
    db.session.flush()  # the users need their ids
    # synchronize_session=False: the session holds no token rows we still use, and scanning it per
    # call would make a 2,000-account import quadratic.
    db.session.execute(
        delete(AccountToken)
        .where(
            AccountToken.user_id.in_([user.id for user in users]),
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .execution_options(synchronize_session=False)
    )
    tokens = [secrets.token_urlsafe(32) for _ in users]
    expires_at = clock.now() + lifetime
    db.session.add_all(
        AccountToken(
            purpose=purpose,
            token_hash=_digest(token),
            user=user,
            created_by=created_by,
            expires_at=expires_at,
        )
        for user, token in zip(users, tokens, strict=True)
    )
    return tokens


def find(token: str, purpose: Purpose) -> AccountToken | None:
    """The valid, unused link for ``token``, or None (whatever the reason: nothing is revealed)."""
    if not token or len(token) > 128:
        return None
    record = db.session.scalar(
        select(AccountToken).where(AccountToken.token_hash == _digest(token), AccountToken.purpose == purpose)
    )
    if record is None or record.used_at is not None or record.expired or not record.user.active:
        return None
    return record


def use(record: AccountToken) -> None:
    """Mark the link used; it never works again. The caller commits."""
    record.used_at = clock.now()


def pending_invitations() -> list[AccountToken]:
    """Invitations not yet used (expired ones included), newest first."""
    query = (
        select(AccountToken)
        .where(AccountToken.purpose == Purpose.INVITATION, AccountToken.used_at.is_(None))
        .order_by(AccountToken.created_at.desc(), AccountToken.id.desc())
    )
    return list(db.session.scalars(query))
