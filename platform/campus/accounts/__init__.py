"""Accounts: people, roles, cohorts, sign-in and the session rules."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from campus.accounts import access, cli, labels
from campus.accounts.models import User
from campus.accounts.views import bp
from campus.extensions import db, login_manager


@login_manager.user_loader
def load_user(token: str) -> User | None:
    """The user whose current session token this is; a rotated token signs old sessions out."""
    return db.session.scalar(select(User).where(User.auth_token == token, User.active.is_(True)))


def init_app(app: Flask) -> None:
    """Sign-in, the accounts pages, the session rules and ``flask users``."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please sign in to open this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.register_blueprint(bp)
    access.init_app(app)
    labels.init_app(app)
    app.cli.add_command(cli.users)
