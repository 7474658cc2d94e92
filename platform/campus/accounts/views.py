"""Sign in, sign out, change password, switch language."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from campus.accounts import service
from campus.accounts.forms import ChangePasswordForm, LanguageForm, LoginForm
from campus.accounts.passwords import verify_password
from campus.audit import audit
from campus.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def _login_rate_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _submitted_email() -> str:
    # A second limit per account, so guessing one person's password from many addresses fails too.
    return "login:" + request.form.get("email", "").strip().lower()


def _failed(response: Response) -> bool:
    # Only failed attempts count towards the limit: a successful sign-in redirects.
    return response.status_code != 302


def _safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("dashboard.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_rate_limit, methods=["POST"], deduct_when=_failed, key_func=_submitted_email)
def login() -> Response | tuple[str, int]:
    """The start page for visitors: sign in (in demo mode, campus.demo lists the demo accounts here)."""
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = service.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            language = session.get("language")
            session.clear()  # a fresh session on sign-in: no fixation
            if language and not user.language:  # a choice made before signing in is kept
                user.language = language
            login_user(user)
            audit(user, "login")
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")))
        flash(_("E-mail address or password is wrong."), "error")
    status = 401 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out (POST only, so a link on another site cannot sign anyone out)."""
    if current_user.is_authenticated:
        audit(current_user, "logout")
        db.session.commit()
    logout_user()
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language
    flash(_("You have been signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """Change one's own password; required after an import or a reset."""
    user = current_user._get_current_object()
    form = ChangePasswordForm(email=user.email)
    if form.validate_on_submit():
        if not verify_password(user.password_hash, form.current_password.data or ""):
            form.current_password.errors = [_("The current password is wrong.")]
        else:
            service.change_password(user, form.new_password.data or "")
            audit(user, "password.change")
            db.session.commit()
            login_user(user)  # the token rotated; keep this session signed in
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
