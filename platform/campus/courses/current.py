"""The app's course-module catalogue: where the modules folder is and the per-process cache of it.

`catalogue(app)` is what the views and dashboard panels call; it re-scans the folder only
when something changed on disk (see `content.cache`).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .content.cache import CatalogueCache
from .content.loader import Catalogue

EXTENSION = "campus.courses"
# platform/campus/courses/current.py -> the repository root holds modules/
DEFAULT_MODULES_DIR = Path(__file__).resolve().parents[3] / "modules"


def init_app(app: Flask) -> None:
    """Put a `CatalogueCache` of ``MODULES_DIR`` in ``app.extensions``.

    Reads ``MODULES_DIR`` (default: the repository's modules/) and ``MODULES_RELOAD_INTERVAL``
    (seconds between checks for changes on disk, default 1.0; 0 re-checks on every request).
    """
    app.config.setdefault("MODULES_DIR", str(DEFAULT_MODULES_DIR))
    app.config.setdefault("MODULES_RELOAD_INTERVAL", 1.0)
    app.extensions[EXTENSION] = CatalogueCache(
        Path(app.config["MODULES_DIR"]), interval=float(app.config["MODULES_RELOAD_INTERVAL"])
    )


def catalogue(app: Flask) -> Catalogue:
    """The app's current catalogue (re-scanned if the modules folder changed), e.g. ``catalogue(current_app)``."""
    cache: CatalogueCache = app.extensions[EXTENSION]
    return cache.get()
