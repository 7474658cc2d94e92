"""Modules change on disk: new and broken folders, roll-over drafts, and the year-to-year diff page."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus import create_app
from campus.accounts.models import Role, User
from campus.courses.content import CatalogueCache
from campus.courses.current import DEFAULT_MODULES_DIR, EXTENSION
from campus.courses.models import Enrolment
from campus.extensions import db
from support import Auth, CampusTestClient, campus_config, post_form

AE = "aktuelle-entwicklungen"


@pytest.fixture
def app_config(courses_root: Path) -> dict[str, Any]:
    """A copy of the shipped modules, re-read on every request (no restart, no caching delay)."""
    shutil.copytree(DEFAULT_MODULES_DIR, courses_root, dirs_exist_ok=True)
    return {"MODULES_DIR": str(courses_root), "MODULES_RELOAD_INTERVAL": 0}


@pytest.fixture
def root(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"])


@pytest.fixture
def student(app: Flask, make_user, make_cohort) -> User:
    cohort = make_cohort("MA DiSA 2025")
    for module_id in (AE, "demo"):
        db.session.add(Enrolment(cohort=cohort, module_id=module_id, edition_id="2025-26"))
    db.session.commit()
    return make_user(Role.STUDENT, cohort=cohort)


def test_a_copied_module_folder_appears_without_a_restart(
    client: FlaskClient, auth: Auth, make_user, root
) -> None:
    auth.login_as(make_user(Role.EXAMINER))
    assert 'href="/modules/onlineberatung-kopie/"' not in client.get("/modules/").get_data(as_text=True)
    shutil.copytree(DEFAULT_MODULES_DIR / "onlineberatung", root / "onlineberatung-kopie")
    page = client.get("/modules/").get_data(as_text=True)
    assert 'href="/modules/onlineberatung-kopie/"' in page and page.count('class="card module-card"') == 4
    assert client.get("/modules/onlineberatung-kopie/").status_code == 200
    assert client.get("/modules/onlineberatung-kopie/2025-26/01-einfuehrung").status_code == 200


def test_a_broken_module_is_disabled_and_its_error_shown_to_admins(
    client: FlaskClient, auth: Auth, make_user, make_module, student
) -> None:
    folder = make_module("demo")
    toml = folder / "2025-26" / "edition.toml"
    toml.write_text(toml.read_text("utf-8").replace("minutes = 90", 'minutes = "neunzig"', 1), "utf-8")
    auth.login_as(make_user(Role.ADMIN))
    page = client.get("/modules/").get_data(as_text=True)
    assert "Fehlerhafte Module" in page
    assert "demo/2025-26/edition.toml: sessions[1].minutes:" in page
    assert client.get("/modules/demo/").status_code == 404
    assert client.get("/modules/aktuelle-entwicklungen/").status_code == 200  # the others keep working
    auth.logout()
    auth.login_as(student)  # enrolled in "demo", but it is broken: neither listed nor its error shown
    page = client.get("/modules/").get_data(as_text=True)
    assert "Fehlerhafte Module" not in page and "sessions[1].minutes" not in page
    assert "Aktuelle Entwicklungen und Diskurse" in page
    assert client.get("/modules/demo/").status_code == 404


def test_after_rollover_the_draft_is_hidden_from_students(
    app: Flask, client: FlaskClient, auth: Auth, make_user, student
) -> None:
    result = app.test_cli_runner().invoke(args=["modules", "rollover", AE, "--to", "2026-27"])
    assert result.exit_code == 0, result.output
    draft = f"/modules/{AE}/2026-27/"
    auth.login_as(student)
    assert client.get(draft).status_code == 404
    assert client.get(f"{draft}01-einfuehrung").status_code == 404
    assert client.get(f"{draft}assets/anything.png").status_code == 404
    assert client.get(f"/modules/{AE}/diff?from=2025-26&to=2026-27").status_code == 404
    assert "2026-27" not in client.get(f"/modules/{AE}/archive").get_data(as_text=True)
    auth.logout()
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    page = client.get(draft).get_data(as_text=True)
    assert "Wintersemester 2026/27" in page and "Entwurf" in page
    assert "Wintersemester 2026/27" in client.get(f"/modules/{AE}/archive").get_data(as_text=True)
    auth.logout()
    auth.login_as(make_user(Role.LECTURER))  # a lecturer of other modules: no drafts
    assert client.get(draft).status_code == 404


def test_diff_page_shows_the_changed_lessons_of_the_shipped_editions(
    client: FlaskClient, auth: Auth, student
) -> None:
    auth.login_as(student)
    page = client.get(f"/modules/{AE}/diff?from=2024-25&to=2025-26").get_data(as_text=True)
    assert "Was hat sich geändert?" in page
    changed = page[page.index("Geändert (") :]
    assert "Einführung" in changed and 'id="change-1"' in page
    assert "<ins>" in page and "<del>" in page and "Legende" in page
    # Removed and added lessons, sessions and readings of the two years.
    assert "New Work: Herkunft, Versprechen und Umdeutungen" in page
    assert "Was ist „KI“? Begriffe für die Soziale Arbeit" in page
    assert "Eubanks, V. (2018)" in page
    # The choice of editions is a GET form with both editions selected.
    assert '<option value="2024-25" selected>' in page and '<option value="2025-26" selected>' in page
    # Without parameters: the previous and the current edition.
    default = client.get(f"/modules/{AE}/diff").get_data(as_text=True)
    assert default[default.index("<main") :].count("selected>") == 2


def test_diff_escapes_lesson_text(client: FlaskClient, auth: Auth, make_user, make_module) -> None:
    folder = make_module("demo", "2024-25")
    shutil.copytree(folder / "2024-25", folder / "2025-26")
    lesson = folder / "2025-26" / "01-einfuehrung.md"
    lesson.write_text(lesson.read_text("utf-8") + '\n<script>alert("x")</script> <b>fett</b>\n', "utf-8")
    auth.login_as(make_user(Role.ADMIN))
    page = client.get("/modules/demo/diff?from=2024-25&to=2025-26").get_data(as_text=True)
    assert "<script>alert" not in page and "<b>fett" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page or "&lt;script&gt;alert(" in page


def test_diff_of_an_unknown_edition_is_404(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    assert client.get(f"/modules/{AE}/diff?from=2019-20&to=2025-26").status_code == 404


def test_a_save_shows_at_once_in_this_and_in_every_other_worker(
    app: Flask, tmp_path: Path, courses_root: Path, make_user, student
) -> None:
    """Hand edits wait for the interval (an hour here); writes through Campus never do."""
    app.extensions[EXTENSION] = CatalogueCache(courses_root, interval=3600)  # this worker
    other = create_app(campus_config(tmp_path, MODULES_DIR=str(courses_root), MODULES_RELOAD_INTERVAL=3600))
    other.test_client_class = CampusTestClient
    lecturer = make_user(Role.LECTURER, email="dozentin@campus.example")
    editor, reader_here, reader_there = app.test_client(), app.test_client(), other.test_client()
    Auth(editor).login_as(lecturer)
    Auth(reader_here).login_as(student)
    Auth(reader_there).login_as(student)
    lesson_url = f"/modules/{AE}/2025-26/01-einfuehrung"
    for reader in (reader_here, reader_there):  # both workers have the catalogue cached now
        assert "Frisch gespeichert" not in reader.get(lesson_url).get_data(as_text=True)
    page = editor.get(f"{lesson_url}/edit").get_data(as_text=True)
    base = re.search(r'name="base_sha256" type="hidden" value="([^"]*)"', page)
    assert base is not None
    text = "# Einführung\n\nFrisch gespeichert.\n"
    post_form(editor, f"{lesson_url}/edit", {"text": text, "base_sha256": base[1], "save": "1"})
    for reader in (reader_here, reader_there):
        assert "Frisch gespeichert." in reader.get(lesson_url).get_data(as_text=True)
    # Creating a lesson and uploading a file show at once too.
    post_form(
        editor,
        f"/modules/{AE}/2025-26/new-lesson",
        {"new_title": "Ganz neu"},
        form_url=f"/modules/{AE}/2025-26/edit",
    )
    new_lesson = next(p.stem for p in (courses_root / AE / "2025-26").glob("*-ganz-neu.md"))
    for reader in (reader_here, reader_there):
        assert reader.get(f"/modules/{AE}/2025-26/{new_lesson}").status_code == 200
    upload = {"asset": (io.BytesIO(b"a,b\n"), "tabelle.csv")}
    post_form(editor, f"/modules/{AE}/2025-26/upload", upload, form_url=f"/modules/{AE}/2025-26/edit")
    with reader_there.get(f"/modules/{AE}/2025-26/assets/tabelle.csv") as response:
        assert response.status_code == 200
    # A hand edit on disk waits for the interval in the other worker (nobody told it).
    lesson = courses_root / AE / "2025-26" / "01-einfuehrung.md"
    lesson.write_text("# Einführung\n\nVon Hand.\n", "utf-8")
    assert "Von Hand." not in reader_there.get(lesson_url).get_data(as_text=True)
    with other.app_context():  # the other worker's own connections (db.engine is per app)
        db.engine.dispose()


def test_a_broken_module_stays_repairable_in_the_browser_by_its_lecturers(
    client: FlaskClient, auth: Auth, make_user, root, student
) -> None:
    toml = root / AE / "2025-26" / "edition.toml"
    good = toml.read_text("utf-8")
    toml.write_text(good.replace("minutes = 90", 'minutes = "neunzig"', 1), "utf-8")
    lecturer = make_user(Role.LECTURER, email="dozentin@campus.example")
    auth.login_as(lecturer)
    assert client.get(f"/modules/{AE}/").status_code == 404  # hidden from reading, also for its lecturer
    dashboard = client.get("/").get_data(as_text=True)
    assert "Module mit Fehlern" in dashboard and f'href="/modules/{AE}/2025-26/edit"' in dashboard
    page = client.get(f"/modules/{AE}/2025-26/edit").get_data(as_text=True)
    assert "Dieses Modul hat Fehler und ist für Studierende ausgeblendet" in page
    assert "sessions[1].minutes" in page
    assert client.get(f"/modules/{AE}/2025-26/01-einfuehrung/edit").status_code == 200
    editor = client.get(f"/modules/{AE}/2025-26/edition-file").get_data(as_text=True)
    base = re.search(r'name="base_sha256" type="hidden" value="([^"]*)"', editor)
    assert base is not None
    url = f"/modules/{AE}/2025-26/edition-file"
    assert post_form(client, url, {"text": good, "base_sha256": base[1]}).status_code == 302
    assert client.get(f"/modules/{AE}/").status_code == 200  # repaired: back for everyone
    auth.logout()
    auth.login_as(student)
    assert client.get(f"/modules/{AE}/").status_code == 200
    toml.write_text(good.replace("minutes = 90", 'minutes = "neunzig"', 1), "utf-8")
    assert client.get(f"/modules/{AE}/2025-26/edit").status_code == 404  # students never
    auth.logout()
    auth.login_as(make_user(Role.ADMIN))
    assert f'href="/modules/{AE}/2025-26/edit"' in client.get("/modules/").get_data(as_text=True)


@pytest.mark.parametrize(
    "text",
    ["a" + ".a" * 5_000 + " = 1\n", "x = " + "[" * 2_000 + "]" * 2_000 + "\n"],
    ids=["dotted key", "nested arrays"],
)
def test_a_hostile_edition_toml_breaks_only_its_module_and_is_refused_at_save(
    client: FlaskClient, auth: Auth, make_user, root, student, text: str
) -> None:
    toml = root / "onlineberatung" / "2025-26" / "edition.toml"
    good = toml.read_text("utf-8")
    toml.write_text(good + text, "utf-8")  # on disk, by hand
    auth.login_as(student)
    for url in (
        "/",
        "/modules/",
        f"/modules/{AE}/",
        f"/modules/{AE}/2025-26/01-einfuehrung",
        "/modules/search?q=KI",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/modules/onlineberatung/").status_code == 404
    auth.logout()
    auth.login_as(make_user(Role.ADMIN))
    assert "vor dem Einlesen abgelehnt" in client.get("/modules/").get_data(as_text=True)
    # Through the browser it is never written.
    toml.write_text(good, "utf-8")
    url = "/modules/onlineberatung/2025-26/edition-file"
    base = re.search(
        r'name="base_sha256" type="hidden" value="([^"]*)"', client.get(url).get_data(as_text=True)
    )
    assert base is not None
    page = post_form(client, url, {"text": good + text, "base_sha256": base[1]}).get_data(as_text=True)
    assert "vor dem Einlesen abgelehnt" in page and toml.read_text("utf-8") == good


def test_a_rollover_on_the_command_line_shows_at_once_in_a_worker_that_checks_hourly(app: Flask) -> None:
    worker = CatalogueCache(Path(app.config["MODULES_DIR"]), interval=3600)  # another process's catalogue
    assert "2026-27" not in worker.get().modules[AE].editions
    result = app.test_cli_runner().invoke(args=["modules", "rollover", AE, "--to", "2026-27"])
    assert result.exit_code == 0, result.output
    assert "2026-27" in worker.get().modules[AE].editions  # the change marker, not the hourly check
