"""`flask modules ...`: list, check, roll over, export and import course modules.

Thin wrappers: every command calls the same plain functions the views use, and reports refusals
(`CoursesError`) as a one-line error plus the validation problems, with exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from flask import current_app
from flask.cli import AppGroup

from campus.audit import audit
from campus.extensions import db

from .access import lecturers_without_account
from .content.archive import export_module, import_module
from .content.errors import CoursesError
from .content.loader import check, load_catalogue
from .content.rollover import rollover
from .current import content_changed
from .guards import missing_assignments

modules_cli = AppGroup("modules", help="Course modules: list, check, roll over, export, import.")


def _root() -> Path:
    return Path(current_app.config["MODULES_DIR"]).resolve()


def _changed() -> None:
    # Every worker re-reads the folder at once; the commit (the command's one) lets the index follow.
    content_changed(current_app)
    if "sqlalchemy" in current_app.extensions:
        db.session.commit()


def _fail(exc: CoursesError) -> NoReturn:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    click.echo(f"Error: {exc}", err=True)
    sys.exit(1)


@modules_cli.command("list")
def list_command() -> None:
    """Every module: id, title, current edition, all editions with status; broken ones marked."""
    catalogue = load_catalogue(_root())
    for module in catalogue.modules.values():
        editions = ", ".join(f"{e.id} ({e.status})" for e in module.editions.values())
        click.echo(f"{module.id}\t{module.title_for('de')}\tcurrent: {module.current_edition}\t{editions}")
    for module_id, problems in catalogue.broken.items():
        click.echo(f"{module_id}\tBROKEN: {len(problems)} problem(s), see `flask modules check {module_id}`")


def _warn_lecturers(module_id: str | None) -> None:
    # Needs the accounts database: a bare app (the engine on its own) has none to ask.
    if "sqlalchemy" not in current_app.extensions:
        return
    modules = load_catalogue(_root()).modules.values()
    chosen = [m for m in modules if module_id in (None, m.id)]
    for found, emails in lecturers_without_account(chosen).items():
        for email in emails:
            click.echo(
                f"warning: {found}/module.toml: lecturers: {email} has no active lecturer account, "
                "so cannot edit the module",
                err=True,
            )


@modules_cli.command("check")
@click.argument("module_id", required=False)
def check_command(module_id: str | None) -> None:
    """Validate all modules (or one); exit 1 listing every problem as `file: field: message`.

    Also warns (without failing) about listed lecturers who have no lecturer account. An assignment
    that has submissions but is gone from its edition (or with its edition or module) is a problem too.
    """
    catalogue = load_catalogue(_root())
    problems = check(_root(), module_id) + missing_assignments(
        catalogue.modules, None if module_id is None else [module_id], skip=catalogue.broken
    )
    for problem in problems:
        click.echo(str(problem))
    _warn_lecturers(module_id)
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    click.echo("All modules are valid." if module_id is None else f"{module_id} is valid.")


@modules_cli.command("rollover")
@click.argument("module_id")
@click.option("--to", "to_edition", required=True, metavar="YYYY-YY", help="The new edition, e.g. 2026-27.")
def rollover_command(module_id: str, to_edition: str) -> None:
    """Copy the current edition to a new draft edition: the term keeps its dates, sessions their weekdays."""
    try:
        path = rollover(_root(), module_id, to_edition)
    except CoursesError as exc:
        _fail(exc)
    audit(None, "course.edition.rollover", ("module", module_id), {"edition": to_edition, "via": "cli"})
    _changed()  # commits the audit row too
    click.echo(f"Created draft edition {path}")


@modules_cli.command("export")
@click.argument("module_id")
@click.argument("zip_file", type=click.Path(dir_okay=False, path_type=Path))
def export_command(module_id: str, zip_file: Path) -> None:
    """Write a module folder to a zip file."""
    try:
        export_module(_root(), module_id, zip_file)
    except CoursesError as exc:
        _fail(exc)
    click.echo(f"Exported {module_id} to {zip_file}")


@modules_cli.command("import")
@click.argument("zip_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace an existing module with the same id.")
def import_command(zip_file: Path, replace: bool) -> None:
    """Check, validate and unpack a module zip file."""
    try:
        module_id = import_module(
            _root(),
            zip_file,
            replace=replace,
            vet=lambda module: missing_assignments({module.id: module}, [module.id]),
        )
    except CoursesError as exc:
        _fail(exc)
    _changed()
    click.echo(f"Imported module {module_id}")
