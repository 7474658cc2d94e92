"""Delivery: SMTP when ``MAIL_SERVER`` is set, else one ``.eml`` file per message in the outbox folder."""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
import tempfile
from email import message_from_string, policy
from email.message import EmailMessage
from pathlib import Path

from flask import Flask, current_app

from campus import clock


def outbox_dir(app: Flask | None = None) -> Path:
    """Where mails are written when no SMTP server is configured (``MAIL_OUTBOX``)."""
    app = app or current_app
    return Path(app.config.get("MAIL_OUTBOX") or Path(app.instance_path) / "outbox")


def parse(raw: str) -> EmailMessage:
    """A message as the queue carried it."""
    return message_from_string(raw, policy=policy.default)


def deliver(raw: str) -> str:
    """Hand the message on; returns where it went (for the log)."""
    message = parse(raw)
    config = current_app.config
    if config.get("MAIL_SERVER"):
        _send_smtp(message)
        where = f"SMTP {config['MAIL_SERVER']}:{config['MAIL_PORT']}"
    else:
        where = str(_write_outbox(raw))
    current_app.logger.info("Mail to %s (%s) delivered: %s", message["To"], message["Subject"], where)
    return where


def _send_smtp(message: EmailMessage) -> None:
    config = current_app.config
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if config.get("MAIL_USE_SSL"):
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=context)
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def _write_outbox(raw: str) -> Path:
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{clock.now():%Y%m%d-%H%M%S-%f}-{secrets.token_hex(4)}"
    # Written to a temporary name and renamed, so a reader never sees half a message.
    fd, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="ascii", newline="") as handle:
        handle.write(raw)
        handle.flush()
        os.fsync(handle.fileno())
    target = folder / f"{stem}.eml"
    os.replace(temporary, target)
    return target
