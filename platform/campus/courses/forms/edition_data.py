"""Between the edition settings form and edition.toml's parsed data: filling the form, and the change it asks for.

`initial_data` fills the form from the parsed file (each row remembers its place in the file);
`change_from` turns a submitted form into a `content.settings.Change`; `field_at` finds the form
field a validator finding names (``sessions[2].starts``) by position, whatever the field names.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from wtforms import BooleanField, Field, FieldList, Form, FormField

from ..content import settings
from .edition import COMPOSED, GROUPS, EditionForm, toml_value

SKIP = {"origin", "csrf_token", "base_sha256"}


def _rows(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _row(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _initial(table: dict[str, Any], form_class: type[Form]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in dir(form_class):
        unbound = getattr(form_class, name)
        if not hasattr(unbound, "field_class") or name in SKIP:
            continue
        if unbound.field_class is FormField:
            sub = table.get(name)
            data[name] = _initial(sub, unbound.args[0]) if isinstance(sub, dict) else {}
        elif name in table:
            data[name] = table[name]
    for key, parts in COMPOSED.items():
        value = table.get(key)
        if isinstance(value, list):
            data.update({part: v for part, v in zip(parts, value, strict=False) if isinstance(v, int)})
    return data


def initial_data(data: dict[str, Any]) -> dict[str, Any]:
    """The form's data for a parsed edition.toml (rows remember where in the file they come from)."""
    result = _initial(data, EditionForm)
    for group, (_label, row_form) in GROUPS.items():
        rows = _rows(data.get(group))
        result[group] = [
            _initial(r, row_form) | {"origin": str(i)} for i, r in enumerate(rows) if isinstance(r, dict)
        ]
    return result


def _values(
    form: Form, old: dict[str, Any], always_bool: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    values: dict[str, Any] = {}
    tables: dict[str, Any] = {}
    composed = {part for parts in COMPOSED.values() for part in parts}
    for field in form:
        name = field.short_name
        if name in SKIP or name in composed or isinstance(field, FieldList):
            continue
        if isinstance(field, FormField):
            sub_old = _row(old.get(name))
            sub_values, _sub = _values(field.form, sub_old, always_bool=True)
            filled = any(v not in (None, False) for v in sub_values.values())
            tables[name] = settings.Row(None, sub_values) if filled or name in old else None
            continue
        value = toml_value(field)
        if isinstance(field, BooleanField) and value is False and name not in old and not always_bool:
            value = None  # an unticked box does not add "= false" to a table that never had the key
        previous = old.get(name)
        same_minute = isinstance(previous, datetime) and previous.replace(second=0, microsecond=0) == value
        if isinstance(value, datetime) and same_minute:
            value = previous  # the form shows minutes: keep seconds the file had
        values[name] = value
    for key, parts in COMPOSED.items():
        numbers = [form[part].data for part in parts if part in form]
        values[key] = None if all(n is None for n in numbers) else numbers
    return values, tables


def change_from(form: EditionForm, data: dict[str, Any]) -> settings.Change:
    """The form's content as a `settings.Change` of the parsed edition.toml `data`."""
    top, _tables = _values(form, data)
    groups = {}
    for group in GROUPS:
        old_rows = _rows(data.get(group))
        rows = []
        for entry in form[group].entries:
            origin_text = entry.form.origin.data or ""
            origin = int(origin_text) if origin_text.isdigit() and int(origin_text) < len(old_rows) else None
            old = _row(old_rows[origin]) if origin is not None else {}
            values, tables = _values(entry.form, old)
            rows.append(settings.Row(origin, values, tables))
        groups[group] = rows
    return settings.Change(top, groups)


def field_at(form: EditionForm, dotted: str) -> Field | None:
    """The field of `form` that the dotted edition.toml field names (rows by position), or None."""
    target: Any = form
    for part in dotted.split("."):
        key, _sep, number = part.partition("[")
        key = COMPOSED.get(key, (key,))[0]
        if not hasattr(target, "__contains__") or key not in target:
            return None
        target = target[key]
        if number:
            index = int(number.rstrip("]")) - 1
            if not 0 <= index < len(target.entries):
                return None
            target = target.entries[index].form
        elif isinstance(target, FormField):
            target = target.form
    return target if isinstance(target, Field) else None


def all_fields(form: Form) -> list[Field]:
    """Every input field of a form, rows and sub-forms included, in order."""
    fields = []
    for field in form:
        if isinstance(field, FormField):
            fields += all_fields(field.form)
        elif hasattr(field, "entries"):
            for entry in field.entries:
                fields += all_fields(entry.form)
        else:
            fields.append(field)
    return fields
