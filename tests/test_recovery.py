"""Forgotten passwords: a single-use link valid for one hour, the same answer for every address."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role, User
from campus.audit import AuditEvent
from campus.extensions import db
from services import FrozenClock, JobRecorder, Outbox
from support import Auth, post_form

NEW_PASSWORD = "a brand new passphrase"
CSRF_VALUE = re.compile(r'(name="csrf_token"(?: type="hidden")? value=)"[^"]+"')


def _request_link(client: FlaskClient, email: str):
    return post_form(client, "/password/forgot", {"email": email})


def _link_path(outbox: Outbox, email: str) -> str:
    (message,) = outbox.to(email)
    (link,) = outbox.links(message)
    assert link.startswith("https://campus.test/password/reset/")
    return link.removeprefix("https://campus.test")


def _comparable(page: str, email: str) -> str:
    return CSRF_VALUE.sub(r'\1"…"', page.replace(email, "X"))


def _set_password(client: FlaskClient, path: str, password: str = NEW_PASSWORD):
    return post_form(client, path, {"new_password": password, "confirm": password})


def test_the_login_page_offers_the_reset(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page and "Passwort vergessen?" in page


def test_known_and_unknown_addresses_get_the_same_answer(
    client: FlaskClient, make_user, outbox: Outbox
) -> None:
    user = make_user(Role.STUDENT, email="lena@campus.example")
    known = _request_link(client, user.email)
    known_page = client.get(known.headers["Location"]).get_data(as_text=True)
    unknown = _request_link(client, "nobody@campus.example")
    unknown_page = client.get(unknown.headers["Location"]).get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/login"
    # The pages differ only in the address typed (and the CSRF token, which is signed with the time).
    assert _comparable(known_page, user.email) == _comparable(unknown_page, "nobody@campus.example")
    assert [str(m["To"]) for m in outbox.messages] == [f"{user.name} <{user.email}>"]


def test_the_link_sets_a_new_password_signs_in_and_ends_other_sessions(
    app: Flask, client: FlaskClient, make_user, outbox: Outbox
) -> None:
    user = make_user(Role.STUDENT, email="lena@campus.example")
    elsewhere = app.test_client()
    Auth(elsewhere).login_as(user)
    assert elsewhere.get("/").status_code == 200

    _request_link(client, user.email)
    (message,) = outbox.messages
    assert message["Subject"] == "Campus-Passwort zurücksetzen"
    assert "60 Minuten" in outbox.text(message)
    path = _link_path(outbox, user.email)
    assert "Neues Passwort wählen" in client.get(path).get_data(as_text=True)
    response = _set_password(client, path)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200  # signed in with the new password's session
    assert elsewhere.get("/").status_code == 302  # the other session is over
    assert Auth(app.test_client()).login(user.email, NEW_PASSWORD).status_code == 302
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert {"password.reset_request", "password.reset_link_sent", "password.reset"} <= set(actions)


def test_the_link_works_only_once(app: Flask, client: FlaskClient, make_user, outbox: Outbox) -> None:
    user = make_user(Role.STUDENT)
    _request_link(client, user.email)
    path = _link_path(outbox, user.email)
    assert _set_password(client, path).status_code == 302
    again = app.test_client()
    assert again.get(path).status_code == 404
    data = {"new_password": "yet another one", "confirm": "yet another one"}
    assert post_form(again, path, data, form_url="/password/forgot").status_code == 404


def test_the_link_expires_after_one_hour(
    client: FlaskClient, make_user, outbox: Outbox, frozen_clock: FrozenClock
) -> None:
    user = make_user(Role.STUDENT)
    _request_link(client, user.email)
    path = _link_path(outbox, user.email)
    frozen_clock.advance(minutes=59)
    assert client.get(path).status_code == 200
    frozen_clock.advance(minutes=2)
    page = client.get(path)
    assert page.status_code == 404
    assert "Dieser Link funktioniert nicht mehr" in page.get_data(as_text=True)


def test_a_newer_link_replaces_the_older_one(client: FlaskClient, make_user, outbox: Outbox) -> None:
    user = make_user(Role.STUDENT)
    _request_link(client, user.email)
    _request_link(client, user.email)
    first, second = (outbox.links(m)[0].removeprefix("https://campus.test") for m in outbox.messages)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_a_deactivated_account_gets_no_link(client: FlaskClient, make_user, outbox: Outbox) -> None:
    user = make_user(Role.STUDENT)
    user.active = False
    db.session.commit()
    assert _request_link(client, user.email).status_code == 302
    assert len(outbox) == 0


def test_the_new_password_follows_the_rules(client: FlaskClient, make_user, outbox: Outbox) -> None:
    user = make_user(Role.STUDENT)
    _request_link(client, user.email)
    path = _link_path(outbox, user.email)
    page = _set_password(client, path, "short").get_data(as_text=True)
    assert "mindestens 10 Zeichen" in page
    assert client.get(path).status_code == 200  # a refused attempt does not use the link up


def test_the_mail_is_in_the_accounts_language(client: FlaskClient, make_user, outbox: Outbox) -> None:
    user: User = make_user(Role.STUDENT)
    user.language = "en"
    db.session.commit()
    _request_link(client, user.email)
    assert outbox.messages[0]["Subject"] == "Reset your Campus password"


def test_the_request_only_queues_a_job(client: FlaskClient, make_user, job_log: JobRecorder) -> None:
    _request_link(client, "nobody@campus.example")
    assert job_log.completed == ["campus.accounts.recovery.send_reset_link"]


@pytest.mark.parametrize("app_config", [{"PASSWORD_RESET_RATE_LIMIT": "2 per hour"}])
def test_requests_are_rate_limited_per_address(client: FlaskClient, make_user, outbox: Outbox) -> None:
    user = make_user(Role.STUDENT)
    assert _request_link(client, user.email).status_code == 302
    assert _request_link(client, user.email).status_code == 302
    assert _request_link(client, user.email).status_code == 429
    assert len(outbox) == 2


def test_a_tampered_or_unknown_token_is_refused(client: FlaskClient) -> None:
    assert client.get("/password/reset/not-a-token").status_code == 404
    assert client.get("/password/reset/" + "x" * 500).status_code == 404
