"""campus.mail: templated mails in the recipient's language, delivered by a job after the commit."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from campus import mail
from campus.accounts.models import Cohort
from campus.extensions import db
from campus.i18n import language
from services import Outbox

TEST_TEMPLATES = Path(__file__).parent / "templates"
WHEN = datetime(2025, 10, 16, 12, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _test_templates(app: Flask) -> None:
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(TEST_TEMPLATES)])  # type: ignore[list-item]


def _greet(to: mail.Addressee) -> None:
    mail.send(to, "testing/greeting", when=WHEN, link=mail.external_url("accounts.login"))


def test_a_mail_is_delivered_to_the_outbox_only_after_the_commit(
    app: Flask, outbox: Outbox, caplog: pytest.LogCaptureFixture
) -> None:
    _greet(mail.Recipient("lena@campus.example", "Lena Schmidt", "de"))
    assert len(outbox) == 0
    with caplog.at_level(logging.INFO, logger=app.logger.name):
        db.session.commit()
    (message,) = outbox.messages
    (logged,) = [r.getMessage() for r in caplog.records if "delivered" in r.getMessage()]
    assert "lena@campus.example" in logged and str(outbox.folder) in logged
    assert message["To"].addresses[0].addr_spec == "lena@campus.example"
    assert message["Auto-Submitted"] == "auto-generated"


def test_a_rolled_back_unit_of_work_sends_no_mail(app: Flask, outbox: Outbox) -> None:
    db.session.add(Cohort(name="never stored"))
    _greet(mail.Recipient("lena@campus.example", "Lena Schmidt", "de"))
    db.session.rollback()
    assert len(outbox) == 0


@pytest.mark.parametrize(
    ("code", "subject", "body"),
    [
        ("de", "Grüße für Jürgen Weiß: Anmelden", "Prüfungstermin: 16.10.2025, 14:30."),
        ("en", "Grüße für Jürgen Weiß: Sign in", "Prüfungstermin: 16 Oct 2025, 14:30."),
    ],
)
def test_the_mail_is_written_in_the_recipients_language(
    app: Flask, outbox: Outbox, code: str, subject: str, body: str
) -> None:
    # The page is in the other language: the recipient's choice wins.
    with app.test_request_context(), language("en" if code == "de" else "de"):
        _greet(mail.Recipient("juergen@campus.example", "Jürgen Weiß", code))
        db.session.commit()
    (message,) = outbox.messages
    assert message["Subject"] == subject
    assert message["Content-Language"] == code
    text = outbox.text(message)
    assert body in text
    assert outbox.links(message) == ["https://campus.test/login"]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert 'href="https://campus.test/login"' in html and "Jürgen Weiß" in html


def test_without_a_language_the_platform_default_is_used(app: Flask, outbox: Outbox) -> None:
    _greet(mail.Recipient("someone@campus.example", "Someone"))
    db.session.commit()
    assert outbox.messages[0]["Content-Language"] == "de"


def test_a_template_without_subject_line_is_refused(app: Flask) -> None:
    with pytest.raises(mail.MailTemplateError):
        mail.send(mail.Recipient("a@campus.example"), "testing/broken")


def test_links_come_from_base_url_not_from_the_request_host(app: Flask) -> None:
    with app.test_request_context("/", base_url="http://evil.example"):
        assert mail.external_url("accounts.login") == "https://campus.test/login"


@pytest.mark.parametrize("app_config", [{"BASE_URL": "https://uni.example/campus"}])
def test_links_keep_the_base_urls_path(app: Flask) -> None:
    assert mail.external_url("accounts.login", next="/x") == "https://uni.example/campus/login?next=/x"


def test_is_configured_means_an_smtp_server(app: Flask) -> None:
    assert not mail.is_configured()
    app.config["MAIL_SERVER"] = "mail.example"
    assert mail.is_configured()
