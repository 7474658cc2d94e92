"""Managing an edition in the browser: lessons (create, rename, reorder, delete), assets, edition.toml, publish.

Every change goes through the Flask-free core (`files`, `assets`, `rollover`), is recorded in the
version history where it changes a file's content, and is written to the audit log.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from . import assets, catalogue, files, rollover, versions
from .blueprint import bp
from .edit_access import asset_base, editable, lesson_file, log
from .edit_checks import EDITION_FILE, check_edition_file, describe, normalise_newlines, slugify
from .edit_forms import AssetForm, ConfirmForm, DeleteForm, EditionFileForm, NewLessonForm, RenameForm
from .errors import AssetError, CoursesError, EditConflict, LessonFileError, LessonLinked
from .manifest import Edition, Module
from .validate import LESSON_FILE, is_ignored


def _lessons_on_disk(edition: Edition) -> list[str]:
    # From the folder, not the catalogue: a lesson created a moment ago is listed at once.
    return sorted(p.name for p in edition.path.glob("*.md") if LESSON_FILE.match(p.name))


def _assets(edition: Edition) -> list[tuple[str, int]]:
    folder = edition.path / assets.ASSETS
    if not folder.is_dir():
        return []
    found = [
        p for p in folder.rglob("*") if p.is_file() and not any(map(is_ignored, p.relative_to(folder).parts))
    ]
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size) for p in found)


def _max_asset_bytes() -> int:
    return int(current_app.config.get("MODULES_MAX_ASSET_BYTES", assets.MAX_UPLOAD))


def _edition_page(module: Module, edition: Edition, **forms: object) -> str:
    titles = {lesson.slug: lesson.title for lesson in edition.lessons}
    return render_template(
        "courses/edit_edition.html", module=module, edition=edition,
        lessons=[(name[:-3], titles.get(name[:-3], name)) for name in _lessons_on_disk(edition)],
        assets=_assets(edition), asset_url=asset_base(module.id, edition.id),
        new_form=forms.get("new_form") or NewLessonForm(), asset_form=forms.get("asset_form") or AssetForm(),
        action=ConfirmForm(), max_mb=_max_asset_bytes() / (1024 * 1024),
        allowed=sorted({ext.lstrip(".") for ext in assets.CONTENT_TYPES}),
    )  # fmt: skip


def _to_edition(module: Module, edition: Edition, anchor: str = "") -> Response:
    url = url_for(".edit_edition", module_id=module.id, edition_id=edition.id)
    return redirect(f"{url}#{anchor}" if anchor else url)


@bp.get("/<module_id>/<edition_id>/edit")
@login_required
def edit_edition(module_id: str, edition_id: str) -> str:
    """The edition's management page: lessons, assets, sessions and readings, publishing."""
    return _edition_page(*editable(module_id, edition_id))


@bp.post("/<module_id>/<edition_id>/new-lesson")
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
            form.new_name.errors = [_("This lesson could not be created: %(reason)s", reason=str(error))]
        else:
            versions.record(module.id, edition.id, path.name, "create", path.read_text("utf-8"), current_user)
            log("lesson.create", module, edition, file=path.name)  # commits the version too
            flash(_("The lesson was created."), "success")
            return redirect(
                url_for(".edit_lesson", module_id=module.id, edition_id=edition.id, slug=path.stem)
            )
    return _edition_page(module, edition, new_form=form)


@bp.route("/<module_id>/<edition_id>/<slug>/rename", methods=["GET", "POST"])
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
            form.name.errors = [_("The lesson could not be renamed: %(reason)s", reason=str(error))]
        else:
            note = f"{path.name} → {new.name}"
            versions.move_history(module.id, edition.id, {path.name: new.name})
            versions.record(
                module.id, edition.id, new.name, "rename", new.read_text("utf-8"), current_user, note
            )
            toml_after = (edition.path / EDITION_FILE).read_text("utf-8")
            versions.record_change(module.id, edition.id, EDITION_FILE, toml_before, toml_after, "rename", current_user, note)  # fmt: skip
            log("lesson.rename", module, edition, file=path.name, to=new.name)
            flash(_("The lesson was renamed."), "success")
            return _to_edition(module, edition, "lessons")
    return render_template("courses/edit_rename.html", module=module, edition=edition, slug=slug, form=form)


