"""Forgotten passwords: "Passwort vergessen?" mails a single-use link valid for one hour.

The page answers the same whether or not the address has an account, and takes the same time: the
request only queues a job, which looks the address up and mails the link. Using a link sets the
password, signs every other session of the person out, and signs this browser in.
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from campus import events, jobs, mail
from campus.accounts import sessions, tokens
from campus.accounts.forms import ForgotPasswordForm, NewPasswordForm
from campus.accounts.models import User, new_token
from campus.accounts.passwords import hash_password
from campus.accounts.service import AccountError, find_by_email, normalise_email
from campus.accounts.tokens import Purpose
from campus.accounts.views import bp
from campus.audit import audit
from campus.extensions import db, limiter

RESET_LIFETIME = timedelta(hours=1)


def _reset_limit() -> str:
    return str(current_app.config["PASSWORD_RESET_RATE_LIMIT"])


def _submitted_address() -> str:
    # Per address too, so nobody floods one person's inbox from many machines.
    return "reset:" + request.form.get("email", "").strip().lower()


@jobs.task()
def send_reset_link(email: str, language: str) -> None:
    """Mail a reset link if ``email`` belongs to an active account; otherwise do nothing."""
    user = find_by_email(email)
    if user is None or not user.active:
        return
    token = tokens.issue(user, Purpose.RESET, RESET_LIFETIME)
    recipient = mail.Recipient(user.email, user.name, user.language or language)
    link = mail.external_url("accounts.reset_password", token=token)
    mail.send(
        recipient, "accounts/password_reset", link=link, minutes=int(RESET_LIFETIME.total_seconds() // 60)
    )
    audit(None, "password.reset_link_sent", user)


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_reset_limit, methods=["POST"])
@limiter.limit(_reset_limit, methods=["POST"], key_func=_submitted_address)
def forgot_password() -> str | Response:
    """Ask for a reset link by e-mail address."""
    if current_user.is_authenticated:
        return redirect(url_for("accounts.change_password"))
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        try:
            email = normalise_email(form.email.data or "")
        except AccountError as error:
            form.email.errors = [str(error)]
        else:
            send_reset_link.enqueue(email, str(get_locale() or "de"))
            audit(None, "password.reset_request")
            db.session.commit()
            flash(
                _(
                    "If an account exists for %(email)s, we have sent a link to set a new password. "
                    "It works once and for one hour.",
                    email=email,
                ),
                "info",
            )
            return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


def set_password_from_link(record: tokens.AccountToken, password: str) -> User:
    """Set the password a link holder chose; ends every other session. The caller commits."""
    user = record.user
    user.password_hash = hash_password(password)
    user.must_change_password = False
    user.auth_token = new_token()
    tokens.use(record)
    events.emit(events.password_reset, user_id=user.id)
    return user


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> str | Response | tuple[str, int]:
    """Choose a new password through a reset link."""
    return _password_from_link(token, Purpose.RESET)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> str | Response | tuple[str, int]:
    """Choose the first password of an invited account."""
    return _password_from_link(token, Purpose.INVITATION)


def _password_from_link(token: str, purpose: Purpose) -> str | Response | tuple[str, int]:
    record = tokens.find(token, purpose)
    if record is None:
        return render_template("accounts/link_invalid.html", purpose=purpose.value), 404
    form = NewPasswordForm(email=record.user.email)
    if form.validate_on_submit():
        user = set_password_from_link(record, form.new_password.data or "")
        action = "password.reset" if purpose is Purpose.RESET else "invitation.accept"
        audit(user, action, user)
        language = session.get("language")
        session.clear()  # a fresh session, as at every sign-in
        if language:
            session["language"] = language
        sessions.start(user)
        db.session.commit()
        login_user(user)
        flash(
            _("Your password has been saved. You are signed in; every other session was signed out."),
            "success",
        )
        return redirect(url_for("dashboard.index"))
    return render_template("accounts/new_password.html", form=form, purpose=purpose.value, user=record.user)
