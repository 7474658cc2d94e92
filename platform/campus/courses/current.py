"""The app's course-module catalogue: where the modules folder is, the per-process cache of it, and the
hook every write calls.

`catalogue(app)` is what the views and dashboard panels call; it re-reads the folder only when
something changed (see `content.cache`). `content_changed(app)` is what every write through Campus
calls afterwards (editing views, CLI commands): the next page in every worker shows the new state.
"""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, url_for
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from campus.extensions import db

from .content import render
from .content.cache import CatalogueCache, mark_changed
from .content.loader import Catalogue
from .search import index

EXTENSION = "campus.courses"
PRERENDER = "campus.courses.prerender"
REINDEX = "campus.courses.reindex"  # in a session's info: apps whose index follows the next commit
# platform/campus/courses/current.py -> the repository root holds modules/
DEFAULT_MODULES_DIR = Path(__file__).resolve().parents[3] / "modules"


def init_app(app: Flask) -> None:
    """Put a `CatalogueCache` of ``MODULES_DIR`` in ``app.extensions`` and set the render time limit.

    Reads ``MODULES_DIR`` (default: the repository's modules/), ``MODULES_RELOAD_INTERVAL`` (seconds
    between checks for edits made on disk by hand, default 1.0; 0 checks on every request; writes
    through Campus are seen at once, whatever the interval), ``MODULES_RENDER_SECONDS`` (the time one
    lesson may take to render, default 2.0) and ``MODULES_PRERENDER`` (render every lesson in the
    background whenever the catalogue is read anew, so readers get cached pages; default: not in tests).
    """
    app.config.setdefault("MODULES_DIR", str(DEFAULT_MODULES_DIR))
    app.config.setdefault("MODULES_RELOAD_INTERVAL", 1.0)
    app.config.setdefault("MODULES_RENDER_SECONDS", 2.0)
    app.config.setdefault("MODULES_PRERENDER", not app.testing)
    render.configure(seconds=float(app.config["MODULES_RENDER_SECONDS"]))
    app.extensions[EXTENSION] = CatalogueCache(
        Path(app.config["MODULES_DIR"]), interval=float(app.config["MODULES_RELOAD_INTERVAL"])
    )
    app.extensions[PRERENDER] = Prerenderer(app)


def catalogue(app: Flask) -> Catalogue:
    """The app's current catalogue (re-read if the modules folder changed), e.g. ``catalogue(current_app)``."""
    cache: CatalogueCache = app.extensions[EXTENSION]
    found = cache.get()
    if app.config["MODULES_PRERENDER"]:
        app.extensions[PRERENDER].wanted(found)
    return found


def content_changed(app: Flask) -> None:
    """Call after writing to the modules folder: this process and every other one re-read it at once.

    The search index takes the changed documents (only those) once the caller's unit of work has
    committed, in a transaction of its own: derived data never holds up, or fails, the change itself.
    """
    cache: CatalogueCache = app.extensions[EXTENSION]
    mark_changed(cache.root)
    cache.invalidate()
    if "sqlalchemy" in app.extensions:  # a bare app (the engine's CLI tests) keeps no index
        db.session.info.setdefault(REINDEX, set()).add(app)


@event.listens_for(Session, "after_commit")
def _reindex_after_commit(session: Session) -> None:
    for app in session.info.pop(REINDEX, ()):
        try:
            with app.app_context(), db.engine.begin() as connection:
                index.ensure_index(app, catalogue(app), connection)
        except SQLAlchemyError:  # the next search brings it up to date
            app.logger.warning("search index not updated after a change", exc_info=True)


class Prerenderer:
    """Renders every lesson of the newest catalogue seen, in one background thread per process.

    Start-up and every reload (a save in any worker, an edit on disk) end up here, so readers get the
    cached page; lessons already cached are skipped, so after a save only the changed ones render.
    """

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.done: Catalogue | None = None
        self.pending: Catalogue | None = None
        self.running = False

    def wanted(self, found: Catalogue) -> None:
        """Make sure `found` gets rendered (cheap when it is the catalogue seen last)."""
        with self.lock:
            if found is self.done or found is self.pending:
                return
            self.pending = found
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._run, name="campus-prerender", daemon=True).start()

    def _run(self) -> None:
        while True:
            with self.lock:
                found, self.pending = self.pending, None
                if found is None:
                    self.running = False
                    return
            self.render_all(found)
            with self.lock:
                self.done = found

    def render_all(self, found: Catalogue) -> int:
        """Render every lesson of `found` not cached yet, with its page's asset URL; returns how many."""
        count = 0
        with self.app.test_request_context():  # url_for needs one; the assets' URL is the cache key
            for module in found.modules.values():
                for edition in module.editions.values():
                    base = url_for("courses.asset", module_id=module.id, edition_id=edition.id, relpath="")
                    for lesson in edition.lessons:
                        if not render.is_cached(lesson, base):
                            render.render_lesson(lesson, base)
                            count += 1
        return count
