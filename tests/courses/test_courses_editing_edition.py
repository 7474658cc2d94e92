"""Managing an edition in the browser: lessons, assets, edition.toml and publishing."""

from __future__ import annotations

import hashlib
import html
import io
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.courses.content import rollover
from campus.courses.current import catalogue
from campus.courses.models import FileVersion
from campus.extensions import db
from support import Auth, post_form

REPO = Path(__file__).resolve().parents[2]
MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
BASE = f"/modules/{MODULE}/{EDITION}"
PAGE = f"{BASE}/edit"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    """The shipped modules' copy (tests/courses/conftest.py) with a tiny upload limit."""
    return {**app_config, "MODULES_MAX_ASSET_BYTES": 1000}


@pytest.fixture
def folder(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"]) / MODULE / EDITION


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))


def hidden(page: str, name: str) -> str:
    """The value of a hidden form field on a page."""
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)
    assert match, name
    return match[1]


def lessons(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("[0-9][0-9]-*.md"))


def audited(action: str) -> int:
    return db.session.query(AuditEvent).filter_by(action=action).count()


def test_edition_page_lists_lessons_assets_and_actions(client: FlaskClient, lecturer) -> None:
    page = client.get(PAGE).get_data(as_text=True)
    assert "Ausgabe bearbeiten" in page and "Einführung: Entwicklungen beobachten" in page
    assert (
        "Neue Lektion" in page and "Datei hochladen" in page and "Einstellungen: Termine, Sitzungen" in page
    )
    assert "<caption>" in page and 'scope="col"' in page


def test_create_lesson_from_a_title(client: FlaskClient, lecturer, folder: Path, app: Flask) -> None:
    response = post_form(
        client, f"{BASE}/new-lesson", {"new_title": "Übung: Datenschutz & KI"}, form_url=PAGE
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/08-uebung-datenschutz-ki/edit"
    )
    assert (folder / "08-uebung-datenschutz-ki.md").read_text("utf-8") == "# Übung: Datenschutz & KI\n"
    assert catalogue(app).get(MODULE).edition(EDITION).lesson("08-uebung-datenschutz-ki") is not None
    assert (
        db.session.query(FileVersion).filter_by(action="create").one().path == "08-uebung-datenschutz-ki.md"
    )
    assert audited("course.lesson.create") == 1
    again = post_form(client, f"{BASE}/new-lesson", {"new_title": "!!!"}, form_url=PAGE)
    assert "konnte nicht angelegt werden" in again.get_data(as_text=True)
    page = again.get_data(as_text=True)
    assert "Dateiname der Lektion: Verwenden Sie Kleinbuchstaben" in page  # the engine's reason, in German
    assert "lower-case" not in page


def test_rename_keeps_number_history_and_session_link(client: FlaskClient, lecturer, folder: Path) -> None:
    url = f"{BASE}/02-ki-grundlagen/rename"
    response = post_form(client, url, {"name": "was-ist-ki"})
    assert response.status_code == 302
    assert "02-was-ist-ki" in lessons(folder) and "02-ki-grundlagen" not in lessons(folder)
    sessions = tomllib.loads((folder / "edition.toml").read_text("utf-8"))["sessions"]
    assert "02-was-ist-ki" in {s.get("lesson") for s in sessions}
    assert db.session.query(FileVersion).filter_by(action="rename", path="02-was-ist-ki.md").count() == 1
    assert db.session.query(FileVersion).filter_by(path="edition.toml", action="original").count() == 1
    assert audited("course.lesson.rename") == 1
    bad = post_form(client, f"{BASE}/02-was-ist-ki/rename", {"name": "Mit Leerzeichen"})
    assert "Kleinbuchstaben" in bad.get_data(as_text=True)


