"""Shared helpers of the editing views: who may edit, which file a URL names, links to other pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, request, url_for
from flask_login import current_user
from werkzeug.routing import BuildError

from campus.accounts.models import Role
from campus.audit import audit

from . import catalogue
from .edit_checks import EDITION_FILE
from .manifest import Edition, Module
from .validate import LESSON_FILE

# The URL name of edition.toml's history, next to the lessons' slugs (which always start with NN-).
EDITION_KEY = "edition"


def may_edit(module: Module) -> bool:
    """Admins and the module's responsible lecturers may edit it."""
    return bool(
        current_user.is_authenticated
        and (current_user.has_role(Role.ADMIN) or module.is_lecturer(current_user.email))
    )


def editable(module_id: str, edition_id: str) -> tuple[Module, Edition]:
    """The module and edition named in the URL if the signed-in user may edit them (else 404 or 403)."""
    module = catalogue(current_app).get(module_id)
    edition = module.edition(edition_id) if module else None
    if module is None or edition is None:
        abort(404)
    if not may_edit(module):
        abort(403)
    return module, edition


def lesson_file(edition: Edition, slug: str, must_exist: bool = True) -> Path:
    """The path of lesson `slug` ("01-einfuehrung") in `edition`; 404 for other names or missing files."""
    filename = f"{slug}.md"
    if not LESSON_FILE.match(filename):
        abort(404)
    path = edition.path / filename
    if must_exist and not path.is_file():
        abort(404)
    return path


def relpath_for(slug: str) -> str:
    """The file a history URL names: a lesson slug, or "edition" for edition.toml."""
    if slug == EDITION_KEY:
        return EDITION_FILE
    if not LESSON_FILE.match(f"{slug}.md"):
        abort(404)
    return f"{slug}.md"


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The URL of another part's page, or None while that part is not installed (or takes other values)."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def asset_base(module_id: str, edition_id: str) -> str:
    """The URL prefix serving the edition's assets/ (the reading pages' asset route, if installed)."""
    probe = "x.png"
    for name in ("relpath", "path"):  # whichever the asset route calls its path; a query string is no match
        url = optional_url("courses.asset", module_id=module_id, edition_id=edition_id, **{name: probe})
        if url and url.endswith(f"/{probe}") and "?" not in url:
            return url[: -len(probe)]
    return f"{request.script_root}/modules/{module_id}/{edition_id}/assets/"


def log(action: str, module: Module, edition: Edition, **details: Any) -> None:
    """Audit an editing act on a module edition (commits)."""
    audit(current_user, f"course.{action}", ("module", module.id), {"edition": edition.id, **details})
