"""The lesson editor page: its heading, the warnings before saving, the preview as the student page."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role
from support import Auth, post_form

MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
BASE = f"/modules/{MODULE}/{EDITION}"
MISSING = "![Schaubild](assets/gibt-es-nicht.png)"
REMOTE = "![Zähler](https://tracker.example/pixel.png)"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """As in production, the catalogue is re-checked at most once a second (here: hardly ever)."""
    return {**app_config, "MODULES_RELOAD_INTERVAL": 3600}


@pytest.fixture
def folder(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"]) / MODULE / EDITION


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))


def test_the_heading_names_the_lesson_even_right_after_creating_it(client: FlaskClient, lecturer) -> None:
    response = post_form(
        client, f"{BASE}/new-lesson", {"new_title": "Beratung per Video"}, form_url=f"{BASE}/edit"
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<h1>Lektion bearbeiten: Beratung per Video</h1>" in page


def test_the_preview_warns_before_saving(client: FlaskClient, lecturer, folder: Path) -> None:
    response = post_form(
        client, f"{BASE}/preview?slug=01-einfuehrung", {"text": f"# T\n\n{MISSING}\n\n{REMOTE}\n"},
        form_url=f"{BASE}/01-einfuehrung/edit",
    )  # fmt: skip
    warnings = response.json["warnings"]
    assert any("Externes Bild https://tracker.example/pixel.png" in w for w in warnings), warnings
    assert any(w.startswith("assets/gibt-es-nicht.png: Diese Datei gibt es") for w in warnings), warnings
    clean = post_form(
        client, f"{BASE}/preview", {"text": "# T\n\nText.\n"}, form_url=f"{BASE}/01-einfuehrung/edit"
    )
    assert clean.json["warnings"] == []


def test_the_preview_button_shows_the_warnings_without_javascript(
    client: FlaskClient, lecturer, folder
) -> None:
    path = folder / "01-einfuehrung.md"
    before = path.read_bytes()
    sha = hashlib.sha256(before).hexdigest()
    url = f"{BASE}/01-einfuehrung/edit"
    page = post_form(
        client, url, {"text": f"# T\n\n{MISSING}\n", "base_sha256": sha, "preview": "1"}
    ).get_data(as_text=True)
    assert "Vor dem Speichern:" in page and "assets/gibt-es-nicht.png" in page
    saved = post_form(client, url, {"text": f"# T\n\n{MISSING}\n", "base_sha256": sha, "save": "1"})
    assert saved.status_code == 302  # a missing file does not stop saving, but is said again
    assert "Bitte prüfen: assets/gibt-es-nicht.png" in client.get(url).get_data(as_text=True)
    assert path.read_bytes() != before


def test_the_preview_uses_the_student_pages_markup_and_styles(client: FlaskClient, lecturer) -> None:
    page = client.get(f"{BASE}/02-ki-grundlagen/edit").get_data(as_text=True)
    assert '<article id="preview-output" class="lesson">' in page
    assert "/modules/pygments.css?v=" in page  # the same highlighting colours as the lesson page
    assert '<div class="table-scroll" tabindex="0"><table>' in page  # wide tables scroll by keyboard


def test_delete_is_offered_in_the_editor_only_when_possible(client: FlaskClient, lecturer) -> None:
    linked = client.get(f"{BASE}/01-einfuehrung/edit").get_data(as_text=True)
    assert f"{BASE}/01-einfuehrung/delete" not in linked
    post_form(client, f"{BASE}/new-lesson", {"new_title": "Entwurf"}, form_url=f"{BASE}/edit")
    free = client.get(f"{BASE}/08-entwurf/edit").get_data(as_text=True)
    assert f"{BASE}/08-entwurf/delete" in free and "Lektion löschen" in free
