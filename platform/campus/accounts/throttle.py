"""Sign-in throttling: slow down password guessing without locking the account's owner out.

Three limits count failed attempts (Flask-Limiter, shared by all workers through Redis in production):

- per client address (``LOGIN_RATE_LIMIT``): one address cannot try many passwords, on any accounts;
- per account and address (``LOGIN_ACCOUNT_ADDRESS_RATE_LIMIT``): lower, so one address cannot spend the
  whole budget of the account, and an attacker's failures never block the owner's address;
- per account from everywhere (``LOGIN_ACCOUNT_RATE_LIMIT``, a higher ceiling per hour): slows guessing
  spread over many addresses. Browsers that signed in to the account before are exempt (a signed "known
  browser" cookie, after OWASP's device cookies), so the owner is not locked out by somebody else's guessing.

A throttled attempt is audited at most once a minute per limit and key, so the log cannot be flooded.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from flask import current_app, request
from flask_limiter import RequestLimit
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse
from werkzeug.wrappers import Response

from campus.accounts.service import find_by_email
from campus.audit import audit
from campus.extensions import db, limiter

KNOWN_BROWSER_COOKIE = "campus_known_browser"
KNOWN_BROWSER_DAYS = 180
_KNOWN_BROWSER_ACCOUNTS = 5  # a shared computer remembers the last five accounts at most
_AUDIT_ONCE = parse("1 per minute")


def submitted_email() -> str:
    """The e-mail address of the sign-in attempt, as accounts are found (bounded, lower case)."""
    return request.form.get("email", "")[:254].strip().lower()


def account_key() -> str:
    """Limit key of the attempted account; empty (no limit) when no address was given."""
    email = submitted_email()
    return f"login-account:{email}" if email else ""


def account_address_key() -> str:
    """Limit key of the attempted account from this client address."""
    email = submitted_email()
    return f"login-account-address:{email}:{request.remote_addr}" if email else ""


def failed(response: Response) -> bool:
    """Only failed attempts count: a successful sign-in redirects."""
    return response.status_code != 302


def _fingerprint(email: str) -> str:
    # The cookie names accounts by a keyed hash, so it does not show who used this browser.
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, email.encode(), hashlib.sha256).hexdigest()[:24]


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="campus.known-browser")


def _known_fingerprints() -> list[str]:
    value = request.cookies.get(KNOWN_BROWSER_COOKIE, "")
    if not value:
        return []
    try:
        known = _serializer().loads(value, max_age=KNOWN_BROWSER_DAYS * 86400)
    except BadSignature:
        return []
    return [str(item) for item in known] if isinstance(known, list) else []


def is_known_browser() -> bool:
    """Whether this browser signed in to the attempted account before (exempt from the account ceiling)."""
    email = submitted_email()
    return bool(email) and _fingerprint(email) in _known_fingerprints()


def remember_browser(response: Response, email: str) -> None:
    """Mark this browser as one the account's owner uses, after a successful sign-in."""
    mark = _fingerprint(email.strip().lower())
    known = [mark, *(item for item in _known_fingerprints() if item != mark)][:_KNOWN_BROWSER_ACCOUNTS]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _serializer().dumps(known),
        max_age=KNOWN_BROWSER_DAYS * 86400,
        path=request.script_root + "/login",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )


def audit_breach(
    action: str, kind: str, account: Callable[[], object | None]
) -> Callable[[RequestLimit], None]:
    """An ``on_breach`` callback: audit ``action`` with the kind of limit, once a minute per key."""

    def on_breach(breached: RequestLimit) -> None:
        if not limiter.limiter.hit(_AUDIT_ONCE, "audit-breach", breached.key):
            return
        audit(None, action, account(), {"limit": kind})
        db.session.commit()

    return on_breach


def attempted_account() -> object | None:
    """The account a sign-in attempt named, if it exists (for the audit log)."""
    email = submitted_email()
    return find_by_email(email) if email else None
