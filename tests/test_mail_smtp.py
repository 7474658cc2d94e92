"""One mail through a real SMTP server (aiosmtpd on a free local port), parsed as it arrived."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader
from test_mail import TEST_TEMPLATES, WHEN

from campus import mail
from campus.extensions import db
from services import JobRecorder, Outbox


class Inbox:
    """An aiosmtpd handler that keeps what it receives, with the login that sent it."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.logins: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        if isinstance(data, LoginPassword) and (data.login, data.password) == (b"campus", b"s3cret-pass"):
            self.logins.append(data.login.decode())
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate, auth_require_tls=False
    )
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def app_config(smtp_server: tuple[Inbox, int]) -> dict[str, Any]:
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server[1],
        "MAIL_USERNAME": "campus",
        "MAIL_PASSWORD": "s3cret-pass",
        "MAIL_DEFAULT_SENDER": "Campus Prüfungsamt <campus@hs.example>",
    }


def test_a_mail_arrives_through_smtp_with_its_umlauts_intact(
    app: Flask, smtp_server: tuple[Inbox, int], outbox: Outbox, job_log: JobRecorder
) -> None:
    inbox, _port = smtp_server
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(TEST_TEMPLATES)])  # type: ignore[list-item]
    mail.send(
        mail.Recipient("juergen@campus.example", "Jürgen Weiß", "de"),
        "testing/greeting",
        when=WHEN,
        link=mail.external_url("accounts.login"),
    )
    assert inbox.received == []  # nothing leaves before the commit
    db.session.commit()
    assert job_log.completed == ["campus.mail.deliver_message"]
    ((sender, recipients, raw),) = inbox.received
    assert (sender, recipients) == ("campus@hs.example", ["juergen@campus.example"])
    assert inbox.logins == ["campus"]
    message: EmailMessage = message_from_bytes(raw, policy=policy.default)  # type: ignore[assignment]
    assert message["Subject"] == "Grüße für Jürgen Weiß: Anmelden"
    assert message["To"].addresses[0].display_name == "Jürgen Weiß"
    assert message["From"].addresses[0].display_name == "Campus Prüfungsamt"
    assert "Prüfungstermin: 16.10.2025, 14:30." in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert raw.isascii()  # 7-bit on the wire: encoded words and quoted-printable
    assert len(outbox) == 0  # with a server configured, nothing goes to the folder
