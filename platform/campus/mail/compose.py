"""Mails from templates, written in the recipient's language.

``templates/mail/<feature>/<name>.txt`` is the plain-text part; its first line is ``Subject: …`` and a
blank line separates it from the body. An optional ``<name>.html`` beside it becomes the HTML part.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any, Protocol
from urllib.parse import urlsplit

from flask import current_app, render_template
from jinja2 import TemplateNotFound

from campus import clock, i18n


class Addressee(Protocol):
    """Whom a mail goes to: a ``User`` is one, and so is a ``Recipient``."""

    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def language(self) -> str | None: ...


@dataclass(frozen=True)
class Recipient:
    """An addressee who is not (or not yet) an account."""

    email: str
    name: str = ""
    language: str | None = None


class MailTemplateError(ValueError):
    """A mail template does not start with its ``Subject:`` line."""


def recipient_language(recipient: Addressee) -> str:
    """The language the recipient reads: their choice, else the platform's default."""
    languages = current_app.config["LANGUAGES"]
    if recipient.language in languages:
        return str(recipient.language)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def _render(template: str, context: dict[str, Any]) -> tuple[str, str, str | None]:
    text = render_template(f"mail/{template}.txt", **context)
    head, _, body = text.lstrip().partition("\n\n")
    if not head.startswith("Subject:") or "\n" in head:
        raise MailTemplateError(f"mail/{template}.txt must start with one 'Subject: …' line and a blank line")
    try:
        html: str | None = render_template(f"mail/{template}.html", **context)
    except TemplateNotFound:
        html = None
    return head.removeprefix("Subject:").strip(), body.strip() + "\n", html


def compose(recipient: Addressee, template: str, context: dict[str, Any]) -> EmailMessage:
    """The complete message, rendered in the recipient's language."""
    language = recipient_language(recipient)
    with i18n.language(language):
        subject, text, html = _render(template, {"recipient": recipient, **context})
    message = EmailMessage()
    sender = str(current_app.config["MAIL_DEFAULT_SENDER"])
    message["From"] = sender
    message["To"] = Address(display_name=recipient.name or "", addr_spec=recipient.email)
    message["Subject"] = subject
    message["Date"] = format_datetime(clock.now())
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to the platform
    # Quoted-printable keeps the message 7-bit: every relay takes it, umlauts included.
    message.set_content(text, cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html", cte="quoted-printable")
    message["Content-Language"] = language  # after the content: setting content drops Content-* headers
    return message


def external_url(endpoint: str, **values: Any) -> str:
    """An absolute link for a mail, built from ``BASE_URL``, never from the request's Host header.

    (A forged Host header must not turn a password-reset link into a link to somebody else's site.)
    """
    base = urlsplit(str(current_app.config["BASE_URL"]))
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme or "https"
    )
    return adapter.build(endpoint, values, force_external=True)
