"""The README's production set-up (gunicorn sync workers, Redis, the README's nginx block) against slow
clients, and what Campus sees of the clients behind the proxy."""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from servers import NGINX, free_port, gunicorn_command, production_env, readme_block, start, stop

from support import CSRF_FIELD

pytestmark = pytest.mark.deploy

SLOW_CLIENTS = 40


@dataclass(frozen=True)
class Site:
    """The running set-up: nginx's TLS port in front of gunicorn's port, and the database file."""

    https_port: int
    gunicorn_port: int
    database: Path


def nginx_site(tls_port: int, http_port: int, upstream: int, certificate: Path, key: Path) -> str:
    """The README's nginx block on this test's ports and certificate; every replaced line must exist."""
    site = readme_block("nginx")
    for old, new in [
        ("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("/etc/ssl/certs/campus.pem", str(certificate)),
        ("/etc/ssl/private/campus.key", str(key)),
    ]:
        assert old in site, f"the README's nginx block no longer has {old!r}"
        site = site.replace(old, new)
    return site


def nginx_main_config(folder: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf does around a site file, with every path in ``folder``."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must reach the temporary folder
    temp = " ".join(
        f"{kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        f"events {{ worker_connections 1024; }}\nhttp {{\n  access_log off;\n  {temp}\n  include {site};\n}}\n"
    )


@pytest.fixture
def site(tmp_path: Path, redis_url: str) -> Iterator[Site]:
    """gunicorn (2 sync workers, production, Redis, one trusted proxy) behind the README's nginx."""
    gunicorn_port, tls_port, http_port = free_port(), free_port(), free_port()
    # Everything that can fail before a server runs comes first, so a failed set-up leaves no server behind.
    env = production_env(tmp_path, REDIS_URL=redis_url, TRUSTED_PROXIES="1")
    key, certificate = tmp_path / "campus.key", tmp_path / "campus.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(certificate), "-days", "1", "-subj", "/CN=campus.example.org"],
        check=True, capture_output=True,
    )  # fmt: skip
    site_file, main_file = tmp_path / "campus-site.conf", tmp_path / "nginx.conf"
    site_file.write_text(nginx_site(tls_port, http_port, gunicorn_port, certificate, key))
    main_file.write_text(nginx_main_config(tmp_path, site_file))
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / kind).mkdir()
    command = [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(main_file)]
    with ExitStack() as servers:
        app_server = start(
            gunicorn_command(gunicorn_port, "--workers", "2"), gunicorn_port, tmp_path / "gunicorn.log", env
        )
        servers.callback(stop, app_server)
        servers.callback(stop, start(command, tls_port, tmp_path / "nginx.log"))
        yield Site(tls_port, gunicorn_port, tmp_path / "campus.db")


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    return context


class Visitor:
    """A browser's part of HTTPS to the site: a source address, cookies, and the referrer Flask-WTF checks."""

    def __init__(self, port: int, address: str = "127.0.0.1") -> None:
        self.port, self.address, self.cookies = port, address, {}

    def request(
        self, method: str, path: str, body: str | None = None, timeout: float = 10
    ) -> tuple[int, str]:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.port, timeout=timeout, context=_tls(), source_address=(self.address, 0)
        )
        headers = {"Referer": f"https://127.0.0.1:{self.port}/login"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        page = response.read().decode()
        connection.close()
        return response.status, page

    def sign_in(self, email: str, password: str) -> int:
        _status, page = self.request("GET", "/login")
        match = CSRF_FIELD.search(page)
        assert match, page[:500]
        token = match.group(1) or match.group(2)
        form = urlencode({"csrf_token": token, "email": email, "password": password})
        return self.request("POST", "/login", form)[0]


def slow_clients(port: int, count: int, tls: bool) -> list[socket.socket]:
    """Clients that start a request and never finish it: half stop inside the headers, half in the body."""
    opened = []
    for n in range(count):
        raw = socket.create_connection(("127.0.0.1", port), timeout=5)
        connection = _tls().wrap_socket(raw) if tls else raw
        if n % 2:
            connection.sendall(b"GET /login HTTP/1.1\r\nHost: campus.example.org\r\nX-Slow: ")
        else:
            start_of_body = b"csrf_token=abc&email=x%40campus.example&pass"
            connection.sendall(
                b"POST /login HTTP/1.1\r\nHost: campus.example.org\r\nContent-Type: application/x-www-form-urlencoded"
                b"\r\nContent-Length: 100000\r\n\r\n" + start_of_body
            )
        opened.append(connection)
    return opened


def still_open(connection: socket.socket) -> bool:
    """Whether the server has neither answered nor closed this connection yet."""
    connection.setblocking(False)
    try:
        connection.recv(1)  # data (an error page) or b"" (closed): either way it was not held open
        return False
    except (BlockingIOError, ssl.SSLWantReadError):
        return True
    finally:
        connection.setblocking(True)


def login_page_answers(port: int, tls: bool, timeout: float) -> float | None:
    """Seconds until the login page answered, or None when it did not answer within ``timeout``."""
    started = time.monotonic()
    connection_class = http.client.HTTPSConnection if tls else http.client.HTTPConnection
    kwargs = {"context": _tls()} if tls else {}
    connection = connection_class("127.0.0.1", port, timeout=timeout, **kwargs)  # type: ignore[arg-type]
    try:
        connection.request("GET", "/login")
        response = connection.getresponse()
        response.read()
    except (TimeoutError, OSError):
        return None
    finally:
        connection.close()
    assert response.status == 200
    return time.monotonic() - started


def test_slow_clients_stall_bare_gunicorn_but_not_the_documented_set_up(site: Site) -> None:
    # Without the proxy, four unfinished requests hold both sync workers (the defect nginx prevents).
    held = slow_clients(site.gunicorn_port, 4, tls=False)
    try:
        assert login_page_answers(site.gunicorn_port, tls=False, timeout=3) is None
    finally:
        for connection in held:
            connection.close()
    # Behind nginx, ten times as many leave the site answering.
    held = slow_clients(site.https_port, SLOW_CLIENTS, tls=True)
    try:
        answers = [login_page_answers(site.https_port, tls=True, timeout=5) for _ in range(5)]
        assert None not in answers, answers
        assert all(still_open(connection) for connection in held)  # nginx held them, it did not drop them
    finally:
        for connection in held:
            connection.close()


def audited_addresses(database: Path, action: str) -> list[str]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT ip_address FROM audit_event WHERE action = ? ORDER BY id", (action,)
        )
        return [row[0] for row in rows]


def test_behind_nginx_campus_sees_each_client_and_its_workers_share_the_limits(site: Site) -> None:
    guesser, bystander = Visitor(site.https_port, "127.0.0.3"), Visitor(site.https_port, "127.0.0.4")
    statuses = [guesser.sign_in(f"person{n}@campus.example", "wrong guess") for n in range(11)]
    # Ten failures from one address are counted across both workers (Redis), the eleventh is refused...
    assert statuses == [401] * 10 + [429]
    # ...while another client behind the same proxy is not affected.
    assert bystander.sign_in("someone@campus.example", "wrong guess") == 401
    assert set(audited_addresses(site.database, "login.failed")) == {"127.0.0.3", "127.0.0.4"}
    assert audited_addresses(site.database, "login.throttled") == ["127.0.0.3"]
