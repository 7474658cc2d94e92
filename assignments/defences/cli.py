"""`flask defences ...`: plan a cohort from a scenario file."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from campus.extensions import db

from .planner import Limits, ScenarioError, load_scenario, plan, plan_json
from .planner.report import summary
from .service import waitlist

defences = AppGroup("defences", help="Oral defences: plan a whole cohort from a scenario file.")


@defences.command("plan")
@click.argument("scenario", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the plan here (default: print)."
)
@click.option("--explain", is_flag=True, help="Add a reason for each unscheduled student to the JSON.")
@click.option("--work-limit", type=click.FloatRange(min=0.01, max=3600), default=Limits.work, show_default=True,
              help="Solver work in CP-SAT deterministic time; the same limit gives the same plan.")  # fmt: skip
@click.option("--time-limit", type=click.FloatRange(min=0.1, max=3600), default=Limits.seconds, show_default=True,
              help="Wall-clock safety limit for the search, in seconds.")  # fmt: skip
def plan_command(
    scenario: Path, out: Path | None, explain: bool, work_limit: float, time_limit: float
) -> None:
    """Plan every student of SCENARIO (JSON, format in the README) and print or write the plan."""
    try:
        problem = load_scenario(scenario)
    except ScenarioError as exc:
        raise click.ClickException(str(exc)) from None
    result = plan(problem, Limits(work=work_limit, seconds=time_limit))
    text = json.dumps(plan_json(problem, result, explain), indent=2, ensure_ascii=False)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    for line in summary(problem, result):
        click.echo(line, err=True)


@defences.command("expire-offers")
def expire_offers_command() -> None:
    """End waitlist offers whose time ran out and offer the places to the next in line."""
    expired = waitlist.expire_offers()
    db.session.commit()
    click.echo(f"{len(expired)} offer(s) expired")
