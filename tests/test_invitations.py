"""Invitations: new and imported accounts get a mail with a link to choose their password."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_admin import upload
from test_mail_smtp import Inbox, smtp_server  # noqa: F401 - the real SMTP server fixture

from campus.accounts.models import Role, User
from campus.accounts.passwords import NO_PASSWORD
from campus.accounts.tokens import AccountToken
from campus.extensions import db
from services import FrozenClock, Outbox
from support import Auth, post_form

NEW_ACCOUNT = {"name": "Mia Wagner", "email": "mia@campus.example", "roles": "lecturer", "cohort": "0"}


def _accept(client: FlaskClient, link: str, password: str = "mias own passphrase"):
    path = link.removeprefix("https://campus.test")
    return post_form(client, path, {"new_password": password, "confirm": password})


def test_without_a_mail_server_the_admin_sees_a_one_time_password_and_an_invitation_is_written(
    app: Flask, client: FlaskClient, auth: Auth, make_user, outbox: Outbox
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    page = post_form(client, "/admin/users/new", NEW_ACCOUNT).get_data(as_text=True)
    assert "Einmalpasswort" in page and "Postausgangsordner" in page
    (invitation,) = outbox.to("mia@campus.example")
    assert invitation["Subject"] == "Ihr Campus-Konto ist eingerichtet"
    assert "14 Tage" in outbox.text(invitation)
    (link,) = outbox.links(invitation)
    assert link.startswith("https://campus.test/invitation/")

    newcomer = app.test_client()
    assert "Willkommen bei Campus, Mia Wagner" in newcomer.get(
        link.removeprefix("https://campus.test")
    ).get_data(as_text=True)
    assert _accept(newcomer, link).status_code == 302
    assert newcomer.get("/").status_code == 200  # signed in
    assert Auth(app.test_client()).login("mia@campus.example", "mias own passphrase").status_code == 302


@pytest.fixture
def mail_server(smtp_server: tuple[Inbox, int]) -> dict[str, Any]:  # noqa: F811
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[1]}


@pytest.fixture
def app_config(request: pytest.FixtureRequest) -> dict[str, Any]:
    if "mail_server" in request.fixturenames:
        return dict(request.getfixturevalue("mail_server"))
    return {}


def test_with_a_mail_server_the_invitation_replaces_the_one_time_password(
    client: FlaskClient,
    auth: Auth,
    make_user,
    mail_server: dict[str, Any],
    smtp_server: tuple[Inbox, int],  # noqa: F811
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    response = post_form(client, "/admin/users/new", NEW_ACCOUNT)
    assert response.status_code == 302
    assert "per E-Mail an mia@campus.example eingeladen" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    mia = db.session.scalar(db.select(User).where(User.email == "mia@campus.example"))
    assert mia is not None and mia.password_hash == NO_PASSWORD  # nothing to copy off the screen
    inbox, _port = smtp_server
    assert [recipients for _sender, recipients, _raw in inbox.received] == [["mia@campus.example"]]


def test_imported_accounts_are_invited_and_the_links_shown_without_mail_server(
    client: FlaskClient, auth: Auth, make_user, make_cohort, outbox: Outbox
) -> None:
    auth.login_as(make_user(Role.ADMIN))
    cohort = make_cohort("MA DiSA 2026")
    rows = "".join(f"Person {n};p{n}@campus.example;47120{n:02d};student\n" for n in range(12))
    page = upload(client, "name;email;matriculation_number;role\n" + rows, cohort.id).get_data(as_text=True)
    assert "12 Konten importiert" in page
    assert page.count("https://campus.test/invitation/") == 12
    assert len(outbox) == 12
    assert all(m["Subject"] == "Ihr Campus-Konto ist eingerichtet" for m in outbox.messages)
    assert db.session.scalar(db.select(db.func.count()).select_from(AccountToken)) == 12


def test_the_admin_lists_unused_invitations_and_sends_again(
    app: Flask, client: FlaskClient, auth: Auth, make_user, outbox: Outbox, frozen_clock: FrozenClock
) -> None:
    admin = auth.login_as(make_user(Role.ADMIN))
    post_form(client, "/admin/users/new", NEW_ACCOUNT)
    post_form(client, "/admin/users/new", {**NEW_ACCOUNT, "name": "Tom Berg", "email": "tom@campus.example"})
    (tom_mail,) = outbox.to("tom@campus.example")
    _accept(app.test_client(), outbox.links(tom_mail)[0])
    page = client.get("/admin/invitations").get_data(as_text=True)
    assert "Mia Wagner" in page and "Tom Berg" not in page  # Tom has chosen his password
    assert "15.10.2026" in page and "29.10.2026" in page  # sent on, valid until (14 days)

    frozen_clock.advance(days=15)
    assert client.get("/").status_code == 302  # the idle timeout ended the session meanwhile
    auth.login_as(admin)
    assert "abgelaufen" in client.get("/admin/invitations").get_data(as_text=True)
    assert len(outbox.to("mia@campus.example")) == 1
    record = db.session.scalar(
        db.select(AccountToken).join(AccountToken.user).where(User.email == "mia@campus.example")
    )
    assert record is not None
    page = post_form(
        client, f"/admin/invitations/{record.id}/resend", {}, form_url="/admin/invitations"
    ).get_data(as_text=True)
    assert "Einladungslink für Mia Wagner" in page
    old, new = outbox.to("mia@campus.example")
    newcomer = app.test_client()
    assert newcomer.get(outbox.links(old)[0].removeprefix("https://campus.test")).status_code == 404
    assert _accept(newcomer, outbox.links(new)[0]).status_code == 302


def test_only_administrators_see_invitations(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.LECTURER))
    assert client.get("/admin/invitations").status_code == 404  # as if the pages did not exist
    assert client.get("/admin/jobs").status_code == 404


def test_the_cli_import_prints_invitation_links(runner, tmp_path, outbox: Outbox) -> None:
    csv_file = tmp_path / "kohorte.csv"
    csv_file.write_text("name,email,matriculation_number,role\nAda,ada@campus.example,4712001,student\n")
    result = runner.invoke(args=["users", "import", str(csv_file)])
    assert result.exit_code == 0, result.output
    assert "ada@campus.example\thttps://campus.test/invitation/" in result.output
    assert len(outbox.to("ada@campus.example")) == 1
