"""What the views share: the user's `Access` per request, and from URL ids to the objects they name.

Every page answers 404 for anything the user may not see, editing pages included when the user is
not responsible for the module: whether a draft or an editing page exists is never revealed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, g, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from werkzeug.routing import BuildError

from campus.audit import audit

from .. import versions
from ..access import Access, access_for, edition_state
from ..content.checks import EDITION_FILE
from ..content.manifest import Edition, Module
from ..content.render import Rendered, time_limit
from ..content.salvage import salvage_module
from ..content.validate import LESSON_FILE
from ..current import catalogue, content_changed
from .formats import file_size, format_day, format_moment
from .problems import problem_line

# The URL name of edition.toml's history, next to the lessons' slugs (which always start with NN-).
EDITION_KEY = "edition"


def access() -> Access:
    """The signed-in user's `Access`, computed once per request."""
    if "courses_access" not in g:
        g.courses_access = access_for(current_user)
    return g.courses_access


def lang() -> str:
    """The page's language code ("de" or "en")."""
    return str(get_locale() or "de")


def visible_module(module_id: str) -> Module:
    """The module, or 404 when it does not exist, is broken or is not visible to this user."""
    module = catalogue(current_app).get(module_id)
    if module is None or not access().sees_module(module):
        abort(404)
    return module


def visible_edition(module: Module, edition_id: str) -> Edition:
    """The edition, or 404 when it does not exist or is not visible to this user (drafts)."""
    edition = module.edition(edition_id)
    if edition is None or not access().sees_edition(module, edition):
        abort(404)
    return edition


def responsible_module(module_id: str) -> Module:
    """The module if the user is responsible for it; 404 otherwise, as if it did not exist.

    A broken module (hidden from readers) is salvaged as far as it parses, so that its responsible
    people can repair it in the browser; its problems are then shown on every editing page.
    """
    cat = catalogue(current_app)
    found = cat.get(module_id)
    if found is None and module_id in cat.broken:
        found = salvage_module(cat.root, module_id)
        g.courses_repair = cat.broken[module_id]
    if found is None or not access().is_responsible(found):
        abort(404)
    return found


class ReadOnlyEdition(Exception):
    """A change to an archived edition was asked for; the blueprint answers with `read_only_page`."""

    def __init__(self, module: Module, edition: Edition) -> None:
        super().__init__(f"{module.id}/{edition.id} is archived")
        self.module, self.edition = module, edition


def editable(module_id: str, edition_id: str, *, change: bool = True) -> tuple[Module, Edition]:
    """The module and edition named in the URL if the signed-in user may edit them; 404 otherwise.

    An archived edition is read-only: unless the page only reads (``change=False``: the version
    history, the preview), it raises `ReadOnlyEdition`, for web pages as for every later feature.
    """
    module = responsible_module(module_id)
    edition = module.edition(edition_id)
    if edition is None:
        abort(404)
    if change and edition_state(module, edition) == "archived":
        raise ReadOnlyEdition(module, edition)
    return module, edition


def read_only_page(error: ReadOnlyEdition) -> tuple[str, int]:
    """409 for a change to an archived edition, keeping a text the user had typed (nothing is lost)."""
    module, edition = error.module, error.edition
    return render_template(
        "courses/edit/read_only.html", module=module, edition=edition,
        unsaved=request.form.get("text", "") if request.method == "POST" else "",
    ), 409  # fmt: skip


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


def shown(rendered: Rendered) -> Markup:
    """The HTML of a rendering for a preview, or a notice when it did not render within the limits."""
    if rendered.failed:
        message = _(
            "This text takes longer than %(seconds)s seconds to display, so it cannot be shown or saved. "
            "Simplify it, e.g. close long runs of [ brackets.",
            seconds=f"{time_limit():g}",
        )
        return Markup('<p class="notice" role="alert">%s</p>') % message
    return Markup(rendered.html)  # noqa: S704 - sanitised by the renderer


def asset_base(module_id: str, edition_id: str) -> str:
    """The URL prefix under which the edition's assets/ are served (ends with "/")."""
    return url_for("courses.asset", module_id=module_id, edition_id=edition_id, relpath="")


def optional_url(endpoint: str, **values: Any) -> str | None:
    """The URL of a page that may not be installed (another feature's), or None; a template global."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def log(action: str, module: Module, edition: Edition, **details: Any) -> None:
    """Audit an editing act on a module edition (the view commits it with the change), and tell every
    worker the content changed.

    Every view that writes to a module folder calls it, so the next page anywhere shows the change.
    """
    audit(current_user, f"course.{action}", ("module", module.id), {"edition": edition.id, **details})
    content_changed(current_app)


def template_context() -> dict[str, object]:
    """What the feature's templates use: the page's language, the history's names of actions, formats,
    and the problems of a broken module being repaired."""
    return {
        "editor_lang": lang(),
        "action_labels": versions.ACTION_LABELS,
        "format_day": format_day,
        "format_moment": format_moment,
        "file_size": file_size,
        "repair_problems": g.get("courses_repair", []),
        "problem_line": problem_line,
    }
