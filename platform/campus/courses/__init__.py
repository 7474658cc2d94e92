"""Course modules: folders of TOML manifests and Markdown lessons, loaded, validated and rendered.

Everything here except `cli` is free of Flask, so it can be used and tested on a plain folder.
What the views call:
  catalogue(app) -> Catalogue                    .modules, .broken, .get(id)  (loader, cache)
  render.render_lesson(lesson, asset_base)       cached, sanitised HTML + TOC + title (render)
  render.render_markdown(text, asset_base, cache=False)   the editor's live preview
  assets.resolve_asset(edition.path, relpath), assets.guess_type, assets.asset_headers
  diff.compare_editions(module, old_id, new_id), diff.word_diff(old_text, new_text)
  files.write_atomic(path, text, expected_sha256) and the lesson operations in files
  rollover.rollover / rollover.publish_edition, archive.export_module / archive.import_module
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import CatalogueCache
from .loader import Catalogue, check, load_catalogue, load_module
from .render import warm_up
from .validate import Problem

__all__ = [
    "Catalogue",
    "CatalogueCache",
    "Problem",
    "catalogue",
    "check",
    "init_app",
    "load_catalogue",
    "load_module",
]

EXTENSION = "campus.courses"
# platform/campus/courses/__init__.py -> the repository root holds modules/
DEFAULT_MODULES_DIR = Path(__file__).resolve().parents[3] / "modules"


def init_app(app: Any) -> None:
    """Register `flask modules ...` and a per-process `CatalogueCache` in ``app.extensions``.

    Reads ``MODULES_DIR`` (default: the repository's modules/) and ``MODULES_RELOAD_INTERVAL``
    (seconds between checks for changes on disk, default 1.0; 0 re-checks on every request).
    """
    # Lazily: importing the package must not import Flask or the database.
    from . import editing, models, views  # noqa: F401 - tables and routes register on import
    from .blueprint import bp
    from .cli import modules_cli

    app.config.setdefault("MODULES_DIR", str(DEFAULT_MODULES_DIR))
    app.config.setdefault("MODULES_RELOAD_INTERVAL", 1.0)
    app.extensions[EXTENSION] = CatalogueCache(
        Path(app.config["MODULES_DIR"]), interval=float(app.config["MODULES_RELOAD_INTERVAL"])
    )
    app.cli.add_command(modules_cli)
    app.register_blueprint(bp)
    _register_reading_side(app)
    if not app.config.get("TESTING"):
        warm_up()  # once per process at start-up, so no request pays for lexer imports


def _register_reading_side(app: Any) -> None:
    """The nav entry, dashboard panels, demo enrolments and the search index's exclusion from migrations."""
    from flask_babel import lazy_gettext as _l

    from campus.accounts.models import Role
    from campus.dashboard import Panel, register_panel
    from campus.demo import DEMO_COHORT, register_seed_hook
    from campus.navigation import NavItem, register_nav_item

    from . import panels, search, service

    search.init_app(app)
    register_nav_item(app, NavItem("courses.index", _l("Modules"), order=20, match=("courses.",)))
    register_panel(app, Panel(Role.STUDENT, "courses/_panel_student.html", panels.student_modules, 20))
    register_panel(app, Panel(Role.STUDENT, "courses/_panel_deadlines.html", panels.student_deadlines, 21))
    register_panel(app, Panel(Role.LECTURER, "courses/_panel_lecturer.html", panels.lecturer_modules, 20))

    def enrol_demo_cohort() -> None:
        service.seed_demo_enrolments(catalogue(app).modules.values(), DEMO_COHORT)

    register_seed_hook(app, enrol_demo_cohort)


def catalogue(app: Any) -> Catalogue:
    """The app's current catalogue (re-scanned if the modules folder changed), e.g. ``catalogue(current_app)``."""
    cache: CatalogueCache = app.extensions[EXTENSION]
    return cache.get()
