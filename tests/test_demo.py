"""Demo data: ``flask demo seed`` is idempotent, and the login page lists the accounts only in demo mode."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from campus import create_app, demo
from campus.accounts.models import Cohort, Role, User
from campus.accounts.service import change_password
from campus.audit import AuditEvent
from campus.courses.current import DEFAULT_MODULES_DIR
from campus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoRefused
from campus.extensions import db
from support import Auth, campus_config


def test_seed_is_idempotent(runner) -> None:
    first = runner.invoke(args=["demo", "seed"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["demo", "seed"])
    assert "0 account(s) created" in again.output
    assert db.session.query(User).count() == len(DEMO_ACCOUNTS)
    assert db.session.query(Cohort).one().name == "MA DiSA 2025"


def test_seed_if_empty_leaves_a_used_database_alone(runner, make_user) -> None:
    make_user(Role.ADMIN)
    result = runner.invoke(args=["demo", "seed", "--if-empty"])
    assert "not seeded" in result.output
    assert db.session.query(User).count() == 1


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email)
def test_every_demo_account_reaches_its_dashboard(runner, client: FlaskClient, account) -> None:
    runner.invoke(args=["demo", "seed"])
    Auth(client).login(account.email, DEMO_PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert f"Willkommen, {account.name}" in page
    headings = {
        Role.STUDENT: "Mein Studium",
        Role.LECTURER: "Meine Lehre",
        Role.EXAMINER: "Meine Prüfungen",
        Role.ADMIN: "Verwaltung",
    }
    for role in account.roles:
        assert headings[role] in page


@pytest.mark.parametrize("app_config", [{"DEMO_MODE": True}])
def test_login_page_lists_demo_accounts_in_demo_mode(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert "Demo-Konten" in page and "dozentin@campus.example" in page and DEMO_PASSWORD in page


def test_login_page_hides_demo_accounts_otherwise(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert "Demo-Konten" not in page and DEMO_PASSWORD not in page


def production_config(tmp_path: Path) -> dict[str, object]:
    """Production settings on the test's own database (the one the ``app`` fixture created)."""
    return campus_config(tmp_path, CAMPUS_ENV="production", TESTING=False, SECRET_KEY="x" * 48)


@pytest.mark.parametrize("app_config", [{"CAMPUS_ENV": "production", "SECRET_KEY": "x" * 48}])
def test_seed_is_refused_in_production(runner) -> None:
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 1
    assert "refused with CAMPUS_ENV=production" in result.output
    assert db.session.query(User).count() == 0


def test_production_refuses_to_start_while_a_demo_account_has_the_demo_password(
    app: Flask, runner, tmp_path: Path
) -> None:
    runner.invoke(args=["demo", "seed"])
    with pytest.raises(DemoRefused) as refused:
        create_app(production_config(tmp_path))
    assert "admin@campus.example" in str(refused.value) and "flask --app app demo disable" in str(
        refused.value
    )


def test_demo_disable_retires_the_demo_accounts_so_production_starts(
    app: Flask, runner, tmp_path: Path, make_user
) -> None:
    runner.invoke(args=["demo", "seed"])
    real = make_user(Role.LECTURER, email="miriam.albers@hs.example")
    result = runner.invoke(args=["demo", "disable"])
    assert result.exit_code == 0 and f"{len(DEMO_ACCOUNTS)} demo account(s) deactivated" in result.output
    assert create_app(production_config(tmp_path)).config["CAMPUS_ENV"] == "production"
    demo_users = db.session.query(User).filter(User.email.like("%@campus.example")).all()
    assert demo_users and not any(user.active for user in demo_users)
    assert real.active
    assert db.session.query(AuditEvent).filter_by(action="user.deactivate").count() == len(DEMO_ACCOUNTS)


def test_a_demo_account_with_its_own_password_does_not_stop_production(
    app: Flask, runner, tmp_path: Path
) -> None:
    runner.invoke(args=["demo", "seed"])
    for user in db.session.query(User):
        change_password(user, "a password of its own")
    db.session.commit()  # services leave the commit to their caller
    create_app(production_config(tmp_path))


def test_the_start_up_check_hashes_nothing_for_ordinary_accounts(
    app: Flask, tmp_path: Path, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(30):
        make_user(Role.STUDENT)
    checked: list[str] = []
    real_verify = demo.verify_password
    monkeypatch.setattr(demo, "verify_password", lambda h, p: checked.append(h) or real_verify(h, p))
    create_app(production_config(tmp_path))
    assert checked == []


def test_flask_commands_only_warn_so_the_demo_can_be_retired(
    app: Flask, runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    runner.invoke(args=["demo", "seed"])
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    production = create_app(production_config(tmp_path))
    assert "admin@campus.example" in caplog.text
    result = production.test_cli_runner().invoke(args=["demo", "disable"])
    assert result.exit_code == 0, result.output
    monkeypatch.delenv("FLASK_RUN_FROM_CLI")
    create_app(production_config(tmp_path))


@pytest.mark.parametrize("app_config", [{"DEMO_MODE": True}])
def test_demo_mode_serves_a_copy_of_the_shipped_modules_and_the_seed_leaves_modules_alone(
    app: Flask, runner: FlaskCliRunner, frozen_clock: Any, tmp_path: Path
) -> None:
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))  # the shipped editions are past: the demo rolls forward
    shipped = tree_digest(DEFAULT_MODULES_DIR)
    copy = tmp_path / "demo-modules"
    assert Path(app.config["MODULES_DIR"]) == copy and tree_digest(copy) == shipped
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    assert tree_digest(DEFAULT_MODULES_DIR) == shipped
    rolled = tree_digest(copy)
    assert rolled != shipped and any(name.startswith("aktuelle-entwicklungen/2026-27/") for name in rolled)
    # The next start keeps the copy, and what the demo did in it.
    again = create_app(campus_config(tmp_path, DEMO_MODE=True))
    assert Path(again.config["MODULES_DIR"]) == copy and tree_digest(copy) == rolled


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under ``root`` by relative path, with the SHA-256 of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
