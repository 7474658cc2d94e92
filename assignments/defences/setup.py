"""Plugging the feature into a Campus app (called by ``init_app``)."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from campus.accounts.models import Role
from campus.dashboard import Panel, register_panel
from campus.demo import register_seed_hook
from campus.navigation import NavItem, register_nav_item

from . import (
    jobs,  # noqa: F401  (the periodic jobs register when the feature loads)
    models,  # noqa: F401  (the tables exist for create_all and migrations)
    panels,
)
from .blueprint import bp
from .cli import defences
from .demo import seed_demo_defences
from .labels import outcome_label, status_label
from .service.times import local


def when(value: datetime, time_only: bool = False) -> str:
    """A defence time as people read it, in Berlin time: "Mo., 14.12.2026, 09:00"."""
    return format_datetime(local(value), "HH:mm" if time_only else "EEE, dd.MM.yyyy, HH:mm")


def day(value: date) -> str:
    """A defence day: "Montag, 14.12.2026"."""
    return format_date(value, "EEEE, dd.MM.yyyy")


def register(app: Flask) -> None:
    """Register the blueprint, navigation, dashboard panels, template helpers and the CLI group."""
    app.config.setdefault("DEFENCES_RATE_LIMIT", "120 per minute")
    app.register_blueprint(bp)
    app.cli.add_command(defences)
    app.add_template_filter(when, "defence_when")
    app.add_template_filter(day, "defence_day")
    app.add_template_global(outcome_label, "defence_outcome")
    app.add_template_global(status_label, "defence_status")
    register_nav_item(app, NavItem("defences.index", _l("Defences"), order=40, match=("defences.",)))
    register_panel(app, Panel(Role.STUDENT, "defences/_panel_student.html", panels.student_panel, 40))
    register_panel(app, Panel(Role.EXAMINER, "defences/_panel_examiner.html", panels.examiner_panel, 40))
    register_seed_hook(app, seed_demo_defences)
    register_panel(app, Panel(Role.LECTURER, "defences/_panel_lecturer.html", panels.lecturer_panel, 40))