def test_move_down_and_up_renumbers_and_history_follows(client: FlaskClient, lecturer, folder: Path) -> None:
    before = lessons(folder)
    post_form(client, f"{BASE}/01-einfuehrung/edit", {"text": "# Einführung\n\nNeu.\n", "base_sha256": hashlib.sha256((folder / "01-einfuehrung.md").read_bytes()).hexdigest(), "save": "1"})  # fmt: skip
    response = post_form(client, f"{BASE}/01-einfuehrung/move", {"direction": "down"}, form_url=PAGE)
    assert response.status_code == 302
    after = lessons(folder)
    assert after[:2] == ["01-ki-grundlagen", "02-einfuehrung"] and after[2:] == before[2:]
    assert (folder / "02-einfuehrung.md").read_text("utf-8") == "# Einführung\n\nNeu.\n"
    lesson_rows = db.session.query(FileVersion).filter(FileVersion.path != "edition.toml")
    assert {v.path for v in lesson_rows} == {"02-einfuehrung.md"}
    post_form(client, f"{BASE}/02-einfuehrung/move", {"direction": "up"}, form_url=PAGE)
    assert lessons(folder) == before
    assert audited("course.lessons.reorder") == 2
    # The first lesson cannot move further up: nothing changes.
    post_form(client, f"{BASE}/01-einfuehrung/move", {"direction": "up"}, form_url=PAGE)
    assert lessons(folder) == before


def test_delete_needs_confirmation_and_is_refused_while_linked(
    client: FlaskClient, lecturer, folder: Path
) -> None:
    confirm = client.get(f"{BASE}/01-einfuehrung/delete").get_data(as_text=True)
    assert "Diese Sitzungen verweisen auf die Lektion" in confirm
    # Deleting is not possible, so it is not offered: no "delete" button, here or on the edition page.
    assert "Diese Lektion kann nicht gelöscht werden" in confirm and "button-danger" not in confirm
    edition_page = client.get(PAGE).get_data(as_text=True)
    assert (
        f"{BASE}/01-einfuehrung/delete" not in edition_page
        and f"{BASE}/07-diskursanalyse-werkstatt/delete" not in edition_page
    )
    sha = hashlib.sha256((folder / "01-einfuehrung.md").read_bytes()).hexdigest()
    data = {"csrf_token": hidden(edition_page, "csrf_token"), "base_sha256": sha}
    response = client.post(f"{BASE}/01-einfuehrung/delete", data=data)  # a forged request is refused
    assert "nicht gelöscht" in response.get_data(as_text=True)
    assert (folder / "01-einfuehrung.md").exists()

    post_form(client, f"{BASE}/new-lesson", {"new_title": "Entwurf"}, form_url=PAGE)
    url = f"{BASE}/08-entwurf/delete"
    confirm = client.get(url).get_data(as_text=True)
    assert (folder / "08-entwurf.md").exists()
    response = client.post(
        url, data={"csrf_token": hidden(confirm, "csrf_token"), "base_sha256": hidden(confirm, "base_sha256")}
    )
    assert response.status_code == 302 and not (folder / "08-entwurf.md").exists()
    assert (
        db.session.query(FileVersion).filter_by(action="delete", path="08-entwurf.md").one().content
        == "# Entwurf\n"
    )
    assert audited("course.lesson.delete") == 1


def test_delete_of_a_changed_lesson_is_a_conflict(client: FlaskClient, lecturer, folder: Path) -> None:
    post_form(client, f"{BASE}/new-lesson", {"new_title": "Entwurf"}, form_url=PAGE)
    url = f"{BASE}/08-entwurf/delete"
    page = client.get(url).get_data(as_text=True)
    (folder / "08-entwurf.md").write_text("# Entwurf\n\nInzwischen ergänzt.\n", "utf-8")
    response = client.post(
        url, data={"csrf_token": hidden(page, "csrf_token"), "base_sha256": hidden(page, "base_sha256")}
    )
    assert "inzwischen geändert" in response.get_data(as_text=True)
    assert (folder / "08-entwurf.md").exists()


def upload(client: FlaskClient, name: str, data: bytes, **extra: str) -> Any:
    return post_form(
        client, f"{BASE}/upload", {"asset": (io.BytesIO(data), name), **extra}, form_url=PAGE,
        content_type="multipart/form-data",
    )  # fmt: skip


