"""Helpers for tests: the test configuration, CSRF-aware form posts and the ``Auth`` sign-in helper."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from campus.accounts.models import User
from campus.extensions import db

PASSWORD = "correct horse battery"
# argon2 at its cheapest: the real cost (about 0.1 s a hash) would make the suite slow, not safer.
CHEAP_HASH = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def database_url(tmp_path: Path) -> str:
    """PostgreSQL when TEST_DATABASE_URL says so (CI's second run), else a fresh SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'campus.db'}"


def campus_config(tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """The configuration every test app starts from."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-000",
        "DATABASE_URL": database_url(tmp_path),
        "PASSWORD_HASH": CHEAP_HASH,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": None,
        "BASE_URL": "https://campus.test",
        # Jobs run in-process when their transaction commits; the queue tests switch this off.
        "JOBS_IMMEDIATE": True,
        "JOBS_BROKER_URL": f"sqlite:///{tmp_path / 'jobs.db'}",
        "MAIL_OUTBOX": tmp_path / "outbox",
        "UPLOADS_DIR": tmp_path / "uploads",
        "DEMO_MODULES_DIR": tmp_path / "demo-modules",
        # The detector's local model and calibration: never the developer's instance folder.
        "DETECTOR_DIR": tmp_path / "detector",
        **extra,
    }


def csrf_token(client: FlaskClient, url: str) -> str:
    """The CSRF token of the form on ``url`` (as a browser would read it)."""
    html = client.get(url).get_data(as_text=True)
    match = CSRF_FIELD.search(html)
    assert match, f"no CSRF token on {url}"
    return match.group(1) or match.group(2)


def post_form(
    client: FlaskClient, url: str, data: dict[str, Any], form_url: str | None = None, **kwargs: Any
) -> Any:
    """POST ``data`` with the CSRF token taken from the form page (``form_url``, default ``url``)."""
    return client.post(url, data={**data, "csrf_token": csrf_token(client, form_url or url)}, **kwargs)


class Auth:
    """Sign in and out through the real login form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, email: str, password: str = PASSWORD) -> Any:
        return post_form(self.client, "/login", {"email": email, "password": password})

    def login_as(self, user: User) -> User:
        response = self.login(user.email)
        assert response.status_code == 302, f"login of {user.email} failed"
        return user

    def logout(self) -> Any:
        return post_form(self.client, "/logout", {}, form_url="/")


class CampusTestClient(FlaskClient):
    """Runs every request in an app context of its own, as a server does.

    Tests hold an app context for their factories; without this, requests would share its ``g``
    (and so, e.g., a stale CSRF token). After the request the test's session commits, which ends its
    read transaction and expires loaded objects, so the test sees what the request wrote.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.commit()
        return response


class _FormReader(HTMLParser):
    """Collects what a browser would submit for each ``<form>`` of a page, as (name, value) pairs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._select: str | None = None
        self._option: dict[str, str | None] | None = None
        self._options: list[dict[str, str | None]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            method = (attributes.get("method") or "get").lower()
            self.forms.append({"action": attributes.get("action"), "method": method, "fields": []})
        elif not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = (attributes.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    fields.append((name, attributes.get("value") or "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            selected = "selected" if "selected" in attributes else None
            self._option = {"value": attributes.get("value"), "text": "", "selected": selected}
            self._options.append(self._option)
        elif tag == "textarea" and name:
            self._textarea = name
            fields.append((name, ""))

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] = (self._option["text"] or "") + data
        elif self._textarea is not None:
            name, value = self.forms[-1]["fields"][-1]
            self.forms[-1]["fields"][-1] = (name, value + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = [o for o in self._options if o["selected"] is not None] or self._options[:1]
            for option in chosen:  # a browser submits the first option when none is selected
                value = option["value"] if option["value"] is not None else (option["text"] or "").strip()
                self.forms[-1]["fields"].append((self._select, value))
            self._select = None


def forms_on(html: str) -> list[dict[str, Any]]:
    """Every form of ``html`` with its action and the (name, value) pairs a browser would submit."""
    reader = _FormReader()
    reader.feed(html)
    return reader.forms


def submit_as_shown(client: FlaskClient, url: str, action: str | None = None, **kwargs: Any) -> Any:
    """GET ``url`` and submit its POST form to ``action`` (default: the page itself) unchanged, as a browser would."""
    target = action or url
    for form in forms_on(client.get(url).get_data(as_text=True)):
        if form["method"] == "post" and (form["action"] or url) == target:
            return client.post(target, data=MultiDict(form["fields"]), **kwargs)
    raise AssertionError(f"no form posting to {target} on {url}")
