"""Password hashing with argon2id and the password rules."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _

MIN_LENGTH = 10
# The stored "hash" of an invited account that has not chosen its password yet: matches no password.
NO_PASSWORD = "!"  # noqa: S105 - a marker, not a credential
# Used to spend the same time on unknown accounts as on known ones, so timing reveals nothing.
_DUMMY_PASSWORD = "campus-timing-equaliser"  # noqa: S105 - not a credential


def _hasher() -> PasswordHasher:
    params = current_app.config["PASSWORD_HASH"]
    cache = current_app.extensions.setdefault("campus.password_hashers", {})
    key = tuple(sorted(params.items()))
    if key not in cache:
        cache[key] = PasswordHasher(**params)
    return cache[key]


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` with the configured cost."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with no hash, still spend the time of a real check."""
    hasher = _hasher()
    if password_hash is None or password_hash == NO_PASSWORD:
        hasher.verify(_dummy_hash(), _DUMMY_PASSWORD)
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than configured now."""
    return _hasher().check_needs_rehash(password_hash)


def _dummy_hash() -> str:
    cache = current_app.extensions.setdefault("campus.password_dummy", {})
    if "hash" not in cache:
        cache["hash"] = hash_password(_DUMMY_PASSWORD)
    return str(cache["hash"])


def password_problem(password: str, email: str = "") -> str | None:
    """Why ``password`` is not acceptable, in the user's language; None when it is fine."""
    if len(password) < MIN_LENGTH:
        return _("The password must have at least %(n)d characters.", n=MIN_LENGTH)
    if email and password.strip().lower() == email.strip().lower():
        return _("The password must not be your e-mail address.")
    return None


def generate_password() -> str:
    """A one-time password for a new or reset account (the user must change it on first login)."""
    return secrets.token_urlsafe(12)
