"""`flask review ...`: analyse again after a model or calibration change, and catch missed papers."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from assignments.detection import ModelError
from assignments.submissions.models import Submission
from campus.extensions import db

from .. import jobs
from ..detector import app_model
from ..service.analysis import ensure_report
from ..service.rescore import outdated, without_report

review_cli = AppGroup("review", help="AI-text signal in the workflow: rescore and sweep.")


def _key(value: str | None) -> tuple[str, str, str] | None:
    if value is None:
        return None
    parts = value.strip("/").split("/")
    if len(parts) != 3 or not all(parts):
        raise click.BadParameter(
            "use MODULE/EDITION/ASSIGNMENT, e.g. aktuelle-entwicklungen/2026-27/hausarbeit"
        )
    return parts[0], parts[1], parts[2]


@review_cli.command("rescore")
@click.option("--assignment", help="Only this assignment: MODULE/EDITION/ASSIGNMENT.")
@click.option("--force", is_flag=True, help="Analyse again even papers the present model already scored.")
@click.option("--queue", "queued", is_flag=True, help="Queue background jobs instead of working here.")
def rescore_command(assignment: str | None, force: bool, queued: bool) -> None:
    """Analyse final papers again with the present model and calibration; earlier reports are kept."""
    try:
        model = app_model()
    except ModelError as exc:
        raise click.ClickException(str(exc)) from None
    found = outdated(_key(assignment), force=force)
    for count, submission_id in enumerate(found, start=1):
        if queued:
            jobs.analyse_submission.enqueue(submission_id, force)
            continue
        submission = db.session.get(Submission, submission_id)
        assert submission is not None
        ensure_report(submission, model, force=force)
        if count % 50 == 0:
            db.session.commit()  # long runs keep what they did
    db.session.commit()
    verb = "queued" if queued else "analysed"
    click.echo(f"{len(found)} papers {verb} with model {model.meta['checksum'][:12]}")


@review_cli.command("sweep")
def sweep_command() -> None:
    """Queue the analysis of every final paper that has no report yet."""
    found = without_report()
    for submission_id in found:
        jobs.analyse_submission.enqueue(submission_id)
    db.session.commit()
    click.echo(f"{len(found)} papers queued")
