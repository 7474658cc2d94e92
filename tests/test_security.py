"""CSRF, role checks, rate limiting and security headers."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from campus.accounts.models import Role
from support import PASSWORD, Auth, csrf_token

ADMIN_PAGES = ["/admin/users", "/admin/users/new", "/admin/cohorts", "/admin/import", "/admin/audit"]


@pytest.fixture
def app_config() -> dict[str, object]:
    return {"WTF_CSRF_ENABLED": True}


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_pages_do_not_exist_for_students(client: FlaskClient, auth: Auth, make_user, url: str) -> None:
    auth.login_as(make_user(Role.STUDENT))
    response = client.get(url)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.get_data(as_text=True)


CSRF_VALUE = re.compile(r'(<input[^>]*name="csrf_token"[^>]*value=")[^"]*')
# Every administration route that takes an id, with the method it answers to.
ID_ROUTES = [
    ("GET", "/admin/users/{user}"),
    ("POST", "/admin/users/{user}"),
    ("GET", "/admin/users/{user}/deactivate"),
    ("POST", "/admin/users/{user}/deactivate"),
    ("POST", "/admin/users/{user}/reactivate"),
    ("POST", "/admin/users/{user}/reset-password"),
    ("GET", "/admin/cohorts/{cohort}"),
]


@pytest.mark.parametrize(("method", "route"), ID_ROUTES)
@pytest.mark.parametrize("role", [Role.STUDENT, Role.LECTURER, Role.EXAMINER])
def test_id_routes_answer_404_alike_for_existing_and_missing_ids(
    client: FlaskClient, auth: Auth, make_user, make_cohort, method: str, route: str, role: Role
) -> None:
    target, cohort = make_user(Role.STUDENT), make_cohort("MA DiSA 2026")
    auth.login_as(make_user(role))
    token = csrf_token(client, "/")
    answers = []
    for user_id, cohort_id in [(target.id, cohort.id), (999_999, 999_999)]:
        url = route.format(user=user_id, cohort=cohort_id)
        response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
        # The page names its own address (language switch) and carries a CSRF token signed with the
        # time; apart from those, the two answers must not differ.
        body = CSRF_VALUE.sub(r"\1", response.get_data(as_text=True).replace(url, "URL"))
        answers.append((response.status_code, body))
    assert answers[0] == answers[1]
    assert answers[0][0] == 404
    assert target.active and not target.must_change_password


@pytest.mark.parametrize(("method", "route"), ID_ROUTES)
def test_admins_get_404_for_missing_ids(
    client: FlaskClient, auth: Auth, make_user, method: str, route: str
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    token = csrf_token(client, "/")
    url = route.format(user=999_999, cohort=999_999)
    response = client.open(url, method=method, data={"csrf_token": token} if method == "POST" else None)
    assert response.status_code == 404


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
