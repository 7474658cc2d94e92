"""Modules change on disk: new and broken folders, roll-over drafts, and the year-to-year diff page."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role, User
from campus.courses.current import DEFAULT_MODULES_DIR
from campus.courses.models import Enrolment
from campus.extensions import db
from support import Auth

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