def test_asset_upload_stores_lists_and_refuses_bad_files(client: FlaskClient, lecturer, folder: Path) -> None:
    response = upload(client, "Schaubild 1.png", b"\x89PNG\r\n\x1a\nabc")
    assert response.status_code == 302
    assert (folder / "assets" / "Schaubild_1.png").read_bytes() == b"\x89PNG\r\n\x1a\nabc"
    assert "Schaubild_1.png" in client.get(PAGE).get_data(as_text=True)
    assert audited("course.asset.upload") == 1

    page = upload(client, "boese.html", b"<script>").get_data(as_text=True)
    assert "Dateityp ist nicht erlaubt" in page and not (folder / "assets" / "boese.html").exists()
    page = upload(client, "gross.pdf", b"%PDF" + b"x" * 2000).get_data(as_text=True)
    assert "größer als" in page and not (folder / "assets" / "gross.pdf").exists()
    page = upload(client, "Schaubild_1.png", b"anders").get_data(as_text=True)
    assert "gibt es schon" in page
    assert (folder / "assets" / "Schaubild_1.png").read_bytes() == b"\x89PNG\r\n\x1a\nabc"
    assert upload(client, "Schaubild_1.png", b"anders", replace="y").status_code == 302
    assert (folder / "assets" / "Schaubild_1.png").read_bytes() == b"anders"


EDITION_FILE_URL = f"{BASE}/edition-file"


def edition_form(client: FlaskClient) -> dict[str, str]:
    return {"base_sha256": hidden(client.get(EDITION_FILE_URL).get_data(as_text=True), "base_sha256")}


def test_edition_file_is_validated_and_a_broken_one_never_written(
    client: FlaskClient, lecturer, folder: Path, app: Flask
) -> None:
    toml = folder / "edition.toml"
    before = toml.read_bytes()
    text = (
        before.decode()
        .replace('status = "published"', 'status = "fertig"')
        .replace("minutes = 90", "minutes = 9", 1)
    )
    page = html.unescape(
        post_form(client, EDITION_FILE_URL, {"text": text, **edition_form(client)}).get_data(as_text=True)
    )
    assert "Nicht gespeichert" in page
    assert "Status: Unbekannter Status „fertig“" in page
    assert "Sitzung 1: Dauer in Minuten: Muss zwischen 15 und 480 liegen" in page
    assert 'status = "fertig"' in page  # the text is kept for correcting
    assert toml.read_bytes() == before
    page = post_form(client, EDITION_FILE_URL, {"text": "label = [", **edition_form(client)}).get_data(
        as_text=True
    )
    assert "TOML-Syntaxfehler" in page and toml.read_bytes() == before
    linked = before.decode().replace('lesson = "01-einfuehrung"', 'lesson = "01-gibt-es-nicht"')
    page = post_form(client, EDITION_FILE_URL, {"text": linked, **edition_form(client)}).get_data(
        as_text=True
    )
    assert "01-gibt-es-nicht" in page and toml.read_bytes() == before
    assert catalogue(app).get(MODULE) is not None


def test_edition_file_save_records_versions(client: FlaskClient, lecturer, folder: Path, app: Flask) -> None:
    toml = folder / "edition.toml"
    text = toml.read_text("utf-8").replace('room = "Raum B 2.14"', 'room = "online"', 1)
    response = post_form(client, EDITION_FILE_URL, {"text": text, **edition_form(client)})
    assert response.status_code == 302 and toml.read_text("utf-8") == text
    assert catalogue(app).get(MODULE).edition(EDITION).sessions[0].room == "online"
    rows = db.session.query(FileVersion).filter_by(path="edition.toml").order_by(FileVersion.id).all()
    assert [r.action for r in rows] == ["original", "save"]
    assert audited("course.edition_file.save") == 1
    history = client.get(f"{BASE}/edition/versions").get_data(as_text=True)
    assert "edition.toml" in history and "Version 1" in history and "Version 2" in history


def test_publish_a_draft_after_confirmation(client: FlaskClient, lecturer, app: Flask) -> None:
    root = Path(app.config["MODULES_DIR"])
    rollover.rollover(root, MODULE, "2026-27")
    url = f"/modules/{MODULE}/2026-27/publish"
    assert "Als aktuelle Ausgabe veröffentlichen" in client.get(url).get_data(as_text=True)
    assert catalogue(app).get(MODULE).current_edition == EDITION  # a GET changes nothing
    response = post_form(client, url, {})
    assert response.status_code == 302
    module = catalogue(app).get(MODULE)
    assert module.current_edition == "2026-27" and module.current.is_published
    assert audited("course.edition.publish") == 1
    assert db.session.query(FileVersion).filter_by(edition_id="2026-27", action="publish").count() == 1
    assert "bereits veröffentlicht" in client.get(url).get_data(as_text=True)


