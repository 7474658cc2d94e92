"""The version history of a lesson or of edition.toml: the list, one version, restoring it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import versions
from ..access import edition_state
from ..content.checks import EDITION_FILE, check_edition_file, check_lesson, describe
from ..content.errors import EditConflict
from ..content.render import render_markdown
from ..forms import RestoreForm
from .common import EDITION_KEY, asset_base, editable, log, relpath_for, shown


def _back_url(module_id: str, edition_id: str, slug: str) -> str:
    if slug == EDITION_KEY:
        return url_for(".edit_edition_file", module_id=module_id, edition_id=edition_id)
    return url_for(".edit_lesson", module_id=module_id, edition_id=edition_id, slug=slug)


@login_required
def edit_versions(module_id: str, edition_id: str, slug: str) -> str:
    """Every recorded version of a lesson (or of edition.toml): who, when, what."""
    module, edition = editable(module_id, edition_id, change=False)
    relpath = relpath_for(slug)
    rows = versions.history(module.id, edition.id, relpath)
    return render_template(
        "courses/edit/versions.html", module=module, edition=edition, slug=slug, relpath=relpath,
        rows=rows, back_url=_back_url(module.id, edition.id, slug),
    )  # fmt: skip


@login_required
def edit_version(module_id: str, edition_id: str, slug: str, version_id: int) -> str:
    """One version, rendered and as raw text, with a button to restore it."""
    module, edition = editable(module_id, edition_id, change=False)
    relpath = relpath_for(slug)
    version = versions.get(module.id, edition.id, relpath, version_id) or abort(404)
    _text, disk_sha = versions.read_text(edition.path / relpath)
    form = RestoreForm(base_sha256=disk_sha or "")
    rendered = None
    if relpath != EDITION_FILE:
        rendered = shown(render_markdown(version.content, asset_base(module.id, edition.id), cache=False))
    return render_template(
        "courses/edit/version.html", module=module, edition=edition, slug=slug, relpath=relpath,
        version=version, rendered=rendered, form=form, is_current=version.sha256 == disk_sha,
        read_only=edition_state(module, edition) == "archived",
        back_url=_back_url(module.id, edition.id, slug),
    )  # fmt: skip


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
        problems = check_lesson(relpath, version.content, edition.path, asset_base(module.id, edition.id))
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
    db.session.commit()
    flash(_("The version was restored."), "success")
    return redirect(url_for(".edit_versions", module_id=module.id, edition_id=edition.id, slug=slug))
