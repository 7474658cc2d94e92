"""Managing an edition in the browser: its page (lessons, assets), uploads, edition.toml, publishing.

Every change goes through the Flask-free engine (`content.files`, `content.assets`,
`content.rollover`), is recorded in the version history where it changes a file's content, and is
written to the audit log. The lesson operations on this page are in `views.lessons`.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from campus.extensions import db
from campus.forms import ActionForm

from .. import versions
from ..content import assets, rollover
from ..content.checks import EDITION_FILE, check_edition_file, normalise_newlines
from ..content.errors import AssetError, CoursesError, EditConflict
from ..content.manifest import Edition, Module
from ..content.validate import LESSON_FILE, is_ignored, next_edition_id
from ..current import catalogue
from ..forms import AssetForm, EditionFileForm, NewLessonForm
from ..guards import assignments_in_use
from .common import asset_base, editable, log
from .formats import file_size
from .problems import describe_problems, error_text


def lessons_on_disk(edition: Edition) -> list[str]:
    """The edition's lesson file names, in order.

    From the folder, not the catalogue: a lesson created a moment ago is listed at once.
    """
    return sorted(p.name for p in edition.path.glob("*.md") if LESSON_FILE.match(p.name))


def linked_lessons(edition: Edition) -> set[str]:
    """The lessons a session links to: they cannot be deleted."""
    return {s.lesson for s in edition.sessions if s.lesson}


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


def edition_page(module: Module, edition: Edition, **forms: object) -> str:
    """The edition's management page; a view passes its own form back (with errors) as new_form or asset_form."""
    titles = {lesson.slug: lesson.title for lesson in edition.lessons}
    next_id = next_edition_id(edition.id) if edition.id == module.current_edition else None
    return render_template(
        "courses/edit/edition.html", module=module, edition=edition,
        lessons=[(name[:-3], titles.get(name[:-3], name)) for name in lessons_on_disk(edition)],
        assets=_assets(edition), asset_url=asset_base(module.id, edition.id),
        new_form=forms.get("new_form") or NewLessonForm(), asset_form=forms.get("asset_form") or AssetForm(),
        action=ActionForm(), max_bytes=_max_asset_bytes(),
        allowed=sorted({ext.lstrip(".") for ext in assets.CONTENT_TYPES}),
        linked=linked_lessons(edition), next_edition=next_id,
        next_exists=next_id is not None and (module.path / next_id).exists(),
    )  # fmt: skip


def to_edition(module: Module, edition: Edition, anchor: str = "") -> Response:
    """A redirect to the edition's management page, at `anchor` ("lessons", "assets") if given."""
    url = url_for(".edit_edition", module_id=module.id, edition_id=edition.id)
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
def edit_edition(module_id: str, edition_id: str) -> str:
    """The edition's management page: lessons, assets, sessions and readings, publishing."""
    return edition_page(*editable(module_id, edition_id))


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
            form.asset.errors = [_("The file is larger than %(size)s.", size=file_size(limit))]
        elif (edition.path / assets.ASSETS / name).exists() and not form.replace.data:
            form.asset.errors = [
                _("A file named %(name)s exists already. Tick “replace” to overwrite it.", name=name)
            ]
        else:
            try:
                stored = assets.store_asset(edition.path, name, data, replace=bool(form.replace.data))
            except AssetError:
                form.asset.errors = [_("The file name %(name)s cannot be used: use letters, digits, - and _ and a known file type.", name=upload.filename or "")]  # fmt: skip
            else:
                log("asset.upload", module, edition, file=stored.name, bytes=len(data))
                db.session.commit()
                flash(_("The file %(name)s was uploaded.", name=stored.name), "success")
                return to_edition(module, edition, "assets")
    return edition_page(module, edition, asset_form=form)


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
        in_use = assignments_in_use(module.id, edition.id)
        problems = describe_problems(check_edition_file(edition.path, edition.id, text, keep=in_use))
        if not problems:
            try:
                versions.save(module.id, edition.id, edition.path, EDITION_FILE, text, form.base_sha256.data or None, current_user)  # fmt: skip
            except EditConflict:
                conflict = True
                on_disk, disk_sha = versions.read_text(edition.path / EDITION_FILE)
                form.base_sha256.data = disk_sha or ""
            else:
                log("edition_file.save", module, edition, file=EDITION_FILE)
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(request.path)
    return render_template(
        "courses/edit/edition_file.html", module=module, edition=edition, form=form, problems=problems,
        conflict=conflict, current_text=on_disk,
    )  # fmt: skip


@login_required
def edit_publish(module_id: str, edition_id: str) -> str | Response:
    """Confirm, then mark the edition published and make it the module's current edition."""
    module, edition = editable(module_id, edition_id)
    form = ActionForm()
    is_current = edition.is_published and module.current_edition == edition.id
    if form.validate_on_submit() and not is_current:
        before = (edition.path / EDITION_FILE).read_text("utf-8")
        try:
            rollover.publish_edition(catalogue(current_app).root, module.id, edition.id)
        except CoursesError as error:  # also EditConflict: someone saved edition.toml meanwhile
            flash(_("The edition was not published: %(reason)s", reason=error_text(error)), "error")
        else:
            after = (edition.path / EDITION_FILE).read_text("utf-8")
            versions.record_change(
                module.id, edition.id, EDITION_FILE, before, after, "publish", current_user
            )
            log("edition.publish", module, edition, previous=module.current_edition)
            db.session.commit()
            flash(_("The edition %(edition)s is now published and current.", edition=edition.id), "success")
            return to_edition(module, edition)
    return render_template(
        "courses/edit/publish.html", module=module, edition=edition, form=form, is_current=is_current
    )
