"""Who may open what: role checks for views, and the session rules (idle timeout, forced password change)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from campus import clock
from campus.accounts import sessions
from campus.accounts.models import Role
from campus.extensions import db

F = TypeVar("F", bound=Callable[..., Any])

# Endpoints a user who must change the password may still reach.
_ALLOWED_BEFORE_PASSWORD_CHANGE = {
    "accounts.change_password",
    "accounts.logout",
    "accounts.language",
    "static",
}


def role_required(*roles: Role) -> Callable[[F], F]:
    """Let only signed-in users who hold one of ``roles`` in; everyone else gets 404.

    404 rather than 403: a page somebody may not see answers as if it did not exist, so the answer never
    tells whether an id or a page is there.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has_role(*roles):
                abort(404)
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def enforce_session_rules() -> Response | None:
    """End idle sessions and send users with a one-time password to the change-password page."""
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    now = clock.now().timestamp()
    timeout = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60
    last_seen = session.get("last_seen", now)
    if now - last_seen > timeout:
        sessions.end()
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("You were signed out after %(n)d minutes without activity.", n=timeout // 60), "info")
        return redirect(url_for("accounts.login", next=request.full_path))
    # Writing the session re-signs and re-sends the cookie; once a minute is precise enough for a timeout.
    if now - last_seen > 60 or "last_seen" not in session:
        session["last_seen"] = now
        session.permanent = True
    if current_user.must_change_password and request.endpoint not in _ALLOWED_BEFORE_PASSWORD_CHANGE:
        flash(_("Please choose your own password before you continue."), "info")
        return redirect(url_for("accounts.change_password"))
    return None


def init_app(app: Flask) -> None:
    """Install the session rules for every request."""
    app.before_request(enforce_session_rules)
