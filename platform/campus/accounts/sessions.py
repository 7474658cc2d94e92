"""Server-side sign-in sessions: the cookie names a row, and signing out deletes it.

The session cookie is signed, so nobody can forge one; but a copy of it (from a shared computer, a proxy
log, a stolen backup) would keep working after the owner signed out. So every sign-in gets a row here, the
cookie carries the row's random id, and the user loader accepts the cookie only while the row exists and
is younger than ``SESSION_MAX_HOURS``, however active the session was.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, session
from sqlalchemy import delete

from campus import clock
from campus.accounts.models import LoginSession, User, new_token
from campus.extensions import db

SESSION_KEY = "_campus_sid"


def earliest_start() -> datetime:
    """Sessions that started before this moment have ended, active or not."""
    return clock.now() - timedelta(hours=current_app.config["SESSION_MAX_HOURS"])


def current_id() -> str | None:
    """The id of this browser's sign-in session, if it has one."""
    value = session.get(SESSION_KEY)
    return value if isinstance(value, str) else None


def start(user: User) -> None:
    """Open a session for ``user`` in this browser (and drop everybody's ended ones). The caller commits."""
    db.session.execute(delete(LoginSession).where(LoginSession.created_at < earliest_start()))
    session_id = new_token()
    db.session.add(LoginSession(id=session_id, user_id=user.id))
    session[SESSION_KEY] = session_id


def end() -> None:
    """End this browser's session on the server, so a copy of its cookie no longer signs anyone in.

    The caller commits.
    """
    session_id = current_id()
    if session_id:
        db.session.execute(delete(LoginSession).where(LoginSession.id == session_id))
    session.pop(SESSION_KEY, None)
