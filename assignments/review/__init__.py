"""The AI-text signal in the workflow: every final paper analysed in the background, an explained
report for its markers, a human decision with a reason, flagged passages carried into the oral
defence, and defence outcomes measuring the detector.

Where things live:
  detector.py     which model and local calibration the platform scores with (jobs, pages, CLI)
  models.py       reports, decisions, outcomes
  service/        analysis and rescoring, decisions and the hand-over to the defence, outcomes,
                  local calibration, the distribution of scores, the report's texts
  permissions.py  who sees a report and who decides (404 for everyone else)
  signal.py       the marking table's column
  forms.py  blueprint.py  views/  jobs.py  cli/ (``flask review``, ``flask detector``)  demo.py
Templates: templates/review/; the engine itself is assignments.detection (no Flask, no platform).
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from assignments.submissions.columns import Column, register_column
from assignments.submissions.notices import Notice, register_notice
from campus import events, mail
from campus.accounts.models import Role
from campus.dashboard import Panel, register_panel
from campus.demo import register_seed_hook
from campus.navigation import NavItem, register_nav_item

from . import jobs, models, panels  # noqa: F401 - the tables and jobs register on import
from .blueprint import bp
from .cli.detector import detector
from .cli.review import review_cli
from .demo import seed_demo_reports
from .service import outcomes
from .signal import signal_cell, signal_sort


def init_app(app: Flask) -> None:
    """Install the review: pages, commands, the marking table's column, and the event subscribers."""
    # Transparency towards students, per programme: the notice on the hand-in page and the receipt
    # (default on), and the programme's own words added to the privacy notice.
    app.config.setdefault("REVIEW_STUDENT_NOTICE", True)
    app.config.setdefault("REVIEW_PRIVACY_NOTE", "")
    app.register_blueprint(bp)
    app.add_template_global(mail.external_url, "mail_url")
    register_notice(app, Notice("review/_hand_in_notice.html", "review/_hand_in_notice.txt"))
    app.cli.add_command(detector)
    app.cli.add_command(review_cli)
    register_column(app, Column("signal", _l("AI-text signal"), value=signal_cell, sort_key=signal_sort))
    register_nav_item(
        app, NavItem("review.admin", _l("AI-text signal"), frozenset({Role.ADMIN}), 60, ("review.admin",))
    )
    register_panel(app, Panel(Role.STUDENT, "review/_panel_student.html", panels.to_discuss, 26))
    events.subscribe(app, events.submission_finalised, _queue_analysis)
    events.subscribe(app, events.defence_outcome_recorded, _record_outcome)
    register_seed_hook(app, seed_demo_reports)


def _queue_analysis(_app: Flask, submission_id: int, **_payload: object) -> None:
    # The upload's unit of work only queues the job; the analysis runs after its commit.
    jobs.analyse_submission.enqueue(submission_id)


def _record_outcome(_app: Flask, defence_id: int, outcome: str, **payload: object) -> None:
    outcomes.record(
        defence_id, outcome, int(payload.get("version") or 1),  # type: ignore[call-overload]
        payload.get("submission_id"), payload.get("student_id"), payload.get("window"),  # type: ignore[arg-type]
    )  # fmt: skip
