"""The version history of a lesson or of edition.toml: the list, one version, two compared, restoring one.

Versions are numbered per file (1 = the oldest, as the list shows them); URLs use the row id.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import versions
from ..access import edition_state
from ..content.checks import EDITION_FILE, check_edition_file, check_lesson
from ..content.diff import condense, word_diff
from ..content.errors import EditConflict
from ..content.render import render_markdown
from ..forms import RestoreForm
from ..guards import assignments_in_use
from .common import EDITION_KEY, asset_base, editable, log, relpath_for, shown
from .problems import describe_problems


def _back_url(module_id: str, edition_id: str, slug: str) -> str:
    if slug == EDITION_KEY:
        return url_for(".edit_edition_file", module_id=module_id, edition_id=edition_id)
    return url_for(".edit_lesson", module_id=module_id, edition_id=edition_id, slug=slug)


@login_required
def edit_versions(module_id: str, edition_id: str, slug: str) -> str:
    """Every recorded version of a lesson (or of edition.toml): who, when, what."""
    module, edition = editable(module_id, edition_id, change=False)
    relpath = relpath_for(slug)
    rows = versions.numbered(module.id, edition.id, relpath)
    return render_template(
        "courses/edit/versions.html", module=module, edition=edition, slug=slug, relpath=relpath,
        rows=rows, back_url=_back_url(module.id, edition.id, slug),
    )  # fmt: skip


def _number(module_id: str, edition_id: str, relpath: str, version_id: int) -> int:
    numbers = {v.id: n for n, v in versions.numbered(module_id, edition_id, relpath)}
    return numbers.get(version_id) or abort(404)


@login_required
def edit_compare_versions(module_id: str, edition_id: str, slug: str) -> str:
    """The word diff between any two versions of a file (``?from=<id>&to=<id>``)."""
    module, edition = editable(module_id, edition_id, change=False)
    relpath = relpath_for(slug)
    chosen = [request.args.get(key, type=int) for key in ("from", "to")]
    found = [versions.get(module.id, edition.id, relpath, vid) if vid else None for vid in chosen]
    old, new = found
    if old is None or new is None:
        abort(404)
    numbers = {v.id: n for n, v in versions.numbered(module.id, edition.id, relpath)}
    if numbers[old.id] > numbers[new.id]:
        old, new = new, old  # always from the earlier to the later one
    return render_template(
        "courses/edit/compare.html", module=module, edition=edition, slug=slug, relpath=relpath,
        old=old, new=new, numbers=numbers, ops=condense(word_diff(old.content, new.content)),
        history_url=url_for(".edit_versions", module_id=module.id, edition_id=edition.id, slug=slug),
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
        version=version, number=_number(module.id, edition.id, relpath, version.id), rendered=rendered, form=form, is_current=version.sha256 == disk_sha,
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
        problems = check_edition_file(
            edition.path, edition.id, version.content, assignments_in_use(module.id, edition.id)
        )
    else:
        problems = check_lesson(relpath, version.content, edition.path, asset_base(module.id, edition.id))
    here = url_for(
        ".edit_version", module_id=module.id, edition_id=edition.id, slug=slug, version_id=version.id
    )
    if problems:
        flash(
            _(
                "This version cannot be restored: %(problems)s",
                problems="; ".join(describe_problems(problems)),
            ),
            "error",
        )
        return redirect(here)
    try:
        number = _number(module.id, edition.id, relpath, version.id)
        versions.restore(version, edition.path, form.base_sha256.data or None, current_user, number)
    except EditConflict:
        flash(_("The file was changed by someone else in the meantime; nothing was restored. Please check the current state and try again."), "error")  # fmt: skip
        return redirect(here)
    log("lesson.restore" if relpath != EDITION_FILE else "edition_file.restore", module, edition, file=relpath, version=version.id)  # fmt: skip
    db.session.commit()
    flash(_("The version was restored."), "success")
    return redirect(url_for(".edit_versions", module_id=module.id, edition_id=edition.id, slug=slug))
