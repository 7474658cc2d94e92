"""CSRF, role checks, rate limiting and security headers."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from campus.accounts.models import Role
from support import PASSWORD, Auth, post_form

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/cohorts", "/admin/import", "/admin/audit"]


@pytest.fixture
def app_config() -> dict[str, object]:
    return {"WTF_CSRF_ENABLED": True}


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_student_gets_403_on_admin_pages(client: FlaskClient, auth: Auth, make_user, url: str) -> None:
    auth.login_as(make_user(Role.STUDENT))
    response = client.get(url)
    assert response.status_code == 403
    assert "Kein Zugriff" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.STUDENT, Role.LECTURER, Role.EXAMINER])
def test_only_admins_may_post_to_admin_pages(client: FlaskClient, auth: Auth, make_user, role: Role) -> None:
    target = make_user(Role.STUDENT)
    auth.login_as(make_user(role))
    response = post_form(client, f"/admin/users/{target.id}/deactivate", {}, form_url="/")
    assert response.status_code == 403
    assert target.active


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_reaches_admin_pages(client: FlaskClient, auth: Auth, make_user, url: str) -> None:
    auth.login_as(make_user(Role.ADMIN))
    assert client.get(url).status_code == 200


def test_visitor_is_sent_to_login_from_admin_pages(client: FlaskClient) -> None:
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_post_without_csrf_token_is_rejected(client: FlaskClient, make_user) -> None:
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/").status_code == 302  # not signed in


def test_post_with_forged_csrf_token_is_rejected(client: FlaskClient, auth: Auth, make_user) -> None:
    admin = make_user(Role.ADMIN)
    target = make_user(Role.STUDENT)
    auth.login_as(admin)
    response = client.post(f"/admin/users/{target.id}/deactivate", data={"csrf_token": "forged"})
    assert response.status_code == 400
    assert target.active


def test_eleventh_wrong_password_within_a_minute_is_throttled(auth: Auth, make_user) -> None:
    user = make_user()
    statuses = [auth.login(user.email, f"wrong guess {n}").status_code for n in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    # Throttled even with the right password, and the page says why in German.
    response = auth.login(user.email)
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.get_data(as_text=True)


def test_successful_logins_do_not_count_towards_the_limit(auth: Auth, make_user) -> None:
    user = make_user()
    for _ in range(12):
        assert auth.login(user.email).status_code == 302
        auth.logout()


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/login").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"


def test_pages_have_no_inline_scripts_or_styles(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN, Role.STUDENT))
    for url in ["/", "/admin/users", "/admin/audit", "/account/password"]:
        page = client.get(url).get_data(as_text=True)
        assert "<script>" not in page and "style=" not in page and "<style" not in page, url
