"""Demo data: ``flask demo seed`` is idempotent, and the login page lists the accounts only in demo mode."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from campus.accounts.models import Cohort, Role, User
from campus.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from campus.extensions import db
from support import Auth


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
