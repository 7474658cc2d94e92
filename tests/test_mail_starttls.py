"""Mail through a real SMTP server that demands STARTTLS before the login (the usual port-587 setup).

The server's certificate is made here for ``localhost``; the test trusts it the way an administrator
trusts an internal CA, through OpenSSL's ``SSL_CERT_FILE``, so Campus's own code path (verified TLS,
checked host name) is the one that runs.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader
from test_mail import TEST_TEMPLATES, WHEN
from test_mail_smtp import Inbox, _free_port

from campus import mail
from campus.extensions import db
from services import JobRecorder


def _certificate_for_localhost(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for ``localhost``, valid for a day."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    start = datetime.now(UTC) - timedelta(minutes=5)  # a real certificate's validity, not the app's clock
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp.crt", folder / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Inbox, int, Path]]:
    cert_path, key_path = _certificate_for_localhost(tmp_path_factory.mktemp("tls"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    inbox, port = Inbox(), _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        server_hostname="localhost",
        tls_context=context,
        require_starttls=True,
        authenticator=inbox.authenticate,
        auth_require_tls=True,
    )
    controller.start()
    yield inbox, port, cert_path
    controller.stop()


@pytest.fixture
def app_config(tls_server: tuple[Inbox, int, Path]) -> dict[str, Any]:
    return {
        "MAIL_SERVER": "localhost",
        "MAIL_PORT": tls_server[1],
        "MAIL_USE_TLS": True,
        "MAIL_USERNAME": "campus",
        "MAIL_PASSWORD": "s3cret-pass",
        "MAIL_DEFAULT_SENDER": "Campus <campus@hs.example>",
    }


def _send_greeting(app: Flask) -> None:
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(TEST_TEMPLATES)])  # type: ignore[list-item]
    mail.send(
        mail.Recipient("juergen@campus.example", "Jürgen Weiß", "de"), "testing/greeting", when=WHEN, link="x"
    )
    db.session.commit()


def test_starttls_then_login_then_the_message(
    app: Flask, tls_server: tuple[Inbox, int, Path], job_log: JobRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, _port, cert_path = tls_server
    monkeypatch.setenv("SSL_CERT_FILE", str(cert_path))
    _send_greeting(app)
    assert job_log.errors == []
    assert inbox.logins == ["campus"]  # the server accepts a login only after STARTTLS
    ((_sender, recipients, raw),) = inbox.received
    assert recipients == ["juergen@campus.example"]
    assert message_from_bytes(raw, policy=policy.default)["Subject"] == "Grüße für Jürgen Weiß: Anmelden"


def test_a_server_certificate_nobody_trusts_gets_neither_password_nor_message(
    app: Flask, tls_server: tuple[Inbox, int, Path], job_log: JobRecorder
) -> None:
    inbox, _port, _cert_path = tls_server
    _send_greeting(app)
    ((task, error),) = job_log.errors
    assert task == "campus.mail.deliver_message"
    assert isinstance(error, ssl.SSLCertVerificationError)
    assert inbox.logins == [] and inbox.received == []
