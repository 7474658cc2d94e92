"""The edition settings as a form: label, topic, term, sessions, readings, assignments (see `forms.edition`).

Saving builds the new edition.toml from the form with `content.settings` (comments and unknown keys
are kept), checks it with the module validator exactly as the loader would, and writes it only when
it is valid; the validator's findings are shown at the fields they concern, in the page's language.
Rows are added and removed with submit buttons, so the page works without JavaScript.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import BooleanField, Field, FieldList, Form, FormField, SelectChoice

from .. import versions
from ..content import settings
from ..content.checks import EDITION_FILE, check_edition_file
from ..content.errors import EditConflict, ModuleInvalid
from ..content.manifest import Edition
from ..forms.edition import COMPOSED, GROUPS, EditionForm, form_value, toml_value
from .common import editable, log
from .problems import Finding, findings, locate

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


def _field(form: EditionForm, dotted: str) -> Field | None:
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


def attach(form: EditionForm, problems: list[Any]) -> list[tuple[Finding, str]]:
    """Put each finding at its field; returns (finding, id of the field or "") for the summary."""
    result = []
    for problem, finding in zip(problems, findings(problems), strict=True):
        field = _field(form, problem.field)
        if field is not None:
            field.errors = [*field.errors, finding.message]
        result.append((finding, field.id if field is not None else ""))
    return result


def _lesson_choices(edition: Edition) -> list[SelectChoice]:
    files = sorted(p.stem for p in edition.path.glob("[0-9][0-9]-*.md"))
    titles = {lesson.slug: lesson.title for lesson in edition.lessons}
    lessons = [SelectChoice(slug, f"{slug[:2]} {titles.get(slug, slug[3:])}") for slug in files]
    return [SelectChoice("", _("(no lesson)")), *lessons]


def _button(action: str) -> tuple[str, str]:
    kind, _sep, target = action.partition(":")
    return kind, target


@login_required
def edit_settings(module_id: str, edition_id: str) -> str | Response:
    """The edition's settings as a form; the raw edition.toml editor is the advanced alternative."""
    module, edition = editable(module_id, edition_id)
    on_disk, disk_sha = versions.read_text(edition.path / EDITION_FILE)
    advanced = url_for(".edit_edition_file", module_id=module.id, edition_id=edition.id)
    try:
        data = tomllib.loads(on_disk)
    except tomllib.TOMLDecodeError:
        flash(_("edition.toml cannot be read as it is; please correct it in the advanced editor."), "error")
        return redirect(advanced)
    form = EditionForm(
        data=initial_data(data) | {"base_sha256": disk_sha} if request.method == "GET" else None
    )
    summary: list[tuple[Finding, str]] = []
    conflict, focus = False, ""
    kind, target = _button(request.form.get("action", "save"))
    if request.method == "POST" and kind == "add" and target in GROUPS:
        form[target].append_entry()
        focus = form[target].entries[-1].id
    elif request.method == "POST" and kind == "remove":
        group, _sep, number = target.partition("-")
        if group in GROUPS and number.isdigit() and int(number) < len(form[group].entries):
            del form[group].entries[int(number)]
        focus = f"{group}-heading"
    elif request.method == "POST" and form.validate():
        try:
            text = settings.apply(on_disk, change_from(form, data))
        except ModuleInvalid:
            flash(_("The settings could not be written safely into edition.toml; please use the advanced editor."), "error")  # fmt: skip
            text = None
        problems = check_edition_file(edition.path, edition.id, text) if text is not None else []
        if problems:
            summary = attach(form, problems)
        elif text is not None and text == on_disk:
            flash(_("There were no changes to save."), "info")
            return redirect(request.path)
        elif text is not None:
            try:
                versions.save(module.id, edition.id, edition.path, EDITION_FILE, text, form.base_sha256.data or None, current_user)  # fmt: skip
            except EditConflict:
                conflict = True
                form.base_sha256.data = disk_sha or ""
            else:
                log("edition_settings.save", module, edition, file=EDITION_FILE)
                flash(_("The settings were saved."), "success")
                return redirect(request.path)
    for entry in form.sessions.entries:
        entry.form.lesson.choices = _lesson_choices(edition)
    field_errors = [(field, error) for field in _all_fields(form) for error in field.errors]
    if request.method == "POST" and not summary and field_errors and kind == "save":
        summary = [
            (Finding(field.name, str(field.label.text), error), field.id) for field, error in field_errors
        ]
    return render_template(
        "courses/edit/settings.html", module=module, edition=edition, form=form, groups=GROUPS,
        summary=summary, conflict=conflict, focus=focus, advanced_url=advanced,
        form_value=form_value, locate=locate,
    )  # fmt: skip


def _all_fields(form: Form) -> list[Field]:
    fields = []
    for field in form:
        if isinstance(field, FormField):
            fields += _all_fields(field.form)
        elif hasattr(field, "entries"):
            for entry in field.entries:
                fields += _all_fields(entry.form)
        else:
            fields.append(field)
    return fields