@bp.post("/<module_id>/<edition_id>/<slug>/move")
@login_required
def edit_move_lesson(module_id: str, edition_id: str, slug: str) -> Response:
    """Swap a lesson with the one before ("up") or after ("down"); the files are renumbered."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    if not ConfirmForm().validate_on_submit():
        return _to_edition(module, edition, "lessons")
    order = _lessons_on_disk(edition)
    i = order.index(path.name)
    j = i - 1 if request.form.get("direction") == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
        toml_before = (edition.path / EDITION_FILE).read_text("utf-8")
        try:
            moved = files.reorder_lessons(edition.path, order)
        except LessonFileError as error:
            flash(_("The order could not be changed: %(reason)s", reason=str(error)), "error")
            return _to_edition(module, edition, "lessons")
        renames = {old: new.name for old, new in zip(order, moved, strict=True)}
        versions.move_history(module.id, edition.id, renames)
        toml_after = (edition.path / EDITION_FILE).read_text("utf-8")
        versions.record_change(
            module.id, edition.id, EDITION_FILE, toml_before, toml_after, "rename", current_user
        )
        log("lessons.reorder", module, edition, order=[p.name for p in moved])
        flash(_("The order of the lessons was changed."), "success")
    return _to_edition(module, edition, "lessons")


@bp.route("/<module_id>/<edition_id>/<slug>/delete", methods=["GET", "POST"])
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
            error = str(exc)
        else:
            versions.record(module.id, edition.id, path.name, "delete", text, current_user)
            log("lesson.delete", module, edition, file=path.name)
            flash(_("The lesson was deleted. Its versions are kept."), "success")
            return _to_edition(module, edition, "lessons")
    return render_template(
        "courses/edit_delete.html",
        module=module,
        edition=edition,
        slug=slug,
        form=form,
        linked=linked,
        error=error,
    )


@bp.post("/<module_id>/<edition_id>/upload")
@login_required
def edit_upload_asset(module_id: str, edition_id: str) -> str | Response:
    """Store an uploaded file in the edition's assets/ folder (known types only, size-limited)."""
    module, edition = editable(module_id, edition_id)
    form = AssetForm()
    if form.validate_on_submit():
        upload = form.asset.data
        name = secure_filename(upload.filename or "")
        limit = _max_asset_bytes()
        data = upload.stream.read(limit + 1)
        if assets.guess_type(name) == assets.FALLBACK_TYPE:
            form.asset.errors = [_("This file type is not allowed. Allowed: %(types)s", types=", ".join(sorted(assets.CONTENT_TYPES)))]  # fmt: skip
        elif len(data) > limit:
            form.asset.errors = [_("The file is larger than %(mb).1f MB.", mb=limit / (1024 * 1024))]
        elif (edition.path / assets.ASSETS / name).exists() and not form.replace.data:
            form.asset.errors = [
                _("A file named %(name)s exists already. Tick “replace” to overwrite it.", name=name)
            ]
        else:
            try:
                stored = assets.store_asset(edition.path, name, data, replace=bool(form.replace.data))
            except AssetError as error:
                form.asset.errors = [str(error)]
            else:
                log("asset.upload", module, edition, file=stored.name, bytes=len(data))
                flash(_("The file %(name)s was uploaded.", name=stored.name), "success")
                return _to_edition(module, edition, "assets")
    return _edition_page(module, edition, asset_form=form)


@bp.route("/<module_id>/<edition_id>/edition-file", methods=["GET", "POST"])
@login_required
def edit_edition_file(module_id: str, edition_id: str) -> str | Response:
    """Edit edition.toml (sessions, readings, dates) as text; it is validated before it is written."""
    module, edition = editable(module_id, edition_id)
    on_disk, disk_sha = versions.read_text(edition.path / EDITION_FILE)
    form = EditionFileForm()
    problems: list[str] = []
    conflict = False
    if request.method == "GET":
        form.text.data, form.base_sha256.data = on_disk, disk_sha
    elif form.validate_on_submit():
        text = form.text.data = normalise_newlines(form.text.data or "")
        problems = [describe(p) for p in check_edition_file(edition.path, edition.id, text)]
        if not problems:
            try:
                versions.save(module.id, edition.id, edition.path, EDITION_FILE, text, form.base_sha256.data or None, current_user)  # fmt: skip
            except EditConflict:
                conflict = True
                on_disk, disk_sha = versions.read_text(edition.path / EDITION_FILE)
                form.base_sha256.data = disk_sha or ""
            else:
                log("edition_file.save", module, edition, file=EDITION_FILE)
                flash(_("Saved."), "success")
                return redirect(request.path)
    return render_template(
        "courses/edit_edition_file.html", module=module, edition=edition, form=form, problems=problems,
        conflict=conflict, current_text=on_disk,
    )  # fmt: skip


@bp.route("/<module_id>/<edition_id>/publish", methods=["GET", "POST"])
@login_required
def edit_publish(module_id: str, edition_id: str) -> str | Response:
    """Confirm, then mark the edition published and make it the module's current edition."""
    module, edition = editable(module_id, edition_id)
    form = ConfirmForm()
    is_current = edition.is_published and module.current_edition == edition.id
    if form.validate_on_submit() and not is_current:
        before = (edition.path / EDITION_FILE).read_text("utf-8")
        try:
            rollover.publish_edition(catalogue(current_app).root, module.id, edition.id)
        except CoursesError as error:  # also EditConflict: someone saved edition.toml meanwhile
            flash(_("The edition was not published: %(reason)s", reason=str(error)), "error")
        else:
            after = (edition.path / EDITION_FILE).read_text("utf-8")
            versions.record_change(
                module.id, edition.id, EDITION_FILE, before, after, "publish", current_user
            )
            log("edition.publish", module, edition, previous=module.current_edition)
            flash(_("The edition %(edition)s is now published and current.", edition=edition.id), "success")
            return _to_edition(module, edition)
    return render_template(
        "courses/edit_publish.html", module=module, edition=edition, form=form, is_current=is_current
    )
