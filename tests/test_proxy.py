"""Behind reverse proxies (TRUSTED_PROXIES): limits and the audit log see the client, not the proxy."""

from __future__ import annotations

import pytest
from flask import request
from flask.testing import FlaskClient

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.extensions import db
from support import csrf_token

PROXY = "10.0.0.2"


def failed_sign_in(client: FlaskClient, email: str, forwarded_for: str | None) -> int:
    """A failed sign-in that reaches Campus through the proxy, which says the client was ``forwarded_for``."""
    headers = {"Referer": "https://localhost/login"}  # over HTTPS, Flask-WTF checks the referrer too
    if forwarded_for:
        headers.update({"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"})
    data = {"email": email, "password": "wrong guess", "csrf_token": csrf_token(client, "/login")}
    environ = {"REMOTE_ADDR": PROXY}
    return client.post("/login", data=data, headers=headers, environ_base=environ).status_code


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_the_audit_log_records_the_client_behind_the_proxy(client: FlaskClient, make_user) -> None:
    user = make_user()
    failed_sign_in(client, user.email, "203.0.113.7")
    event = db.session.query(AuditEvent).filter_by(action="login.failed").one()
    assert event.ip_address == "203.0.113.7"


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_clients_behind_one_proxy_are_limited_each_on_their_own(client: FlaskClient, make_user) -> None:
    users = [make_user(Role.STUDENT) for _ in range(11)]
    assert [failed_sign_in(client, u.email, "203.0.113.7") for u in users] == [401] * 10 + [429]
    assert failed_sign_in(client, users[0].email, "198.51.100.4") == 401


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_a_client_cannot_claim_another_address(client: FlaskClient, make_user) -> None:
    # The client sent "X-Forwarded-For: 192.0.2.1" itself; the proxy appended the address it really saw.
    failed_sign_in(client, make_user().email, "192.0.2.1, 203.0.113.7")
    assert db.session.query(AuditEvent).filter_by(action="login.failed").one().ip_address == "203.0.113.7"


def test_without_trusted_proxies_forwarded_headers_are_ignored(client: FlaskClient, make_user) -> None:
    failed_sign_in(client, make_user().email, "203.0.113.7")
    assert db.session.query(AuditEvent).filter_by(action="login.failed").one().ip_address == PROXY


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_the_scheme_the_proxy_saw_is_used(app, client: FlaskClient) -> None:
    seen = []
    app.before_request(lambda: seen.append(request.scheme) and None)
    client.get("/login", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"})
    client.get("/login", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "http"})
    assert seen == ["https", "http"]
