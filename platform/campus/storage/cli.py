"""``flask storage sweep``: check that every stored file has its row and every row its file."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from .service import sweep


@click.group("storage")
def storage_cli() -> None:
    """Uploaded files (content-addressed, under instance/uploads/)."""


@storage_cli.command("sweep")
@click.option("--delete-orphans", is_flag=True, help="Remove files without a row (older than an hour).")
@with_appcontext
def sweep_command(delete_orphans: bool) -> None:
    """Report files without a database row and rows without a file; exit 1 if a file is missing."""
    report = sweep(delete_orphans=delete_orphans)
    click.echo(f"files without a row: {len(report.orphans)}")
    for sha256 in report.orphans:
        state = "deleted" if sha256 in report.deleted else "kept"
        click.echo(f"  {sha256} ({state})")
    click.echo(f"rows without a file: {len(report.missing)}")
    for sha256 in report.missing:
        click.echo(f"  {sha256}")
    click.echo(f"unfinished writes: {report.abandoned}" + (" (removed)" if delete_orphans else ""))
    if not report.healthy:
        raise SystemExit(1)
