"""Demo data for trying Campus out: ``flask demo seed`` (idempotent), and the guard that keeps it out of production.

The demo password is published (README, login page in demo mode). In production the seed is refused, and
Campus refuses to serve while a demo account still opens with it; ``flask demo disable`` retires them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, inspect, select

from campus.accounts.models import Role, User
from campus.accounts.passwords import generate_password, hash_password, verify_password
from campus.accounts.service import create_user, find_by_email, get_or_create_cohort, set_active
from campus.audit import audit
from campus.config import ConfigurationError
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


class DemoRefused(ConfigurationError):
    """Demo data was asked for where it must not exist."""


def seed() -> list[str]:
    """Add the demo cohort and accounts that are missing; returns the e-mail addresses. The caller commits.

    Refused with ``CAMPUS_ENV=production``: the accounts' password is published.
    """
    if current_app.config["CAMPUS_ENV"] == "production":
        raise DemoRefused(
            "The demo is refused with CAMPUS_ENV=production: its accounts have a published password."
        )
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
    db.session.flush()
    for hook in current_app.extensions.get("campus.demo_seed_hooks", []):
        hook()
    return created


def database_is_empty() -> bool:
    """Whether no account exists yet (``make run`` seeds the demo only then)."""
    return db.session.scalar(select(User.id).limit(1)) is None


def accounts_with_demo_password() -> list[User]:
    """Active demo accounts that still open with the demo password.

    Only the demo addresses are checked (one indexed query; a production database normally has none of
    them), so the check costs no password hash per account.
    """
    emails = [account.email for account in DEMO_ACCOUNTS]
    candidates = db.session.scalars(
        select(User).where(func.lower(User.email).in_(emails), User.active.is_(True)).order_by(User.email)
    )
    return [user for user in candidates if verify_password(user.password_hash, DEMO_PASSWORD)]


def refuse_demo_passwords(app: Flask) -> None:
    """In production, refuse to serve while a demo account still opens with the demo password.

    ``flask`` commands only warn, so that ``flask db upgrade`` and ``flask demo disable`` still run.
    """
    if app.config["CAMPUS_ENV"] != "production":
        return
    with app.app_context():
        try:
            if not inspect(db.engine).has_table(User.__tablename__):
                return  # an empty database, before ``flask db upgrade``: no accounts to check
            found = [user.email for user in accounts_with_demo_password()]
        finally:
            db.session.remove()
            db.engine.dispose()  # no connection of this check survives into forked workers
    if not found:
        return
    message = (
        f"Demo account(s) {', '.join(found)} still have the published demo password. "
        "Retire them with `flask --app app demo disable`, then start Campus again."
    )
    if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
        app.logger.warning("Campus would refuse to serve in production: %s", message)
        return
    raise DemoRefused("Campus refuses to start in production:\n- " + message)


demo = AppGroup("demo", help="Demo data.")


@demo.command("seed")
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no accounts.")
def seed_command(if_empty: bool) -> None:
    """Create the demo cohort and accounts (idempotent)."""
    if if_empty and not database_is_empty():
        click.echo("Database has accounts already; demo not seeded.")
        return
    try:
        created = seed()
        db.session.commit()
    except DemoRefused as refused:
        raise click.ClickException(str(refused)) from refused
    click.echo(
        f"Demo ready ({len(created)} account(s) created). Password of every demo account: {DEMO_PASSWORD}"
    )


@demo.command("disable")
def disable_command() -> None:
    """Deactivate the demo accounts that still have the demo password, and give them random ones."""
    retired = accounts_with_demo_password()
    for user in retired:
        user.password_hash = hash_password(generate_password())
        set_active(user, False)
        audit(None, "user.deactivate", user, {"reason": "demo account"})
    db.session.commit()
    click.echo(f"{len(retired)} demo account(s) deactivated: {', '.join(u.email for u in retired) or '-'}")


def prepare_modules(app: Flask) -> None:
    """In demo mode, copy the shipped modules to the demo's own folder the first time (see
    `config._demo_modules`); delete that folder to start the demo's modules afresh."""
    source, target = app.config.get("DEMO_MODULES_SOURCE"), Path(app.config["MODULES_DIR"])
    if source is None or target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copied beside the target and renamed, so that two processes starting at once never see half a copy.
    staging = Path(tempfile.mkdtemp(prefix=".demo-modules-", dir=target.parent))
    try:
        shutil.copytree(source, staging / "modules", ignore=shutil.ignore_patterns(".*", "__pycache__"))
        try:
            (staging / "modules").rename(target)
        except OSError:
            if not target.exists():
                raise  # not a lost race: a real failure
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def init_app(app: Flask) -> None:
    """Register ``flask demo``; in demo mode the login page lists the demo accounts."""
    app.cli.add_command(demo)

    @app.context_processor
    def demo_accounts() -> dict[str, object]:
        # Given to templates by demo, so that accounts (which demo builds on) never imports demo.
        return {"demo_accounts": DEMO_ACCOUNTS if app.config["DEMO_MODE"] else []}
