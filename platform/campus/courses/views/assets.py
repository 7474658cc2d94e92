"""Files served to readers: an edition's assets and the code-highlighting stylesheet (all local, no CDN)."""

from __future__ import annotations

import hashlib
from functools import cache

from flask import abort, current_app, send_file, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

from ..content.assets import asset_headers, guess_type, resolve_asset
from ..content.render import pygments_css
from .common import visible_edition, visible_module


@login_required
def asset(module_id: str, edition_id: str, relpath: str) -> Response:
    """A file from the edition's assets/ folder; anything else (traversal, hidden, missing) is 404."""
    shown = visible_edition(visible_module(module_id), edition_id)
    path = resolve_asset(shown.path, relpath) if relpath else None
    if path is None:
        abort(404)
    response = send_file(path, conditional=True)
    # Our own table, charset included (send_file would add a second "; charset=" to text types).
    response.headers["Content-Type"] = guess_type(path)
    response.headers.update(asset_headers(path))
    # Behind a login: the browser may keep it but must ask again (cheap: 304 via ETag).
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


@cache
def _stylesheet() -> tuple[str, str]:
    css = pygments_css()
    return css, hashlib.sha256(css.encode()).hexdigest()[:12]


def pygments_stylesheet_url() -> str:
    """The code-highlighting stylesheet's URL; its version changes with its content, so it may be cached long."""
    return url_for("courses.pygments_stylesheet", v=_stylesheet()[1])


def pygments_stylesheet() -> Response:
    """The Pygments colours for highlighted code, served from here (no CDN)."""
    response = current_app.response_class(_stylesheet()[0], mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000
    response.cache_control.immutable = True
    return response
