"""An edition's files in the browser: deleting one (refused while a lesson uses it), errors, sizes."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.courses.content.assets import delete_asset
from campus.courses.content.errors import AssetError
from campus.extensions import db
from support import Auth, csrf_token, post_form

MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
BASE = f"/modules/{MODULE}/{EDITION}"
PAGE = f"{BASE}/edit"


@pytest.fixture
def app_config(app_config: dict[str, Any]) -> dict[str, Any]:
    return {**app_config, "MODULES_MAX_ASSET_BYTES": 1500}


@pytest.fixture
def folder(app: Flask) -> Path:
    assets = Path(app.config["MODULES_DIR"]) / MODULE / EDITION / "assets"
    assets.mkdir(exist_ok=True)
    (assets / "schaubild.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 1256)
    (assets / "frei.pdf").write_bytes(b"%PDF-1.4\n")
    return assets.parent


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))


def use_in_lesson(folder: Path, slug: str, markdown: str) -> None:
    path = folder / f"{slug}.md"
    path.write_text(path.read_text("utf-8") + f"\n{markdown}\n", "utf-8")


def test_a_file_a_lesson_uses_is_not_deleted_and_the_lessons_are_listed(client, lecturer, folder) -> None:
    use_in_lesson(folder, "02-ki-grundlagen", "![Schaubild](assets/schaubild.png)")
    use_in_lesson(folder, "04-ki-in-der-beratung", "[als Bild](./assets/schaubild.png#oben)")
    url = f"{BASE}/files/schaubild.png/delete"
    page = client.get(url).get_data(as_text=True)
    assert "Diese Datei kann nicht gelöscht werden" in page and "2 Lektionen verwenden diese Datei" in page
    assert "Was ist „KI“?" in page and "04-ki-in-der-beratung.md" in page and "button-danger" not in page
    assert client.post(url, data={"csrf_token": csrf_token(client, PAGE)}).status_code == 200
    assert (folder / "assets" / "schaubild.png").exists()


def test_an_unused_file_is_deleted_after_confirmation(client, lecturer, folder) -> None:
    url = f"{BASE}/files/frei.pdf/delete"
    assert "Keine Lektion dieser Ausgabe verwendet die Datei" in client.get(url).get_data(as_text=True)
    response = post_form(client, url, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/edit#assets")
    assert not (folder / "assets" / "frei.pdf").exists()
    event = db.session.query(AuditEvent).filter_by(action="course.asset.delete").one()
    assert event.details == {"edition": EDITION, "file": "frei.pdf"}
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("relpath", ["../edition.toml", ".versteckt", "nicht-da.png", "sub/../../x"])
def test_only_files_in_assets_can_be_deleted(client, lecturer, folder, relpath: str) -> None:
    before = sorted(p.name for p in folder.iterdir())
    assert post_form(client, f"{BASE}/files/{relpath}/delete", {}, form_url=PAGE).status_code == 404
    assert sorted(p.name for p in folder.iterdir()) == before
    with pytest.raises(AssetError):
        delete_asset(folder, relpath)


def test_students_cannot_delete_files(client: FlaskClient, auth: Auth, make_user, folder) -> None:
    auth.login_as(make_user(Role.STUDENT))
    assert client.get(f"{BASE}/files/frei.pdf/delete").status_code in (403, 404)
    assert (folder / "assets" / "frei.pdf").exists()


def test_sizes_have_a_decimal_comma_in_german(client, lecturer, folder) -> None:
    page = client.get(PAGE).get_data(as_text=True)
    assert "1,2 KB" in page and "Höchstens 1,5 KB." in page
    client.post("/language", data={"language": "en", "next": PAGE, "csrf_token": csrf_token(client, PAGE)})
    assert "1.2 KB" in client.get(PAGE).get_data(as_text=True)


def test_an_upload_error_is_shown_at_the_top_and_takes_the_focus(client, lecturer, folder) -> None:
    page = post_form(
        client, f"{BASE}/upload", {"asset": (io.BytesIO(b"%PDF" + b"x" * 2000), "gross.pdf")}, form_url=PAGE,
        content_type="multipart/form-data",
    ).get_data(as_text=True)  # fmt: skip
    top = page.index('role="alert" tabindex="-1" autofocus')
    assert top < page.index('id="lessons"')  # above the lessons, not down at the upload form
    assert "Datei hochladen: Die Datei ist größer als 1,5 KB." in page[top:]
    assert not (folder / "assets" / "gross.pdf").exists()
