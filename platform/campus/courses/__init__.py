"""Course modules: folders of TOML manifests and Markdown lessons, loaded, validated, rendered and edited.

Where things live:
  content/        the Flask-free engine: manifests, loading and validation, rendering, assets, diffs,
                  roll-over, zip archives, safe file writes, the per-process catalogue cache
  current.py      the app's catalogue: ``catalogue(app)``, the MODULES_DIR setting
  access.py       who sees which module and edition, who is responsible (``Access``)
  enrolments.py   cohort enrolments in editions and what they decide: the API other features call
  deadlines.py    upcoming due dates, cut-offs and sessions
  versions.py     the version history of files edited in the browser, and recorded saves
  search/         the full-text index and searching it
  models.py       the tables: enrolments and file versions
  forms/          every form of the pages (edition.py: the edition settings form)
  blueprint.py    every URL rule;  views/  the pages themselves
  panels.py       dashboard panels;  cli.py  ``flask modules ...``
Templates: templates/courses/ (reading pages) and templates/courses/edit/ (editing pages).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from campus.accounts.models import Role
from campus.dashboard import Panel, register_panel
from campus.demo import DEMO_COHORT, register_seed_hook
from campus.navigation import NavItem, register_nav_item

from . import current, models, panels  # noqa: F401 - models: the tables register on import
from .blueprint import bp
from .cli import modules_cli
from .content.render import warm_up
from .enrolments import seed_demo_enrolments
from .search import index

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """Install course modules: the catalogue, `flask modules ...`, the pages, nav entry, panels, demo seed.

    Reads ``MODULES_DIR`` and ``MODULES_RELOAD_INTERVAL`` (see `current.init_app`).
    """
    current.init_app(app)
    app.cli.add_command(modules_cli)
    app.register_blueprint(bp)
    index.init_app(app)
    register_nav_item(app, NavItem("courses.index", _l("Modules"), order=20, match=("courses.",)))
    register_panel(app, Panel(Role.STUDENT, "courses/_panel_student.html", panels.student_modules, 20))
    register_panel(app, Panel(Role.STUDENT, "courses/_panel_sessions.html", panels.student_sessions, 21))
    register_panel(app, Panel(Role.STUDENT, "courses/_panel_deadlines.html", panels.student_deadlines, 22))
    register_panel(app, Panel(Role.LECTURER, "courses/_panel_lecturer.html", panels.lecturer_modules, 20))
    register_panel(app, Panel(Role.LECTURER, "courses/_panel_deadlines.html", panels.lecturer_deadlines, 21))

    def enrol_demo_cohort() -> None:
        seed_demo_enrolments(current.catalogue(app).modules.values(), DEMO_COHORT)

    register_seed_hook(app, enrol_demo_cohort)
    if not app.config.get("TESTING"):
        warm_up()  # start the render child now, so no request waits for its imports
