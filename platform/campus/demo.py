"""Demo data for trying Campus out: ``flask demo seed`` (idempotent)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.accounts.service import create_user, find_by_email, get_or_create_cohort
from campus.extensions import db

DEMO_COHORT = "MA DiSA 2025"
DEMO_PASSWORD = "campus-demo"  # noqa: S105 - published on purpose; demo mode is refused in production


@dataclass(frozen=True)
class DemoAccount:
    """An account the start page lists in demo mode."""

    email: str
    name: str
    roles: tuple[Role, ...]
    matriculation_number: str | None = None

    @property
    def password(self) -> str:
        return DEMO_PASSWORD


DEMO_ACCOUNTS = [
    DemoAccount("studentin@campus.example", "Lena Schmidt", (Role.STUDENT,), "4711001"),
    DemoAccount("student@campus.example", "Yusuf Demir", (Role.STUDENT,), "4711002"),
    DemoAccount("dozentin@campus.example", "Prof. Dr. Miriam Albers", (Role.LECTURER, Role.EXAMINER)),
    # The second lecturer of the shipped module onlineberatung (its module.toml lists both).
    DemoAccount("jonas.albrecht@campus.example", "Jonas Albrecht", (Role.LECTURER,)),
    DemoAccount("pruefer@campus.example", "Dr. Jonas Keller", (Role.EXAMINER,)),
    DemoAccount("admin@campus.example", "Campus-Administration", (Role.ADMIN,)),
]


def register_seed_hook(app: Flask, hook: Callable[[], None]) -> None:
    """Run ``hook()`` after the accounts are seeded; other parts (e.g. enrolment) add demo data this way."""
    app.extensions.setdefault("campus.demo_seed_hooks", []).append(hook)


def seed() -> list[str]:
    """Create the demo cohort and accounts that are missing; returns the e-mail addresses created."""
    cohort = get_or_create_cohort(DEMO_COHORT)
    created = []
    for account in DEMO_ACCOUNTS:
        if find_by_email(account.email):
            continue
        create_user(
            account.email,
            account.name,
            account.roles,
            password=account.password,
            cohort=cohort if Role.STUDENT in account.roles else None,
            matriculation_number=account.matriculation_number,
        )
        created.append(account.email)
    db.session.commit()
    for hook in current_app.extensions.get("campus.demo_seed_hooks", []):
        hook()
    return created


def database_is_empty() -> bool:
    """Whether no account exists yet (``make run`` seeds the demo only then)."""
    return db.session.scalar(select(User.id).limit(1)) is None


demo = AppGroup("demo", help="Demo data.")


@demo.command("seed")
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no accounts.")
def seed_command(if_empty: bool) -> None:
    """Create the demo cohort and accounts (idempotent)."""
    if if_empty and not database_is_empty():
        click.echo("Database has accounts already; demo not seeded.")
        return
    created = seed()
    click.echo(
        f"Demo ready ({len(created)} account(s) created). Password of every demo account: {DEMO_PASSWORD}"
    )


def init_app(app: Flask) -> None:
    """Register ``flask demo``."""
    app.cli.add_command(demo)
