"""Accounts: people, roles, cohorts, sign-in and the session rules."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

# recovery adds its pages to the accounts blueprint; it and invitations declare their jobs.
from campus.accounts import access, cli, invitations, labels, recovery, sessions  # noqa: F401
from campus.accounts.models import LoginSession, User
from campus.accounts.views import bp
from campus.extensions import db, login_manager

# Built once: this runs on every signed-in request, and one query fetches the user, roles and cohort.
_USER_BY_SESSION = (
    select(User)
    .join(LoginSession, LoginSession.user_id == User.id)
    .options(joinedload(User.role_links), joinedload(User.cohort))
    .where(
        User.auth_token == bindparam("token"),
        User.active.is_(True),
        LoginSession.id == bindparam("session_id"),
        LoginSession.created_at > bindparam("since"),
    )
)


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The user of this browser's session, while it lasts on the server.

    A rotated token (password change, deactivation) ends every session of the account; signing out
    deletes this browser's session row (``sessions``).
    """
    session_id = sessions.current_id()
    if session_id is None:
        return None
    parameters = {"token": token, "session_id": session_id, "since": sessions.earliest_start()}
    return db.session.execute(_USER_BY_SESSION, parameters).unique().scalar_one_or_none()


def init_app(app: Flask) -> None:
    """Sign-in, the accounts pages, the session rules and ``flask users``."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.register_blueprint(bp)
    # Templates get the user object itself: every attribute read through the proxy costs a lookup.
    app.context_processor(lambda: {"current_user": current_user._get_current_object()})
    access.init_app(app)
    labels.init_app(app)
    app.cli.add_command(cli.users)
