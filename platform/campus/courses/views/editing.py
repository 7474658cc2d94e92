"""The lesson editor for a module's responsible people: Markdown text, preview without JS, live preview.

Saves are conflict-checked and recorded (`versions`); a text is validated with the loader's own
checks (`content.checks`) before it is written, so an edit never breaks the module.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import versions
from ..content.checks import check_lesson, describe, normalise_newlines
from ..content.errors import EditConflict
from ..content.render import render_markdown
from ..forms import FileTextForm, PreviewForm
from .common import asset_base, editable, lesson_file, log, shown


@login_required
def edit_lesson(module_id: str, edition_id: str, slug: str) -> str | Response:
    """Edit a lesson's Markdown; "Preview" renders it here without JS, "Save" writes it if unchanged."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    on_disk, disk_sha = versions.read_text(path)
    form = FileTextForm()
    base = asset_base(module.id, edition.id)
    preview, problems, conflict = None, [], False
    if request.method == "GET":
        form.text.data, form.base_sha256.data = on_disk, disk_sha
    elif form.validate_on_submit():
        text = normalise_newlines(form.text.data or "")
        form.text.data = text
        if form.preview.data:
            preview = shown(render_markdown(text, base, cache=False))
        elif versions.sha256_text(text) == disk_sha and disk_sha == form.base_sha256.data:
            flash(_("There were no changes to save."), "info")
            return redirect(request.path)
        elif not (problems := [describe(p) for p in check_lesson(path.name, text, asset_base=base)]):
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
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(request.path)
    if preview is None:  # the page opens with the preview of what the editor holds
        # After a refused save the check has just rendered (and cached) this text: not twice.
        preview = shown(render_markdown(form.text.data or "", base, cache=bool(problems)))
    lesson = edition.lesson(slug)
    return render_template(
        "courses/edit/lesson.html", module=module, edition=edition, slug=slug, form=form,
        title=lesson.title if lesson else slug,
        preview=preview, previewed=request.method == "POST" and bool(form.preview.data), problems=problems, conflict=conflict, current_text=on_disk, current_exists=disk_sha is not None,
        preview_url=url_for(".edit_preview", module_id=module.id, edition_id=edition.id),
    )  # fmt: skip


@login_required
def edit_preview(module_id: str, edition_id: str) -> Response:
    """The live preview: the posted Markdown as the same sanitised HTML the lesson page shows."""
    module, edition = editable(module_id, edition_id, change=False)
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    rendered = render_markdown(
        normalise_newlines(form.text.data or ""), asset_base(module.id, edition.id), cache=False
    )
    return Response(str(shown(rendered)), mimetype="text/html")
