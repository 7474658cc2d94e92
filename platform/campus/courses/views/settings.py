"""The edition settings as a form: label, topic, term, sessions, readings, assignments (see `forms.edition`).

Saving builds the new edition.toml from the form with `content.settings` (comments and unknown keys
are kept), checks it with the module validator exactly as the loader would, and writes it only when
it is valid; the validator's findings are shown at the fields they concern, in the page's language.
Rows are added and removed with submit buttons, so the page works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from campus.extensions import db

from .. import versions
from ..content import settings
from ..content.bounds import parse_toml
from ..content.checks import EDITION_FILE, check_edition_file
from ..content.errors import EditConflict, ModuleInvalid
from ..content.manifest import Edition
from ..forms.edition import GROUPS, MAX_ROWS, EditionForm
from ..forms.edition_data import all_fields, change_from, field_at, initial_data
from ..guards import assignments_in_use
from .common import editable, log
from .problems import Finding, findings


def attach(form: EditionForm, problems: list[Any]) -> list[tuple[Finding, str]]:
    """Put each finding at its field; returns (finding, id of the field or "") for the summary."""
    result = []
    for problem, finding in zip(problems, findings(problems), strict=True):
        field = field_at(form, problem.field)
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
        data = parse_toml(on_disk)  # bounded: the file on disk may have been broken by hand
    except ValueError:  # a TOML syntax error, or over the manifest bounds
        flash(_("edition.toml cannot be read as it is; please correct it in the advanced editor."), "error")
        return redirect(advanced)
    form = EditionForm(
        data=initial_data(data) | {"base_sha256": disk_sha} if request.method == "GET" else None
    )
    summary: list[tuple[Finding, str]] = []
    conflict, focus = False, ""
    kind, target = _button(request.form.get("action", "save"))
    if request.method == "POST" and kind == "add" and target in GROUPS:
        if len(form[target].entries) < MAX_ROWS:  # a bound on what a posted form can build
            form[target].append_entry()
        focus = form[target].entries[-1].id if form[target].entries else ""
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
        in_use = assignments_in_use(module.id, edition.id)
        problems = check_edition_file(edition.path, edition.id, text, keep=in_use) if text is not None else []
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
                db.session.commit()
                flash(_("The settings were saved."), "success")
                return redirect(request.path)
    for entry in form.sessions.entries:
        entry.form.lesson.choices = _lesson_choices(edition)
    field_errors = [(field, error) for field in all_fields(form) for error in field.errors]
    if request.method == "POST" and not summary and field_errors and kind == "save":
        summary = [
            (Finding(field.name, str(field.label.text), error), field.id) for field, error in field_errors
        ]
    return render_template(
        "courses/edit/settings.html", module=module, edition=edition, form=form, groups=GROUPS,
        summary=summary, conflict=conflict, focus=focus, advanced_url=advanced,
    )  # fmt: skip
