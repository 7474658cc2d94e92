"""Editing pages of course modules for responsible lecturers: the lesson editor, its preview, versions.

The edition's management pages (lessons, assets, edition.toml, publish) are in `edit_edition`.
Business rules live in `versions` (conflict-checked, recorded saves) and `edit_checks` (validation).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from . import edit_edition, versions  # noqa: F401 - edit_edition registers the edition management routes
from .blueprint import bp
from .edit_access import EDITION_KEY, asset_base, editable, lesson_file, log, optional_url, relpath_for
from .edit_checks import EDITION_FILE, check_edition_file, check_lesson, describe, normalise_newlines
from .edit_forms import FileTextForm, PreviewForm, RestoreForm
from .errors import EditConflict
from .render import render_markdown

# How the history names what happened to a file.
ACTION_LABELS = {
    "original": _l("state before the first browser edit"),
    "save": _l("saved"),
    "create": _l("created"),
    "rename": _l("renamed"),
    "delete": _l("deleted"),
    "restore": _l("restored"),
    "publish": _l("published"),
}


@bp.context_processor
def editing_context() -> dict[str, object]:
    """Templates link to other parts' pages only when those are installed."""
    return {
        "optional_url": optional_url,
        "editor_lang": str(get_locale() or "de"),
        "action_labels": ACTION_LABELS,
    }


@bp.route("/<module_id>/<edition_id>/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(module_id: str, edition_id: str, slug: str) -> str | Response:
    """Edit a lesson's Markdown; "Preview" renders it here without JS, "Save" writes it if unchanged."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    on_disk, disk_sha = versions.read_text(path)
    form = FileTextForm()
    preview, problems, conflict = None, [], False
    if request.method == "GET":
        form.text.data, form.base_sha256.data = on_disk, disk_sha
    elif form.validate_on_submit():
        text = normalise_newlines(form.text.data or "")
        form.text.data = text
        if form.preview.data:
            preview = render_markdown(text, asset_base(module.id, edition.id), cache=False).html
        elif versions.sha256_text(text) == disk_sha and disk_sha == form.base_sha256.data:
            flash(_("There were no changes to save."), "info")
            return redirect(request.path)
        elif not (problems := [describe(p) for p in check_lesson(path.name, text)]):
            try:
                versions.save(
                    module.id,
                    edition.id,
                    edition.path,
                    path.name,
                    text,
                    form.base_sha256.data or None,
                    current_user,
                )
            except EditConflict:
                conflict = True
                # Someone saved meanwhile: show their version, keep this user's text in the textarea,
                # and let a second save (after comparing) replace what is on disk now.
                on_disk, disk_sha = versions.read_text(path)
                form.base_sha256.data = disk_sha or ""
            else:
                log("lesson.save", module, edition, file=path.name)
                flash(_("Saved."), "success")
                return redirect(request.path)
    if preview is None:  # the page opens with the preview of what the editor holds
        preview = render_markdown(form.text.data or "", asset_base(module.id, edition.id), cache=False).html
    lesson = edition.lesson(slug)
    return render_template(
        "courses/edit_lesson.html", module=module, edition=edition, slug=slug, form=form,
        title=lesson.title if lesson else slug,
        preview=preview, previewed=request.method == "POST" and bool(form.preview.data), problems=problems, conflict=conflict, current_text=on_disk, current_exists=disk_sha is not None,
        preview_url=url_for(".edit_preview", module_id=module.id, edition_id=edition.id),
    )  # fmt: skip


@bp.post("/<module_id>/<edition_id>/preview")
@login_required
def edit_preview(module_id: str, edition_id: str) -> Response:
    """The live preview: the posted Markdown as the same sanitised HTML the lesson page shows."""
    module, edition = editable(module_id, edition_id)
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    rendered = render_markdown(
        normalise_newlines(form.text.data or ""), asset_base(module.id, edition.id), cache=False
    )
    return Response(rendered.html, mimetype="text/html")


def _back_url(module_id: str, edition_id: str, slug: str) -> str:
    if slug == EDITION_KEY:
        return url_for(".edit_edition_file", module_id=module_id, edition_id=edition_id)
    return url_for(".edit_lesson", module_id=module_id, edition_id=edition_id, slug=slug)


@bp.get("/<module_id>/<edition_id>/<slug>/versions")
@login_required
def edit_versions(module_id: str, edition_id: str, slug: str) -> str:
    """Every recorded version of a lesson (or of edition.toml): who, when, what."""
    module, edition = editable(module_id, edition_id)
    relpath = relpath_for(slug)
    rows = versions.history(module.id, edition.id, relpath)
    return render_template(
        "courses/edit_versions.html", module=module, edition=edition, slug=slug, relpath=relpath,
        rows=rows, back_url=_back_url(module.id, edition.id, slug),
    )  # fmt: skip


@bp.get("/<module_id>/<edition_id>/<slug>/versions/<int:version_id>")
@login_required
def edit_version(module_id: str, edition_id: str, slug: str, version_id: int) -> str:
    """One version, rendered and as raw text, with a button to restore it."""
    module, edition = editable(module_id, edition_id)
    relpath = relpath_for(slug)
    version = versions.get(module.id, edition.id, relpath, version_id) or abort(404)
    _text, disk_sha = versions.read_text(edition.path / relpath)
    form = RestoreForm(base_sha256=disk_sha or "")
    rendered = None
    if relpath != EDITION_FILE:
        rendered = render_markdown(version.content, asset_base(module.id, edition.id), cache=False).html
    return render_template(
        "courses/edit_version.html", module=module, edition=edition, slug=slug, relpath=relpath,
        version=version, rendered=rendered, form=form, is_current=version.sha256 == disk_sha,
        back_url=_back_url(module.id, edition.id, slug),
    )  # fmt: skip


@bp.post("/<module_id>/<edition_id>/<slug>/versions/<int:version_id>/restore")
@login_required
def edit_restore(module_id: str, edition_id: str, slug: str, version_id: int) -> Response:
    """Write an earlier version back, conflict-checked against the state the version page showed."""
    module, edition = editable(module_id, edition_id)
    relpath = relpath_for(slug)
    version = versions.get(module.id, edition.id, relpath, version_id) or abort(404)
    form = RestoreForm()
    if not form.validate_on_submit():
        abort(400)
    if relpath == EDITION_FILE:
        problems = check_edition_file(edition.path, edition.id, version.content)
    else:
        problems = check_lesson(relpath, version.content, edition.path)
    here = url_for(
        ".edit_version", module_id=module.id, edition_id=edition.id, slug=slug, version_id=version.id
    )
    if problems:
        flash(
            _("This version cannot be restored: %(problems)s", problems="; ".join(map(describe, problems))),
            "error",
        )
        return redirect(here)
    try:
        versions.restore(version, edition.path, form.base_sha256.data or None, current_user)
    except EditConflict:
        flash(_("The file was changed by someone else in the meantime; nothing was restored. Please check the current state and try again."), "error")  # fmt: skip
        return redirect(here)
    log("lesson.restore" if relpath != EDITION_FILE else "edition_file.restore", module, edition, file=relpath, version=version.id)  # fmt: skip
    flash(_("The version was restored."), "success")
    return redirect(url_for(".edit_versions", module_id=module.id, edition_id=edition.id, slug=slug))
