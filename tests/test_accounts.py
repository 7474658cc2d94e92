"""Sign-in, sign-out, password rules, roles and the session rules."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import LoginSession, Role, User
from campus.accounts.service import authenticate, reset_password, set_active
from campus.audit import AuditEvent
from campus.extensions import db
from services import FrozenClock
from support import PASSWORD, Auth, post_form


def test_login_page_is_german_by_default(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="de">' in page
    assert "Bei Campus anmelden" in page
    assert "E-Mail-Adresse" in page


def test_visitors_are_sent_to_sign_in(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_login_reaches_dashboard_and_is_audited(client: FlaskClient, auth: Auth, make_user) -> None:
    user = make_user(Role.STUDENT, name="Lena Schmidt")
    response = auth.login(user.email)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Willkommen, Lena Schmidt" in page
    assert "Mein Studium" in page
    assert db.session.query(AuditEvent).filter_by(action="login", actor_id=user.id).count() == 1


def test_email_is_case_insensitive(auth: Auth, make_user) -> None:
    user = make_user(email="Mixed.Case@campus.example")
    assert auth.login("MIXED.case@CAMPUS.example").status_code == 302
    assert user.email == "mixed.case@campus.example"


def test_wrong_password_and_unknown_account_get_the_same_message(auth: Auth, make_user) -> None:
    user = make_user()
    wrong = auth.login(user.email, "not the password")
    unknown = auth.login("nobody@campus.example", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    message = "E-Mail-Adresse oder Passwort ist falsch."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)


def test_deactivated_user_with_the_right_password_learns_why_and_whom_to_ask(
    client: FlaskClient, auth: Auth, make_user
) -> None:
    make_user(Role.ADMIN, name="Ada Admin", email="ada@campus.example")
    user = make_user()
    set_active(user, False)
    db.session.commit()  # the caller commits
    response = auth.login(user.email)
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Ihr Konto wurde deaktiviert" in page
    assert "Ada Admin (ada@campus.example)" in page
    assert client.get("/").status_code == 302
    assert (
        db.session.query(AuditEvent).filter_by(action="login.deactivated", object_id=str(user.id)).count()
        == 1
    )


def test_deactivated_user_with_a_wrong_password_learns_nothing(auth: Auth, make_user) -> None:
    user = make_user()
    set_active(user, False)
    db.session.commit()
    page = auth.login(user.email, "not the password").get_data(as_text=True)
    assert "E-Mail-Adresse oder Passwort ist falsch." in page
    assert "deaktiviert" not in page


@pytest.mark.parametrize("app_config", [{"SUPPORT_CONTACT": "Studiengangsbüro, Raum 2.14"}])
def test_the_configured_contact_is_named_to_deactivated_users(auth: Auth, make_user) -> None:
    user = make_user()
    set_active(user, False)
    db.session.commit()
    assert "Studiengangsbüro, Raum 2.14" in auth.login(user.email).get_data(as_text=True)


def test_deactivation_ends_a_running_session(client: FlaskClient, auth: Auth, make_user) -> None:
    user = auth.login_as(make_user())
    assert client.get("/").status_code == 200
    set_active(user, False)
    db.session.commit()  # the caller commits
    assert client.get("/").status_code == 302


def test_logout_requires_post_and_ends_the_session(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user())
    assert client.get("/logout").status_code == 405
    assert auth.logout().status_code == 302
    assert client.get("/").status_code == 302


def _session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie("campus_session")
    assert cookie is not None
    return cookie.value


def test_a_copied_session_cookie_no_longer_works_after_logout(
    app: Flask, client: FlaskClient, auth: Auth, make_user
) -> None:
    auth.login_as(make_user(name="Lena Schmidt"))
    copied = _session_cookie(client)
    auth.logout()
    replay = app.test_client()
    replay.set_cookie("campus_session", copied)
    response = replay.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert replay.get("/account/password").status_code == 302


def test_logout_ends_only_this_browsers_session(
    app: Flask, client: FlaskClient, auth: Auth, make_user
) -> None:
    user = auth.login_as(make_user())
    phone = app.test_client()
    Auth(phone).login_as(user)
    auth.logout()
    assert client.get("/").status_code == 302
    assert phone.get("/").status_code == 200


@pytest.mark.parametrize("app_config", [{"SESSION_MAX_HOURS": 12, "IDLE_TIMEOUT_MINUTES": 24 * 60}])
def test_a_session_ends_after_the_maximum_time_however_active(
    app: Flask, client: FlaskClient, auth: Auth, make_user, frozen_clock: FrozenClock
) -> None:
    auth.login_as(make_user())
    assert client.get("/").status_code == 200
    frozen_clock.advance(hours=11, minutes=59)
    assert client.get("/").status_code == 200
    frozen_clock.advance(minutes=2)
    assert client.get("/").status_code == 302


def test_signing_in_again_clears_ended_sessions(
    app: Flask, auth: Auth, make_user, frozen_clock: FrozenClock
) -> None:
    user = make_user()
    for _ in range(3):
        Auth(app.test_client()).login_as(user)
    assert db.session.query(LoginSession).count() == 3
    frozen_clock.advance(hours=13)
    Auth(app.test_client()).login_as(user)
    assert db.session.query(LoginSession).count() == 1


def test_passwords_are_hashed_with_argon2(make_user) -> None:
    user = make_user()
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_several_roles_on_one_person(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.LECTURER, Role.EXAMINER))
    page = client.get("/").get_data(as_text=True)
    assert "Meine Lehre" in page
    assert "Meine Prüfungen" in page
    assert "Mein Studium" not in page


def test_open_redirect_is_refused(auth: Auth, client: FlaskClient, make_user) -> None:
    user = make_user()
    response = post_form(
        client, "/login?next=//evil.example/x", {"email": user.email, "password": PASSWORD}, form_url="/login"
    )
    assert response.headers["Location"] == "/"


def test_next_path_on_this_site_is_followed(client: FlaskClient, make_user) -> None:
    user = make_user(Role.ADMIN)
    response = post_form(
        client, "/login?next=/admin/users", {"email": user.email, "password": PASSWORD}, "/login"
    )
    assert response.headers["Location"] == "/admin/users"


def test_forced_password_change_after_reset(client: FlaskClient, auth: Auth, make_user) -> None:
    user = make_user()
    one_time = reset_password(user)
    db.session.commit()
    auth.login(user.email, one_time)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/password"
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": one_time,
            "new_password": "a new long passphrase",
            "confirm": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert authenticate(user.email, "a new long passphrase") is not None


@pytest.mark.parametrize(
    ("new", "confirm", "message"),
    [
        ("short", "short", "mindestens 10 Zeichen"),
        ("person1@campus.example", "person1@campus.example", "nicht Ihre E-Mail-Adresse"),
        ("a long enough phrase", "another long phrase", "stimmen nicht überein"),
    ],
)
def test_password_rules(
    client: FlaskClient, auth: Auth, make_user, new: str, confirm: str, message: str
) -> None:
    auth.login_as(make_user())
    response = post_form(
        client, "/account/password", {"current_password": PASSWORD, "new_password": new, "confirm": confirm}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_password_change_needs_the_current_password(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user())
    response = post_form(
        client,
        "/account/password",
        {
            "current_password": "wrong one!!",
            "new_password": "a new long passphrase",
            "confirm": "a new long passphrase",
        },
    )
    assert "Das aktuelle Passwort ist falsch." in response.get_data(as_text=True)


def test_password_change_signs_out_other_sessions(
    app: Flask, auth: Auth, client: FlaskClient, make_user
) -> None:
    user = auth.login_as(make_user())
    other = app.test_client()
    Auth(other).login_as(user)
    post_form(
        client,
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "a new long passphrase",
            "confirm": "a new long passphrase",
        },
    )
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


@pytest.mark.parametrize("app_config", [{"IDLE_TIMEOUT_MINUTES": 1}])
def test_idle_session_times_out(client: FlaskClient, auth: Auth, make_user, frozen_clock) -> None:
    auth.login_as(make_user())
    assert client.get("/").status_code == 200
    frozen_clock.advance(seconds=59)
    assert client.get("/").status_code == 200
    frozen_clock.advance(seconds=61)
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_session_cookie_flags(client: FlaskClient, auth: Auth, make_user) -> None:
    response = auth.login(make_user().email)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_user_roles_setter_adds_and_removes(app: Flask, make_user) -> None:
    user: User = make_user(Role.STUDENT)
    user.roles = {Role.LECTURER, Role.ADMIN}
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).roles == {Role.LECTURER, Role.ADMIN}
