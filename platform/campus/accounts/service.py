"""Account rules that views and the command line share: sign-in, creation, passwords, deactivation.

Every function changes the session only; the calling view or command commits.
"""

from __future__ import annotations

from collections.abc import Iterable

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, select

from campus import clock
from campus.accounts.models import Cohort, Role, User, UserRole, new_token
from campus.accounts.passwords import (
    NO_PASSWORD,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from campus.extensions import db

# The column sizes of the account fields a person types (see models.User).
NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254


class AccountError(ValueError):
    """A rule of account management was broken; the message is shown to the user.

    ``field`` names the form field the message belongs to (e-mail address unless said otherwise).
    """

    def __init__(self, message: str, field: str = "email") -> None:
        super().__init__(message)
        self.field = field


class AccountDeactivated(AccountError):
    """The password was right, but the account is deactivated; only then may the person be told so."""

    def __init__(self, user: User) -> None:
        super().__init__(_("This account is deactivated."))
        self.user = user


def check_name(name: str) -> str:
    """The name without surrounding spaces, or AccountError when it is empty or too long for its column."""
    name = name.strip()
    if not name:
        raise AccountError(_("The name is missing."), "name")
    if len(name) > NAME_MAX_LENGTH:
        raise AccountError(_("The name is longer than %(n)d characters.", n=NAME_MAX_LENGTH), "name")
    return name


def check_matriculation_number(number: str | None, user: User | None = None) -> str | None:
    """The number, or None when empty; AccountError when another account (not ``user``) has it."""
    number = (number or "").strip() or None
    if number is not None:
        holder = db.session.scalar(select(User.id).where(User.matriculation_number == number))
        if holder is not None and (user is None or holder != user.id):
            raise AccountError(
                _("The matriculation number %(number)s is already taken.", number=number),
                "matriculation_number",
            )
    return number


def normalise_email(email: str) -> str:
    """The canonical form of an e-mail address, or AccountError when it is not one."""
    if len(email.strip()) > EMAIL_MAX_LENGTH:
        raise AccountError(_("The e-mail address is longer than %(n)d characters.", n=EMAIL_MAX_LENGTH))
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise AccountError(_("%(value)s is not a valid e-mail address.", value=email.strip())) from error


def find_by_email(email: str) -> User | None:
    """The account with this address (case-insensitive), if any."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The user these credentials belong to, or None when they are wrong (the same for unknown accounts).

    Raises ``AccountDeactivated`` when the password is right but the account is deactivated: whoever
    knows the password may learn that, and whom to ask.
    """
    user = find_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        return None
    if not user.active:
        raise AccountDeactivated(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = clock.now()
    return user


def create_user(
    email: str,
    name: str,
    roles: Iterable[Role],
    *,
    password: str | None = None,
    cohort: Cohort | None = None,
    matriculation_number: str | None = None,
    invited: bool = False,
) -> tuple[User, str]:
    """Add an account; without a password one is generated and must be changed at first login.

    ``invited``: no password at all (nothing is hashed); the owner sets one through the invitation link
    (``campus.accounts.invitations``), and the returned password is empty.
    Returns the user and the initial password (to hand over once). The caller commits.
    """
    email = normalise_email(email)
    if find_by_email(email):
        raise AccountError(_("An account with the e-mail address %(email)s exists already.", email=email))
    return new_user(
        email,
        check_name(name),
        roles,
        password=password,
        cohort=cohort,
        matriculation_number=check_matriculation_number(matriculation_number),
        invited=invited,
    )


def new_user(
    email: str,
    name: str,
    roles: Iterable[Role],
    *,
    password: str | None = None,
    cohort: Cohort | None = None,
    matriculation_number: str | None = None,
    invited: bool = False,
) -> tuple[User, str]:
    """``create_user`` for values already checked (address normalised and free; the CSV import)."""
    initial = "" if invited else password or generate_password()
    user = User(
        email=email,
        name=name,
        password_hash=hash_password(initial) if initial else NO_PASSWORD,
        must_change_password=password is None and not invited,
        cohort=cohort,
        matriculation_number=matriculation_number,
    )
    user.roles = set(roles)
    db.session.add(user)
    return user, initial


def change_password(user: User, new_password: str) -> None:
    """Set a password the user chose; ends the user's other sessions."""
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    user.auth_token = new_token()


def reset_password(user: User) -> str:
    """Give the account a one-time password that must be changed at the next login."""
    initial = generate_password()
    user.password_hash = hash_password(initial)
    user.must_change_password = True
    user.auth_token = new_token()
    return initial


def set_active(user: User, active: bool) -> None:
    """Deactivate or reactivate an account; deactivation ends its sessions at once. The caller commits."""
    user.active = active
    if not active:
        user.auth_token = new_token()


def administrators(limit: int = 3) -> list[User]:
    """Active administrators by name: whom a person asks about their account."""
    query = (
        select(User)
        .where(User.active.is_(True), User.role_links.any(UserRole.role == Role.ADMIN))
        .order_by(User.name)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def get_or_create_cohort(name: str) -> Cohort:
    """The cohort called ``name``, created if missing. The caller commits."""
    cohort = db.session.scalar(select(Cohort).where(Cohort.name == name.strip()))
    if cohort is None:
        cohort = Cohort(name=name.strip())
        db.session.add(cohort)
    return cohort
