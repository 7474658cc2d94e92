"""The lesson editor for a module's responsible people: Markdown text, preview without JS, live preview.

Saves are conflict-checked and recorded (`versions`); a text is validated with the loader's own
checks (`content.checks`) before it is written, so an edit never breaks the module. The preview
(with and without JavaScript) also warns, before saving, about what the validator would refuse
(remote images) and about links into assets/ that name no file of the edition.
"""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import versions
from ..content.checks import check_lesson, normalise_newlines
from ..content.errors import EditConflict
from ..content.manifest import Edition
from ..content.references import asset_references, missing_assets
from ..content.render import render_markdown
from ..content.validate import LESSON_FILE
from ..forms import FileTextForm, PreviewForm
from .common import asset_base, editable, lesson_file, log, shown
from .edition import linked_lessons
from .problems import describe_problems


def missing_files(edition: Edition, rendered_html: str, base: str) -> list[str]:
    """Messages for each assets/ path of a rendered lesson that is no file of the edition."""
    return [
        _(
            "assets/%(name)s: there is no such file in this edition. Upload it under “Files” or correct the path.",
            name=name,
        )
        for name in missing_assets(edition.path, asset_references(rendered_html, base))
    ]


def warnings_for(edition: Edition, filename: str, text: str, rendered_html: str, base: str) -> list[str]:
    """What saving `text` would be refused for, and the files it names that do not exist.

    The check renders with the page's `base`, so it reuses the rendering just made (one render).
    """
    problems = check_lesson(filename, text, asset_base=base)
    return describe_problems(problems) + missing_files(edition, rendered_html, base)


def lesson_title(text: str, slug: str) -> str:
    """The title of the lesson text as it stands (its "# " heading), else the file name."""
    first = next((line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    return first[2:].strip().rstrip("#").strip() if first.startswith("# ") else slug


@login_required
def edit_lesson(module_id: str, edition_id: str, slug: str) -> str | Response:
    """Edit a lesson's Markdown; "Preview" renders it here without JS, "Save" writes it if unchanged."""
    module, edition = editable(module_id, edition_id)
    path = lesson_file(edition, slug)
    base = asset_base(module.id, edition.id)
    on_disk, disk_sha = versions.read_text(path)
    form = FileTextForm()
    problems: list[str] = []
    conflict = False
    if request.method == "GET":
        form.text.data, form.base_sha256.data = on_disk, disk_sha
    elif form.validate_on_submit():
        text = normalise_newlines(form.text.data or "")
        form.text.data = text
        if form.preview.data:
            pass  # rendered below, with the warnings
        elif versions.sha256_text(text) == disk_sha and disk_sha == form.base_sha256.data:
            flash(_("There were no changes to save."), "info")
            return redirect(request.path)
        elif not (problems := describe_problems(check_lesson(path.name, text, asset_base=base))):
            try:
                versions.save(module.id, edition.id, edition.path, path.name, text, form.base_sha256.data or None, current_user)  # fmt: skip
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
                missing = missing_files(
                    edition, render_markdown(text, base).html, base
                )  # cached by the check
                if missing:
                    flash(_("Please check: %(problems)s", problems=" ".join(missing)), "warning")
                return redirect(request.path)
    # Rendered (and cached) once: the save's check, the warnings and a refused save's page share it.
    rendered = render_markdown(form.text.data or "", base)
    warnings = [] if problems else warnings_for(edition, path.name, form.text.data or "", rendered.html, base)
    preview = shown(rendered)
    return render_template(
        "courses/edit/lesson.html", module=module, edition=edition, slug=slug, form=form,
        title=lesson_title(on_disk, slug), deletable=slug not in linked_lessons(edition),
        preview=preview, previewed=request.method == "POST" and bool(form.preview.data), problems=problems,
        warnings=warnings, conflict=conflict, current_text=on_disk, current_exists=disk_sha is not None,
        preview_url=url_for(".edit_preview", module_id=module.id, edition_id=edition.id, slug=slug),
    )  # fmt: skip


@login_required
def edit_preview(module_id: str, edition_id: str) -> Response:
    """The live preview: the posted Markdown as the lesson page's HTML, and the warnings before saving.

    Answers JSON ``{"html": ..., "warnings": [...]}``; the lesson's file name (``slug``) in the query
    lets the checks use the rules for that file. It only reads, so an archived edition has it too.
    """
    module, edition = editable(module_id, edition_id, change=False)
    form = PreviewForm()
    if not form.validate_on_submit():
        abort(400)
    slug = request.args.get("slug", "")
    filename = f"{slug}.md" if LESSON_FILE.match(f"{slug}.md") else "01-preview.md"
    text = normalise_newlines(form.text.data or "")
    base = asset_base(module.id, edition.id)
    rendered = render_markdown(text, base)  # the check below finds it in the cache: one render
    return jsonify(
        html=str(shown(rendered)), warnings=warnings_for(edition, filename, text, rendered.html, base)
    )
