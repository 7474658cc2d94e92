"""Mail: templated messages in the recipient's language, delivered by a job after the commit.

    from campus import mail

    mail.send(user, "accounts/password_reset", link=mail.external_url("accounts.reset", token=t))

See docs/core-services.md for the whole API.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app

from campus import jobs
from campus.mail.compose import Addressee, MailTemplateError, Recipient, compose, external_url
from campus.mail.transport import deliver, outbox_dir, parse

__all__ = [
    "Addressee",
    "MailTemplateError",
    "Recipient",
    "compose",
    "external_url",
    "init_app",
    "is_configured",
    "outbox_dir",
    "parse",
    "send",
]


@jobs.task(retries=8, retry_delay=60)
def deliver_message(raw: str) -> None:
    """Deliver one composed message (retried for about four hours while the mail server is away)."""
    deliver(raw)


def send(recipient: Addressee, template: str, **context: Any) -> None:
    """Compose ``templates/mail/<template>.txt`` for ``recipient`` now; deliver it after the commit."""
    message = compose(recipient, template, context)
    deliver_message.enqueue(message.as_string())


def is_configured() -> bool:
    """Whether mail reaches people (an SMTP server is set), rather than only the outbox folder."""
    return bool(current_app.config.get("MAIL_SERVER"))


def init_app(app: Flask) -> None:
    """Nothing to bind: mail reads its settings when it sends. Kept for the shape of every service."""
    app.extensions["campus.mail"] = outbox_dir(app)
