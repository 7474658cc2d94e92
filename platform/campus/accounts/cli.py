"""``flask users``: create accounts and import a cohort from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from campus.accounts import invitations
from campus.accounts.importing import import_users
from campus.accounts.models import Role
from campus.accounts.passwords import password_problem
from campus.accounts.service import AccountError, create_user, get_or_create_cohort
from campus.extensions import db

users = AppGroup("users", help="Manage accounts.")
ROLE_CHOICE = click.Choice([role.value for role in Role])


@users.command("create")
@click.option("--email", required=True, help="E-mail address, used to sign in.")
@click.option("--name", required=True, help="Full name.")
@click.option(
    "--role", "roles", multiple=True, type=ROLE_CHOICE, required=True, help="Repeat for several roles."
)
@click.option("--cohort", help="Cohort of a student, created if missing.")
@click.option("--matriculation-number", help="Matriculation number of a student.")
@click.option("--password", help="Initial password; asked for if omitted.", default=None)
def create(
    email: str,
    name: str,
    roles: tuple[str, ...],
    cohort: str | None,
    matriculation_number: str | None,
    password: str | None,
) -> None:
    """Create one account."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, email)
    if problem:
        raise click.ClickException(problem)
    try:
        user, _ = create_user(
            email,
            name,
            {Role(role) for role in roles},
            password=password,
            cohort=get_or_create_cohort(cohort) if cohort else None,
            matriculation_number=matriculation_number,
        )
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({', '.join(sorted(user.roles))}).")


@users.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--cohort", help="Cohort the imported students join, created if missing.")
def import_(csv_file: Path, cohort: str | None) -> None:
    """Import accounts from CSV (columns: name, email, matriculation_number, role).

    Every row is checked first; if any row is wrong, nothing is imported. Each new account gets an
    invitation mail with a link to choose its password; the links are printed here as well (hand them
    over yourself when no mail server is configured).
    """
    result = import_users(csv_file.read_bytes(), get_or_create_cohort(cohort) if cohort else None)
    if not result.ok:
        db.session.rollback()
        for error in result.errors:
            click.echo(f"{csv_file}:{error.line}: {error.message}", err=True)
        raise click.ClickException(f"Nothing was imported: {len(result.errors)} problem(s).")
    issued = invitations.invite([user for user, _password in result.created], invited_by=None)
    db.session.commit()
    for invitation in issued:
        click.echo(f"{invitation.user.email}\t{invitation.link}")
    click.echo(f"Imported {len(issued)} account(s); invitations queued.", err=True)
