"""How the audit log reads: action names, field names, people and values in the page's language.

The log stores codes (``user.update``) and plain data; this module turns a page of entries into what an
administrator reads. Feature packages name their own actions with ``register_audit_actions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, url_for
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectChoice

from campus.accounts.labels import ROLE_LABELS
from campus.accounts.models import Cohort, Role, User
from campus.audit import AuditEvent
from campus.extensions import db

CORE_ACTIONS: dict[str, LazyString] = {
    "login": _l("Signed in"),
    "login.failed": _l("Sign-in failed"),
    "login.deactivated": _l("Sign-in refused: account deactivated"),
    "login.throttled": _l("Sign-in attempts throttled"),
    "logout": _l("Signed out"),
    "password.change": _l("Changed own password"),
    "password.change_failed": _l("Password change failed: wrong current password"),
    "password.change_throttled": _l("Password changes throttled"),
    "user.create": _l("Account created"),
    "user.update": _l("Account changed"),
    "user.reset_password": _l("One-time password issued"),
    "user.deactivate": _l("Account deactivated"),
    "user.reactivate": _l("Account reactivated"),
    "user.import": _l("Accounts imported"),
    "cohort.create": _l("Cohort created"),
    "audit.view": _l("Audit log viewed"),
    "enrolment.create": _l("Cohort enrolled"),
    "enrolment.delete": _l("Enrolment ended"),
    "course.lesson.create": _l("Lesson created"),
    "course.lesson.save": _l("Lesson saved"),
    "course.lesson.rename": _l("Lesson renamed"),
    "course.lesson.delete": _l("Lesson deleted"),
    "course.lesson.restore": _l("Lesson version restored"),
    "course.lessons.reorder": _l("Lessons reordered"),
    "course.asset.upload": _l("File uploaded"),
    "course.edition_file.save": _l("Edition settings saved"),
    "course.edition_file.restore": _l("Edition settings restored"),
    "course.edition.publish": _l("Edition published"),
}
FIELD_LABELS: dict[str, LazyString] = {
    "name": _l("Name"),
    "email": _l("E-mail address"),
    "matriculation_number": _l("Matriculation number"),
    "roles": _l("Roles"),
    "cohort": _l("Cohort"),
    "active": _l("Active"),
    "accounts": _l("Accounts"),
    "edition": _l("Edition"),
    "file": _l("File"),
    "to": _l("New name"),
    "order": _l("Order"),
    "bytes": _l("Size in bytes"),
    "previous": _l("Previous edition"),
    "version": _l("Version"),
    "filter": _l("Filter"),
    "reason": _l("Reason"),
    "limit": _l("Limit"),
}
ROLE_CODES = frozenset(role.value for role in Role)
OBJECT_LABELS: dict[str, LazyString] = {
    "user": _l("Account"),
    "cohort": _l("Cohort"),
    "module": _l("Module"),
    "enrolment": _l("Enrolment"),
}


def register_audit_actions(app: Flask, actions: dict[str, LazyString | str]) -> None:
    """Name a feature's audit actions (``{code: label}``) for the audit log."""
    app.extensions.setdefault("campus.audit_actions", {}).update(actions)


def action_labels() -> dict[str, LazyString | str]:
    """Every known action code with its name, the core's and the features'."""
    return {**CORE_ACTIONS, **current_app.extensions.get("campus.audit_actions", {})}


def action_choices() -> list[SelectChoice]:
    """The audit log filter's choices: every named action, alphabetically by its name."""
    named = sorted((SelectChoice(code, str(label)) for code, label in action_labels().items()), key=_by_label)
    return [SelectChoice("", _("All actions")), *named]


def _by_label(choice: SelectChoice) -> str:
    return str(choice.label).lower()


def action_label(code: str) -> str:
    """The readable name of an action; the code itself for an action nobody named."""
    label = action_labels().get(code)
    return str(label) if label is not None else code


@dataclass(frozen=True)
class Entry:
    """One audit event as the log page shows it."""

    event: AuditEvent
    action: str
    object_text: str
    object_url: str | None
    details: list[tuple[str, str]]


def readable(value: Any, field: str = "") -> str:
    """A stored value in words: none, yes/no, role names, lists and mappings."""
    if value is None or value == "":
        return _("(none)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "roles" and isinstance(value, list):
        return ", ".join(str(ROLE_LABELS[Role(v)]) if v in ROLE_CODES else str(v) for v in value) or _(
            "(none)"
        )
    if isinstance(value, list):
        return ", ".join(readable(item) for item in value) or _("(none)")
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {readable(v, k)}" for k, v in value.items()) or _("(none)")
    return str(value)


def field_label(name: str) -> str:
    """The readable name of a detail or changed field."""
    label = FIELD_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ")


def _details(details: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    for key, value in details.items():
        if key == "changes" and isinstance(value, dict):
            for field, (old, new) in value.items():
                lines.append((field_label(field), f"{readable(old, field)} → {readable(new, field)}"))
        else:
            lines.append((field_label(key), readable(value, key)))
    return lines


def _names(model: type[User] | type[Cohort], ids: Iterable[str]) -> dict[str, str]:
    numbers = {int(i) for i in ids if i and i.isdigit()}
    if not numbers:
        return {}
    rows = db.session.execute(select(model.id, model.name).where(model.id.in_(numbers)))
    return {str(row_id): name for row_id, name in rows}


def entries(events: Sequence[AuditEvent]) -> list[Entry]:
    """The page's events with action names, people's and cohorts' names and their details in words."""
    users = _names(User, (e.object_id or "" for e in events if e.object_type == "user"))
    cohorts = _names(Cohort, (e.object_id or "" for e in events if e.object_type == "cohort"))
    result = []
    for event in events:
        kind, key = event.object_type or "", event.object_id or ""
        url = None
        if kind == "user" and key in users:
            text, url = users[key], url_for("admin.edit_user", user_id=int(key))
        elif kind == "cohort" and key in cohorts:
            text, url = cohorts[key], url_for("admin.cohort", cohort_id=int(key))
        elif kind:
            label = OBJECT_LABELS.get(kind)
            text = f"{label if label is not None else kind} {key}".strip()
        else:
            text = ""
        result.append(Entry(event, action_label(event.action), text, url, _details(event.details or {})))
    return result


def init_app(app: Flask) -> None:
    """The template filter ``audit_action``: an action code's readable name."""
    app.add_template_filter(action_label, "audit_action")
