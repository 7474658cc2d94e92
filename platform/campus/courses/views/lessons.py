"""Lesson files of an edition in the browser: create, rename, move up or down, delete.

Each operation goes through `content.files` (locked, atomic), lets the version history follow
renamed files, records edition.toml when its session links change, and is audit-logged.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db
from campus.forms import ActionForm

from .. import versions
from ..content import files
from ..content.checks import EDITION_FILE, slugify
from ..content.errors import EditConflict, LessonFileError, LessonLinked
from ..forms import DeleteForm, NewLessonForm, RenameForm
from .common import editable, lesson_file, log
from .edition import edition_page, lessons_on_disk, to_edition
from .problems import error_text


@login_required
def edit_create_lesson(module_id: str, edition_id: str) -> str | Response:
    """Create ``NN-name.md`` holding ``# Title`` after the last lesson, then open it in the editor."""
    module, edition = editable(module_id, edition_id)
    form = NewLessonForm()
    if form.validate_on_submit():
        title = (form.new_title.data or "").strip()
        name = form.new_name.data or slugify(title)
        try:
            path = files.create_lesson(edition.path, name, title)
        except LessonFileError as error:
            form.new_name.errors = [
                _("This lesson could not be created: %(reason)s", reason=error_text(error))
            ]
        else:
            versions.record(module.id, edition.id, path.name, "create", path.read_text("utf-8"), current_user)
            log("lesson.create", module, edition, file=path.name)
            db.session.commit()
            flash(_("The lesson was created."), "success")
            return redirect(
                url_for(".edit_lesson", module_id=module.id, edition_id=edition.id, slug=path.stem)
            )
    return edition_page(module, edition, new_form=form)


@login_required
def edit_rename_lesson(module_id: str, edition_id: str, slug: str) -> str | Response:
    """Give a lesson a new file name; its number, history and session links follow."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    form = RenameForm(data={"name": slug[3:]} if request.method == "GET" else None)
    if form.validate_on_submit():
        toml_before = (edition.path / EDITION_FILE).read_text("utf-8")
        try:
            new = files.rename_lesson(edition.path, path.name, form.name.data or "")
        except LessonFileError as error:
            form.name.errors = [_("The lesson could not be renamed: %(reason)s", reason=error_text(error))]
        else:
            note = f"{path.name} → {new.name}"
            versions.move_history(module.id, edition.id, {path.name: new.name})
            versions.record(
                module.id, edition.id, new.name, "rename", new.read_text("utf-8"), current_user, note
            )
            toml_after = (edition.path / EDITION_FILE).read_text("utf-8")
            versions.record_change(module.id, edition.id, EDITION_FILE, toml_before, toml_after, "rename", current_user, note)  # fmt: skip
            log("lesson.rename", module, edition, file=path.name, to=new.name)
            db.session.commit()
            flash(_("The lesson was renamed."), "success")
            return to_edition(module, edition, "lessons")
    return render_template("courses/edit/rename.html", module=module, edition=edition, slug=slug, form=form)


@login_required
def edit_move_lesson(module_id: str, edition_id: str, slug: str) -> Response:
    """Swap a lesson with the one before ("up") or after ("down"); the files are renumbered."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    if not ActionForm().validate_on_submit():
        return to_edition(module, edition, "lessons")
    order = lessons_on_disk(edition)
    i = order.index(path.name)
    j = i - 1 if request.form.get("direction") == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        toml_before = (edition.path / EDITION_FILE).read_text("utf-8")
        try:
            moved = files.reorder_lessons(edition.path, order)
        except LessonFileError as error:
            flash(_("The order could not be changed: %(reason)s", reason=error_text(error)), "error")
            return to_edition(module, edition, "lessons")
        renames = {old: new.name for old, new in zip(order, moved, strict=True)}
        versions.move_history(module.id, edition.id, renames)
        toml_after = (edition.path / EDITION_FILE).read_text("utf-8")
        versions.record_change(
            module.id, edition.id, EDITION_FILE, toml_before, toml_after, "rename", current_user
        )
        log("lessons.reorder", module, edition, order=[p.name for p in moved])
        db.session.commit()
        flash(_("The order of the lessons was changed."), "success")
    return to_edition(module, edition, "lessons")


@login_required
def edit_delete_lesson(module_id: str, edition_id: str, slug: str) -> str | Response:
    """Confirm, then delete a lesson; refused while a session links to it or after someone changed it."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    text, sha = versions.read_text(path)
    form = DeleteForm(data={"base_sha256": sha} if request.method == "GET" else None)
    linked = [s for s in edition.sessions if s.lesson == slug]
    error = None
    if form.validate_on_submit():
        try:
            files.delete_lesson(edition.path, path.name, form.base_sha256.data or "")
        except EditConflict:
            error = _("The lesson was changed by someone else in the meantime; nothing was deleted.")
            form.base_sha256.data = sha
        except LessonLinked:
            error = _("The lesson was not deleted: a session links to it. Change that session in the sessions and readings first.")  # fmt: skip
        except LessonFileError as exc:
            error = error_text(exc)
        else:
            versions.record(module.id, edition.id, path.name, "delete", text, current_user)
            log("lesson.delete", module, edition, file=path.name)
            db.session.commit()
            flash(_("The lesson was deleted. Its versions are kept."), "success")
            return to_edition(module, edition, "lessons")
    return render_template(
        "courses/edit/delete.html",
        module=module,
        edition=edition,
        slug=slug,
        form=form,
        linked=linked,
        error=error,
    )
