"""The app's course-module catalogue: where the modules folder is, the per-process cache of it, and the
hook every write calls.

`catalogue(app)` is what the views and dashboard panels call; it re-reads the folder only when
something changed (see `content.cache`). `content_changed(app)` is what every write through Campus
calls afterwards (editing views, CLI commands): the next page in every worker shows the new state.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .content.cache import CatalogueCache, mark_changed
from .content.loader import Catalogue

EXTENSION = "campus.courses"
# platform/campus/courses/current.py -> the repository root holds modules/
DEFAULT_MODULES_DIR = Path(__file__).resolve().parents[3] / "modules"


def init_app(app: Flask) -> None:
    """Put a `CatalogueCache` of ``MODULES_DIR`` in ``app.extensions``.

    Reads ``MODULES_DIR`` (default: the repository's modules/) and ``MODULES_RELOAD_INTERVAL``
    (seconds between checks for edits made on disk by hand, default 1.0; 0 checks on every request).
    Writes through Campus are seen at once, whatever the interval.
    """
    app.config.setdefault("MODULES_DIR", str(DEFAULT_MODULES_DIR))
    app.config.setdefault("MODULES_RELOAD_INTERVAL", 1.0)
    app.extensions[EXTENSION] = CatalogueCache(
        Path(app.config["MODULES_DIR"]), interval=float(app.config["MODULES_RELOAD_INTERVAL"])
    )


def catalogue(app: Flask) -> Catalogue:
    """The app's current catalogue (re-read if the modules folder changed), e.g. ``catalogue(current_app)``."""
    cache: CatalogueCache = app.extensions[EXTENSION]
    return cache.get()


def content_changed(app: Flask) -> None:
    """Call after writing to the modules folder: this process and every other one re-read it at once."""
    cache: CatalogueCache = app.extensions[EXTENSION]
    mark_changed(cache.root)
    cache.invalidate()
