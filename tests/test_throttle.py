"""Sign-in throttling: guessing is slowed per address, per account and address, and per account, while
the owner is not locked out; the change-password form is limited; attempts are audited without passwords."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.audit import AuditEvent
from campus.extensions import db
from support import PASSWORD, Auth, csrf_token


def attempt(client: FlaskClient, email: str, password: str, address: str = "198.51.100.1"):
    """One sign-in from ``address`` (the test client's remote address)."""
    token = csrf_token(client, "/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_one_address_is_throttled_after_ten_failures_on_any_accounts(client: FlaskClient, make_user) -> None:
    users = [make_user() for _ in range(11)]
    statuses = [attempt(client, user.email, "wrong guess").status_code for user in users]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    page = attempt(client, users[0].email, PASSWORD)
    assert page.status_code == 429  # throttled even with the right password
    assert "Zu viele Versuche" in page.get_data(as_text=True)


def test_guessing_from_elsewhere_does_not_lock_the_owner_out(app: Flask, make_user) -> None:
    owner = make_user()
    attacker = app.test_client()
    statuses = [attempt(attacker, owner.email, f"guess {n}", "203.0.113.9").status_code for n in range(15)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    response = attempt(app.test_client(), owner.email, PASSWORD, "198.51.100.7")
    assert response.status_code == 302


def test_guessing_spread_over_many_addresses_meets_the_account_ceiling(app: Flask, make_user) -> None:
    owner = make_user()
    usual_browser = app.test_client()
    assert attempt(usual_browser, owner.email, PASSWORD, "198.51.100.7").status_code == 302
    Auth(usual_browser).logout()
    attacker = app.test_client()
    for n in range(30):
        assert attempt(attacker, owner.email, f"guess {n}", f"203.0.113.{n // 5 + 1}").status_code == 401
    throttled = attempt(attacker, owner.email, PASSWORD, "203.0.113.99")
    assert throttled.status_code == 429 and throttled.mimetype == "text/html"
    wait = int(throttled.headers["Retry-After"])
    assert 0 < wait <= 3601  # the header rounds the seconds left up: 3601 when the hour just began
    assert re.search(
        r"Bitte versuchen Sie es in \d+ (Minuten|Minute|Sekunden)", throttled.get_data(as_text=True)
    )
    # A browser the owner signed in with before is not held to the account's ceiling.
    assert attempt(usual_browser, owner.email, PASSWORD, "198.51.100.8").status_code == 302


def test_a_forged_known_browser_cookie_does_not_lift_the_ceiling(app: Flask, make_user) -> None:
    owner = make_user()
    attacker = app.test_client()
    attacker.set_cookie("campus_known_browser", "forged.value.here", path="/login")
    for n in range(30):
        attempt(attacker, owner.email, f"guess {n}", f"203.0.113.{n // 5 + 1}")
    assert attempt(attacker, owner.email, PASSWORD, "203.0.113.99").status_code == 429


def test_successful_sign_ins_do_not_count(client: FlaskClient, auth: Auth, make_user) -> None:
    user = make_user()
    for _ in range(12):
        assert auth.login(user.email).status_code == 302
        auth.logout()


def test_failed_and_throttled_attempts_are_audited_without_the_password(
    client: FlaskClient, make_user
) -> None:
    user = make_user()
    secret_guesses = [f"Geheim-{n}-Passwort" for n in range(8)]
    for guess in secret_guesses:
        attempt(client, user.email, guess)
    attempt(client, "nobody@campus.example", "another secret")
    failed = db.session.query(AuditEvent).filter_by(action="login.failed").all()
    assert len(failed) == 6  # five on the account, then throttled; one on an unknown account
    assert {e.object_id for e in failed} == {str(user.id), None}
    throttled = db.session.query(AuditEvent).filter_by(action="login.throttled").all()
    assert len(throttled) == 1  # once a minute per limit and key, not once per request
    assert throttled[0].object_id == str(user.id) and throttled[0].ip_address == "198.51.100.1"
    logged = repr([(e.details, e.object_id) for e in db.session.query(AuditEvent)])
    assert not any(guess in logged for guess in [*secret_guesses, "another secret"])


@pytest.fixture
def signed_in(client: FlaskClient, auth: Auth, make_user):
    return auth.login_as(make_user())


def change(client: FlaskClient, current: str):
    token = csrf_token(client, "/account/password")
    new = "a new long passphrase"
    data = {"current_password": current, "new_password": new, "confirm": new, "csrf_token": token}
    return client.post("/account/password", data=data)


def test_the_change_password_form_is_rate_limited(client: FlaskClient, signed_in) -> None:
    statuses = [change(client, f"wrong {n}").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    assert change(client, PASSWORD).status_code == 429
    assert db.session.query(AuditEvent).filter_by(action="password.change_failed").count() == 5
    assert db.session.query(AuditEvent).filter_by(action="password.change_throttled").count() == 1


def test_password_rule_mistakes_do_not_count_as_guesses(client: FlaskClient, signed_in) -> None:
    token = csrf_token(client, "/account/password")
    for _ in range(6):
        data = {
            "current_password": PASSWORD,
            "new_password": "short",
            "confirm": "short",
            "csrf_token": token,
        }
        assert client.post("/account/password", data=data).status_code == 200
    assert change(client, PASSWORD).status_code == 302
