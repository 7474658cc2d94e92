"""Term-paper submissions: hand-in with declarations, receipts, safe text extraction and marking.

Where things live:
  extract/        the Flask-free core: checking files by content and extracting their text, sandboxed
  models.py       submissions, versions, markings, extensions, markers, assignment records
  service/        the rules (hand-in, declarations, receipts, marking, extensions, grades, the table)
  permissions.py  who may see or do what (404 for everyone else)
  enrolment.py    who is enrolled in an edition (the one place that asks)
  columns.py      extra columns of the marking table, for other features
  forms.py        every form;  blueprint.py  every URL;  views/  the pages
  jobs.py         extraction after upload, reminders;  panels.py  dashboard;  cli.py  ``flask submissions``
Templates: templates/submissions/ (and marking/), mails in templates/mail/submissions/.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from campus.accounts.models import Role
from campus.courses.guards import register_assignment_guard
from campus.dashboard import Panel, register_panel
from campus.demo import register_seed_hook
from campus.navigation import NavItem, register_nav_item

from . import jobs, models, panels, templating  # noqa: F401 - models and jobs register on import
from .blueprint import bp
from .cli import submissions_cli
from .demo import seed_demo_submissions
from .service.assignments import assignments_with_submissions

STUDENT_PAGES = tuple(
    f"submissions.{name}" for name in ("index", "assignment", "status", "receipt", "feedback")
)
MARKING_PAGES = tuple(f"submissions.{name}" for name in ("marking", "table", "mark", "text", "extensions"))


def init_app(app: Flask) -> None:
    """Install submissions: pages, command group, navigation and dashboard panels."""
    app.config.setdefault("SUBMISSION_RETENTION_YEARS", 5)
    app.register_blueprint(bp)
    templating.init_app(app)
    app.cli.add_command(submissions_cli)
    student = frozenset({Role.STUDENT})
    staff = frozenset({Role.LECTURER, Role.EXAMINER, Role.ADMIN})
    register_nav_item(app, NavItem("submissions.index", _l("My submissions"), student, 30, STUDENT_PAGES))
    register_nav_item(app, NavItem("submissions.marking", _l("Marking"), staff, 31, MARKING_PAGES))
    register_panel(
        app, Panel(Role.STUDENT, "submissions/_panel_student.html", panels.student_submissions, 25)
    )
    register_panel(app, Panel(Role.LECTURER, "submissions/_panel_marker.html", panels.marker_assignments, 25))
    register_panel(app, Panel(Role.EXAMINER, "submissions/_panel_marker.html", panels.marker_assignments, 25))
    register_assignment_guard(app, assignments_with_submissions)
    register_seed_hook(app, seed_demo_submissions)
