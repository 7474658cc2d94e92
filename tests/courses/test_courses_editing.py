"""The lesson editor: who may edit, preview, save with the conflict check, CSRF, history and restore."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.courses.models import FileVersion
from campus.extensions import db
from support import Auth, post_form

REPO = Path(__file__).resolve().parents[2]
MODULE, EDITION, SLUG = "aktuelle-entwicklungen", "2025-26", "01-einfuehrung"
BASE = f"/modules/{MODULE}/{EDITION}"
EDIT = f"{BASE}/{SLUG}/edit"


@pytest.fixture
def lesson(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"]) / MODULE / EDITION / f"{SLUG}.md"


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example", name="Miriam Albers"))


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hidden(page: str, name: str) -> str:
    """The value of a hidden form field on a page."""
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)
    assert match, name
    return match[1]


def save(client: FlaskClient, text: str, base: str, url: str = EDIT) -> Any:
    return post_form(client, url, {"text": text, "base_sha256": base, "save": "1"})


@pytest.mark.parametrize(
    ("roles", "email", "status"),
    [
        ((Role.STUDENT,), "studentin@campus.example", 404),
        ((Role.LECTURER,), "andere@campus.example", 404),
        ((Role.ADMIN,), "admin@campus.example", 200),
        ((Role.LECTURER,), "dozentin@campus.example", 200),
    ],
)
def test_only_responsible_lecturers_and_admins_may_edit(
    client: FlaskClient, auth: Auth, make_user, roles, email, status
) -> None:
    auth.login_as(make_user(*roles, email=email))
    for url in (EDIT, f"{BASE}/{SLUG}/versions", f"{BASE}/edit", f"{BASE}/edition-file", f"{BASE}/publish"):
        assert client.get(url).status_code == status, url
    # With a valid CSRF token (from any page), so the answer comes from the permission check.
    assert post_form(client, f"{BASE}/preview", {"text": "# x"}, form_url="/").status_code == status


def test_signed_out_visitors_are_sent_to_the_login(client: FlaskClient) -> None:
    response = client.get(EDIT)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_unknown_module_edition_or_lesson_is_404(client: FlaskClient, lecturer) -> None:
    assert client.get(f"/modules/nope/{EDITION}/{SLUG}/edit").status_code == 404
    assert client.get(f"/modules/{MODULE}/2030-31/{SLUG}/edit").status_code == 404
    assert client.get(f"{BASE}/99-fehlt/edit").status_code == 404
    assert client.get(f"{BASE}/..%2Fmodule/edit").status_code == 404


def test_editor_shows_the_markdown_with_a_label_and_its_hash(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    page = client.get(EDIT).get_data(as_text=True)
    assert '<label for="text">Markdown-Text</label>' in page
    assert "# Einführung: Entwicklungen beobachten" in page
    assert f'value="{sha(lesson)}"' in page
    assert 'src="/static/js/editor.js" defer' in page and "<script>" not in page
    assert 'aria-live="polite"' in page


def test_save_writes_the_file_records_versions_and_audits(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    original = lesson.read_text("utf-8")
    response = save(client, "# Neu\r\n\r\nGeänderter Text.\r\n", sha(lesson))
    assert response.status_code == 302
    assert lesson.read_text("utf-8") == "# Neu\n\nGeänderter Text.\n"  # CRLF from the browser becomes LF
    rows = db.session.query(FileVersion).order_by(FileVersion.id).all()
    assert [(r.action, r.path) for r in rows] == [("original", f"{SLUG}.md"), ("save", f"{SLUG}.md")]
    assert rows[0].content == original and rows[0].author_id is None
    assert rows[1].author_id == lecturer.id and rows[1].at is not None
    assert db.session.query(AuditEvent).filter_by(action="course.lesson.save").count() == 1
    assert "Gespeichert." in client.get(EDIT).get_data(as_text=True)
    # A second save records one more version, not another original.
    save(client, "# Neu\n\nNoch einmal.\n", sha(lesson))
    assert [r.action for r in db.session.query(FileVersion).order_by(FileVersion.id)] == [
        "original",
        "save",
        "save",
    ]


def test_stale_editor_gets_a_conflict_and_overwrites_nothing(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    opened = sha(lesson)
    save(client, "# Erste Fassung\n\nVon Tab 1.\n", opened)
    response = save(client, "# Zweite Fassung\n\nVon Tab 2.\n", opened)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Nicht gespeichert: Jemand anderes hat diese Lektion inzwischen gespeichert" in page
    assert "Von Tab 2." in page  # the unsaved text stays in the textarea
    assert "Von Tab 1." in page  # and the current version is shown
    assert lesson.read_text("utf-8") == "# Erste Fassung\n\nVon Tab 1.\n"
    # The form now carries the current hash: saving again after comparing is a deliberate overwrite.
    assert f'value="{sha(lesson)}"' in page
    assert db.session.query(FileVersion).filter_by(action="save").count() == 1


def test_a_lesson_that_would_break_the_module_is_not_written(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    before = lesson.read_bytes()
    page = save(client, "Kein Titel\n\n![x](https://tracker.example/x.png)\n", sha(lesson)).get_data(
        as_text=True
    )
    assert "Nicht gespeichert" in page and "Überschrift „# Titel“" in page and "tracker.example" in page
    assert "must start with" not in page  # the validator's message in the page's language
    assert lesson.read_bytes() == before


def test_preview_button_renders_without_saving(client: FlaskClient, lecturer, lesson: Path) -> None:
    before = lesson.read_bytes()
    response = post_form(
        client,
        EDIT,
        {"text": "# T\n\n**fett** <script>alert(1)</script>", "base_sha256": sha(lesson), "preview": "1"},
    )
    page = response.get_data(as_text=True)
    assert "<strong>fett</strong>" in page and "<script>alert(1)" not in page
    assert "noch nicht gespeichert" in page and "**fett**" in page  # text kept in the textarea
    assert lesson.read_bytes() == before


def test_live_preview_endpoint_returns_sanitised_html(client: FlaskClient, lecturer) -> None:
    response = post_form(
        client,
        f"{BASE}/preview",
        {"text": "# T\n\n[x](javascript:alert(1)) ![b](assets/bild.png)"},
        form_url=EDIT,
    )
    assert response.status_code == 200 and response.mimetype == "application/json"
    html = response.json["html"]
    assert "<h1" in html and "javascript:" not in html
    assert f'src="/modules/{MODULE}/{EDITION}/assets/bild.png"' in html


def test_posts_without_csrf_token_are_refused(client: FlaskClient, lecturer, lesson: Path) -> None:
    before = lesson.read_bytes()
    assert (
        client.post(EDIT, data={"text": "# X\n", "base_sha256": sha(lesson), "save": "1"}).status_code == 400
    )
    assert client.post(f"{BASE}/preview", data={"text": "# X"}).status_code == 400
    assert lesson.read_bytes() == before


def test_history_lists_versions_and_restore_brings_one_back(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    original = lesson.read_text("utf-8")
    save(client, "# Zweite\n\nText zwei.\n", sha(lesson))
    history = client.get(f"{BASE}/{SLUG}/versions").get_data(as_text=True)
    assert (
        "Miriam Albers" in history
        and "gespeichert" in history
        and "Stand vor der ersten Bearbeitung" in history
    )
    original_row = db.session.query(FileVersion).filter_by(action="original").one()
    view_url = f"{BASE}/{SLUG}/versions/{original_row.id}"
    view = client.get(view_url).get_data(as_text=True)
    assert "Diese Version wiederherstellen" in view and "Entwicklungen beobachten" in view
    response = post_form(
        client, f"{view_url}/restore", {"base_sha256": hidden(view, "base_sha256")}, form_url=view_url
    )
    assert response.status_code == 302
    assert lesson.read_text("utf-8") == original
    restored = db.session.query(FileVersion).filter_by(action="restore").one()
    assert restored.author_id == lecturer.id and restored.note == "Version 1"
    assert db.session.query(AuditEvent).filter_by(action="course.lesson.restore").count() == 1


def test_restore_from_a_stale_page_is_a_conflict(client: FlaskClient, lecturer, lesson: Path) -> None:
    save(client, "# Zweite\n\nText zwei.\n", sha(lesson))
    original_row = db.session.query(FileVersion).filter_by(action="original").one()
    view_url = f"{BASE}/{SLUG}/versions/{original_row.id}"
    stale = client.get(view_url).get_data(as_text=True)
    save(client, "# Dritte\n\nText drei.\n", sha(lesson))  # someone saves after the version page was opened
    data = {"csrf_token": hidden(stale, "csrf_token"), "base_sha256": hidden(stale, "base_sha256")}
    response = client.post(f"{view_url}/restore", data=data)
    assert response.status_code == 302
    assert lesson.read_text("utf-8") == "# Dritte\n\nText drei.\n"
    assert "nichts wiederhergestellt" in client.get(view_url).get_data(as_text=True)


def test_a_version_of_another_file_is_404(client: FlaskClient, lecturer, lesson: Path) -> None:
    save(client, "# Zweite\n", sha(lesson))
    row = db.session.query(FileVersion).filter_by(action="save").one()
    assert client.get(f"{BASE}/02-ki-grundlagen/versions/{row.id}").status_code == 404


def test_a_lesson_that_takes_too_long_to_render_is_refused_at_save(
    client: FlaskClient, lecturer, lesson: Path, quick_limit: float, stalling_lesson: str
) -> None:
    before = lesson.read_bytes()
    response = save(client, stalling_lesson, sha(lesson))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nicht gespeichert" in page
    assert "die Lektion braucht länger als 1 Sekunden zur Anzeige" in page  # on the lesson's own page
    assert "Die Aufbereitung dieses Textes dauert länger als 1 Sekunden" in page  # the preview says so too
    assert lesson.read_bytes() == before
    live = post_form(client, f"{BASE}/preview", {"text": stalling_lesson}, form_url=EDIT)
    answer = live.get_json()
    assert live.status_code == 200 and "dauert länger als 1 Sekunden" in answer["html"]
    assert any("braucht länger als 1 Sekunden" in warning for warning in answer["warnings"])


def test_a_new_lesson_whose_title_would_break_the_module_is_refused(
    client: FlaskClient, lecturer, lesson: Path
) -> None:
    folder = lesson.parent
    before = sorted(p.name for p in folder.glob("*.md"))
    for title in ("Zeile eins\nZeile zwei", "![x](https://tracker.example/x.png)", "Tab\tund\rWagenrücklauf"):
        page = post_form(
            client, f"{BASE}/new-lesson", {"new_title": title}, form_url=f"{BASE}/edit"
        ).get_data(as_text=True)
        assert "konnte nicht angelegt werden" in page, title
    assert sorted(p.name for p in folder.glob("*.md")) == before
    assert client.get(f"/modules/{MODULE}/").status_code == 200  # the module still works
    assert client.get(f"{BASE}/edit").status_code == 200
