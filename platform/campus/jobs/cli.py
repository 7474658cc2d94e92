"""``flask jobs worker`` runs the consumer; ``flask jobs status`` shows what waits and what failed."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

from campus import clock
from campus.jobs.queue import queue_for

jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("worker")
@click.option("--workers", type=int, default=None, help="Worker threads (default: JOBS_WORKERS, 2).")
def worker(workers: int | None) -> None:
    """Run the job consumer until Ctrl-C or SIGTERM (a running job is finished first)."""
    queue = queue_for()
    if queue.huey.immediate:
        raise click.ClickException("JOBS_IMMEDIATE is on: jobs run in the web process, there is no queue.")
    queue.attach_jobs()
    huey_log = logging.getLogger("huey")
    if not huey_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        huey_log.addHandler(handler)
        huey_log.setLevel(logging.INFO)
    current_app.logger.setLevel(logging.INFO)  # what jobs log, e.g. every mail delivered and where
    count = workers or int(current_app.config.get("JOBS_WORKERS", 2))
    click.echo(f"Job consumer: {count} worker(s) on {queue.description}", err=True)
    consumer = queue.huey.create_consumer(workers=count, worker_type="thread", periodic=True)
    consumer.run()


@jobs_cli.command("status")
def status() -> None:
    """List pending, scheduled and failed jobs."""
    queue = queue_for()
    pending, scheduled, failed = queue.pending(), queue.scheduled(), queue.failed()
    click.echo(f"Queue: {queue.description}")
    click.echo(f"Pending: {len(pending)}")
    for job in pending:
        click.echo(f"  {job.id}  {job.name}")
    click.echo(f"Scheduled: {len(scheduled)}")
    for job in scheduled:
        when = clock.to_local(job.when).strftime("%Y-%m-%d %H:%M:%S") if job.when else "?"
        click.echo(f"  {job.id}  {job.name}  at {when}  ({job.retries_left} retries left)")
    click.echo(f"Failed: {len(failed)}")
    for failure in failed:
        at = clock.to_local(failure.at).strftime("%Y-%m-%d %H:%M:%S")
        click.echo(f"  {failure.id}  {failure.name}  {at}  {failure.error}")
