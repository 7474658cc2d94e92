"""``flask submissions ...``: the same checks the upload runs, for files on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from .extract import check_file
from .messages import describe

DEFAULT_MAX_MB = 20


@click.group("submissions")
def submissions_cli() -> None:
    """Term-paper submissions."""


@submissions_cli.command("check-file")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", "claimed_name", help="The file name a student's browser would send.")
@click.option(
    "--max-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_MB, show_default=True
)
@with_appcontext
def check_file_command(path: Path, claimed_name: str | None, max_mb: float) -> None:
    """Check PATH as an upload would and print one JSON object (exit 0 whether accepted or not)."""
    result = check_file(path, claimed_name, max_bytes=int(max_mb * 1024 * 1024))
    with force_locale("de"):
        reason = describe(result.refusal or result.notice)
    click.echo(
        json.dumps(
            {
                "accepted": result.accepted,
                "format": result.format.value if result.format else None,
                "reason": reason,
                "stored_name": result.stored_name,
                "words": result.words,
                "text": result.text,
            },
            ensure_ascii=False,
        )
    )
