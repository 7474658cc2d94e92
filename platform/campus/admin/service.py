"""Rules of account administration that the views share: edit an account, and say exactly what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext as _

from campus.accounts import service
from campus.accounts.models import Cohort, Role, User
from campus.extensions import db


def account_fields(user: User) -> dict[str, Any]:
    """The values an administrator edits, as plain data: what the audit log compares, old with new."""
    return {
        "name": user.name,
        "email": user.email,
        "matriculation_number": user.matriculation_number,
        "roles": sorted(role.value for role in user.roles),
        "cohort": user.cohort.name if user.cohort else None,
    }


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    return {key: [before[key], after.get(key)] for key in before if before[key] != after.get(key)}


def update_account(
    user: User,
    actor: User,
    *,
    name: str,
    email: str,
    matriculation_number: str | None,
    roles: Iterable[str],
    cohort_id: int | None,
) -> dict[str, list[Any]]:
    """Apply an administrator's edit; returns the changed fields (old → new). The caller commits.

    Raises ``AccountError`` (naming the field) when a rule is broken; then nothing is changed.
    """
    before = account_fields(user)
    email = service.normalise_email(email)
    other = service.find_by_email(email)
    if other is not None and other.id != user.id:
        raise service.AccountError(
            _("An account with the e-mail address %(email)s exists already.", email=email)
        )
    wanted_roles = {Role(role) for role in roles}
    if user.id == actor.id and Role.ADMIN not in wanted_roles:
        raise service.AccountError(_("You cannot take the administrator role from yourself."), "roles")
    name = service.check_name(name)
    number = service.check_matriculation_number(matriculation_number, user)
    cohort = db.session.get(Cohort, cohort_id) if cohort_id else None
    if cohort_id and cohort is None:
        raise service.AccountError(_("This cohort does not exist (any more)."), "cohort_id")
    user.name, user.email, user.matriculation_number = name, email, number
    if wanted_roles != user.roles:  # rewriting the links of unchanged roles would only cost queries
        user.roles = wanted_roles
    user.cohort = cohort
    return changed_fields(before, account_fields(user))