def test_other_lecturers_cannot_change_anything(
    client: FlaskClient, auth: Auth, make_user, folder: Path
) -> None:
    auth.login_as(make_user(Role.LECTURER, email="andere@campus.example"))
    before = lessons(folder)
    token_page = "/"  # any page with a CSRF token: the refusal must come from the permission check
    assert post_form(client, f"{BASE}/new-lesson", {"new_title": "X"}, form_url=token_page).status_code == 404
    assert (
        post_form(
            client, f"{BASE}/01-einfuehrung/move", {"direction": "down"}, form_url=token_page
        ).status_code
        == 404
    )
    assert post_form(client, f"{BASE}/01-einfuehrung/delete", {}, form_url=token_page).status_code == 404
    assert lessons(folder) == before


ARCHIVED = f"/modules/{MODULE}/2024-25"


def test_an_archived_edition_is_read_only_in_the_browser(client: FlaskClient, lecturer, app: Flask) -> None:
    folder = Path(app.config["MODULES_DIR"]) / MODULE / "2024-25"
    before = {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    token_page = f"{BASE}/edit"  # a CSRF token from a page that may change things
    text = "# Einführung\n\nNachträglich geschrieben.\n"
    changes = [
        (f"{ARCHIVED}/01-einfuehrung/edit", {"text": text, "base_sha256": "x", "save": "1"}),
        (f"{ARCHIVED}/new-lesson", {"new_title": "Neu"}),
        (f"{ARCHIVED}/01-einfuehrung/rename", {"name": "anders"}),
        (f"{ARCHIVED}/01-einfuehrung/move", {"direction": "down"}),
        (f"{ARCHIVED}/01-einfuehrung/delete", {"base_sha256": "x"}),
        (f"{ARCHIVED}/upload", {"asset": (io.BytesIO(b"x"), "neu.txt")}),
        (f"{ARCHIVED}/edition-file", {"text": "label = 'x'", "base_sha256": "x"}),
        (f"{ARCHIVED}/publish", {}),
    ]
    for url, data in changes:
        response = post_form(client, url, data, form_url=token_page)
        page = response.get_data(as_text=True)
        assert response.status_code == 409, url
        assert "Archiv – schreibgeschützt" in page and "Nichts wurde geändert" in page, url
    # A text typed into a stale editor is shown back, not lost.
    assert "Nachträglich geschrieben." in post_form(
        client, changes[0][0], changes[0][1], form_url=token_page
    ).get_data(as_text=True)
    for url in (f"{ARCHIVED}/edit", f"{ARCHIVED}/01-einfuehrung/edit", f"{ARCHIVED}/edition-file"):
        assert client.get(url).status_code == 409, url
    assert {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert audited("course.lesson.save") == 0 and db.session.query(FileVersion).count() == 0
    # History stays readable; the reading pages offer no editing of the archive.
    assert client.get(f"{ARCHIVED}/01-einfuehrung/versions").status_code == 200
    assert 'href="/modules/aktuelle-entwicklungen/2024-25/edit"' not in client.get(f"{ARCHIVED}/").get_data(
        as_text=True
    )
    assert "Lektion bearbeiten" not in client.get(f"{ARCHIVED}/01-einfuehrung").get_data(as_text=True)
    assert "Lektion bearbeiten" in client.get(f"{BASE}/01-einfuehrung").get_data(as_text=True)


def test_a_version_of_an_archived_lesson_is_shown_but_not_restored(
    client: FlaskClient, lecturer, app: Flask
) -> None:
    lesson = Path(app.config["MODULES_DIR"]) / MODULE / "2024-25" / "01-einfuehrung.md"
    version = FileVersion(
        module_id=MODULE,
        edition_id="2024-25",
        path=lesson.name,
        action="save",
        content="# Alt\n",
        sha256="0" * 64,
    )
    db.session.add(version)
    db.session.commit()
    url = f"{ARCHIVED}/01-einfuehrung/versions/{version.id}"
    page = client.get(url).get_data(as_text=True)
    assert (
        "Alt" in page and "Diese Version wiederherstellen" not in page and "nicht wiederhergestellt" in page
    )
    before = lesson.read_bytes()
    assert (
        post_form(client, f"{url}/restore", {"base_sha256": "x"}, form_url=f"{BASE}/edit").status_code == 409
    )
    assert lesson.read_bytes() == before
