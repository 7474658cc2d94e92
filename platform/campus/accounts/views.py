"""Sign in, sign out, change password, switch language."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from campus.accounts import service, sessions, throttle
from campus.accounts.forms import ChangePasswordForm, LanguageForm, LoginForm
from campus.accounts.models import User
from campus.accounts.passwords import verify_password
from campus.audit import audit
from campus.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def _limit(setting: str) -> Callable[[], str]:
    return lambda: str(current_app.config[setting])


def _safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    _limit("LOGIN_RATE_LIMIT"),
    methods=["POST"],
    deduct_when=throttle.failed,
    on_breach=throttle.audit_breach("login.throttled", "address", throttle.attempted_account),
)
@limiter.limit(
    _limit("LOGIN_ACCOUNT_ADDRESS_RATE_LIMIT"),
    methods=["POST"],
    deduct_when=throttle.failed,
    key_func=throttle.account_address_key,
    on_breach=throttle.audit_breach("login.throttled", "account_address", throttle.attempted_account),
)
@limiter.limit(
    _limit("LOGIN_ACCOUNT_RATE_LIMIT"),
    methods=["POST"],
    deduct_when=throttle.failed,
    key_func=throttle.account_key,
    exempt_when=throttle.is_known_browser,
    on_breach=throttle.audit_breach("login.throttled", "account", throttle.attempted_account),
)
def login() -> Response | tuple[str, int]:
    """The start page for visitors: sign in (in demo mode, campus.demo lists the demo accounts here)."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        try:
            user = service.authenticate(email, form.password.data or "")
        except service.AccountDeactivated as refused:
            audit(None, "login.deactivated", refused.user)
            db.session.commit()
            flash(_deactivated_message(), "error")
        else:
            if user is not None:
                return _sign_in(user, email)
            audit(None, "login.failed", service.find_by_email(email))
            db.session.commit()
            flash(_("E-mail address or password is wrong."), "error")
    status = 401 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


def _sign_in(user: User, email: str) -> Response:
    language = session.get("language")
    session.clear()  # a fresh session on sign-in: no fixation
    if language and not user.language:  # a choice made before signing in is kept
        user.language = language
    sessions.start(user)
    login_user(user)
    audit(user, "login")
    db.session.commit()
    response = redirect(_safe_next(request.args.get("next")))
    throttle.remember_browser(response, email)
    return response


def _deactivated_message() -> str:
    """Tell a person who knows their password that the account is deactivated, and whom to ask."""
    contact = current_app.config.get("SUPPORT_CONTACT") or ", ".join(
        f"{admin.name} ({admin.email})" for admin in service.administrators(limit=3)
    )
    if not contact:
        return _("Your account has been deactivated. Please ask the programme's administration.")
    return _(
        "Your account has been deactivated. To have it reactivated, please ask: %(contact)s.", contact=contact
    )


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out (POST only, so a link on another site cannot sign anyone out).

    The session ends on the server too: a copy of the cookie taken before no longer signs anyone in.
    """
    if current_user.is_authenticated:
        audit(current_user, "logout")
    sessions.end()
    db.session.commit()
    logout_user()
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    flash(_("You have been signed out."), "info")
    return redirect(url_for("accounts.login"))


def _password_guess_failed(_response: Response) -> bool:
    return bool(g.get("password_guess_failed"))


def _password_change_key() -> str:
    return f"password-change:{current_user.get_id()}" if current_user.is_authenticated else ""


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limiter.limit(
    _limit("PASSWORD_CHANGE_RATE_LIMIT"),
    methods=["POST"],
    key_func=_password_change_key,
    deduct_when=_password_guess_failed,
    on_breach=throttle.audit_breach(
        "password.change_throttled", "account", lambda: current_user._get_current_object()
    ),
)
def change_password() -> str | Response:
    """Change one's own password; required after an import or a reset.

    Wrong current passwords are limited per account, so a session left open cannot be used to guess it.
    """
    user = current_user._get_current_object()
    form = ChangePasswordForm(email=user.email)
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data or ""):
            g.password_guess_failed = True
            audit(user, "password.change_failed")
            db.session.commit()
            form.current_password.errors = [_("The current password is wrong.")]
        else:
            service.change_password(user, form.new_password.data or "")
            login_user(user)  # the token rotated; keep this session signed in
            audit(user, "password.change")
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/language", methods=["POST"])
def language() -> Response:
    """Switch the language; stored on the account for signed-in users."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            current_user.language = form.language.data
            db.session.commit()
    return redirect(_safe_next(request.form.get("next")))
