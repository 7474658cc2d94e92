"""The version history of a lesson: numbered per lesson, and any two versions compared word by word."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role
from campus.courses.models import FileVersion
from campus.extensions import db
from support import Auth, csrf_token, post_form

MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
BASE = f"/modules/{MODULE}/{EDITION}"


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))


def save(client: FlaskClient, app: Flask, slug: str, text: str) -> None:
    path = Path(app.config["MODULES_DIR"]) / MODULE / EDITION / f"{slug}.md"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    url = f"{BASE}/{slug}/edit"
    assert post_form(client, url, {"text": text, "base_sha256": sha, "save": "1"}).status_code == 302


def test_versions_are_numbered_per_lesson(client: FlaskClient, lecturer, app: Flask) -> None:
    save(client, app, "01-einfuehrung", "# Einführung\n\nEins.\n")
    save(client, app, "02-ki-grundlagen", "# KI\n\nAnderes.\n")  # other lessons do not count
    save(client, app, "01-einfuehrung", "# Einführung\n\nZwei.\n")
    page = client.get(f"{BASE}/01-einfuehrung/versions").get_data(as_text=True)
    assert page.index("Version 3") < page.index("Version 2") < page.index("Version 1")
    assert "Version 4" not in page and "Version #" not in page
    first = db.session.query(FileVersion).filter_by(path="01-einfuehrung.md", action="original").one()
    version_page = client.get(f"{BASE}/01-einfuehrung/versions/{first.id}").get_data(as_text=True)
    assert "<h1>Version 1: <code>01-einfuehrung.md</code></h1>" in version_page
    other = client.get(f"{BASE}/02-ki-grundlagen/versions").get_data(as_text=True)
    assert "Version 2" in other and "Version 3" not in other


def test_any_two_versions_are_compared_word_by_word(client: FlaskClient, lecturer, app: Flask) -> None:
    save(client, app, "01-einfuehrung", "# Einführung\n\nDer alte Satz bleibt.\n")
    save(client, app, "01-einfuehrung", "# Einführung\n\nDer neue Satz bleibt.\n")
    rows = db.session.query(FileVersion).filter_by(path="01-einfuehrung.md").order_by(FileVersion.id).all()
    original, one, two = rows
    page = client.get(f"{BASE}/01-einfuehrung/versions").get_data(as_text=True)
    assert 'name="from"' in page and 'name="to"' in page and "Die beiden Versionen vergleichen" in page
    url = f"{BASE}/01-einfuehrung/versions/compare?from={two.id}&to={one.id}"  # order does not matter
    compared = client.get(url).get_data(as_text=True)
    assert "Version 2 und 3 im Vergleich" in compared
    assert '<del><span class="visually-hidden">Entfernt: </span>alte</del>' in compared
    assert '<ins><span class="visually-hidden">Eingefügt: </span>neue</ins>' in compared
    assert (
        client.get(f"{BASE}/01-einfuehrung/versions/compare?from={original.id}&to={two.id}").status_code
        == 200
    )


def test_comparing_versions_of_another_file_is_404(client: FlaskClient, lecturer, app: Flask) -> None:
    save(client, app, "01-einfuehrung", "# Einführung\n\nEins.\n")
    save(client, app, "02-ki-grundlagen", "# KI\n\nZwei.\n")
    a = db.session.query(FileVersion).filter_by(path="01-einfuehrung.md", action="save").one()
    b = db.session.query(FileVersion).filter_by(path="02-ki-grundlagen.md", action="save").one()
    assert client.get(f"{BASE}/01-einfuehrung/versions/compare?from={a.id}&to={b.id}").status_code == 404
    assert client.get(f"{BASE}/01-einfuehrung/versions/compare?from={a.id}").status_code == 404
    assert client.get(f"{BASE}/01-einfuehrung/versions/compare?from=x&to={a.id}").status_code == 404


def test_dates_have_one_style_per_language(client: FlaskClient, lecturer, app: Flask) -> None:
    save(client, app, "01-einfuehrung", "# Einführung\n\nEins.\n")
    url = f"{BASE}/01-einfuehrung/versions"
    german = client.get(url).get_data(as_text=True)
    assert re.search(r"<td>\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}</td>", german)  # 16.10.2025, 14:30
    client.post("/language", data={"language": "en", "next": url, "csrf_token": csrf_token(client, url)})
    english = client.get(url).get_data(as_text=True)
    assert re.search(r"<td>\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}</td>", english)  # 16 Oct 2025, 14:30
