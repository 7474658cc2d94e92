"""Browser acceptance of submissions: hand-in to released feedback, and blind marking, in Chromium."""

from __future__ import annotations

import hashlib
import io
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from campus import create_app
from campus.accounts.models import Role
from campus.accounts.service import create_user, get_or_create_cohort
from campus.courses.models import Enrolment
from campus.extensions import db
from conftest import LiveServer, login, serious_accessibility_violations
from support import PASSWORD, campus_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "submissions"))
import submission_files as files
from course import write_module

pytestmark = pytest.mark.browser
ASSIGNMENT = "/submissions/testmodul/2026-27/hausarbeit/"
BLIND = "/submissions/testmodul/2026-27/blind/"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def server(tmp_path: Path, frozen_clock) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """A live server with the test module, an enrolled student and the module's lecturer."""
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    modules = tmp_path / "modules"
    write_module(modules)
    app: Flask = create_app(campus_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'live.db'}",
                                          MODULES_DIR=modules, MODULES_RELOAD_INTERVAL=0))  # fmt: skip
    with app.app_context():
        db.create_all()
        cohort = get_or_create_cohort("Kohorte 2026")
        create_user("lena@test.example", "Lena Schmidt", (Role.STUDENT,), password=PASSWORD, cohort=cohort,
                    matriculation_number="4711001")  # fmt: skip
        create_user("dozentin@test.example", "Miriam Albers", (Role.LECTURER,), password=PASSWORD)
        db.session.flush()
        db.session.add(Enrolment(cohort_id=cohort.id, module_id="testmodul", edition_id="2026-27"))
        db.session.commit()
    with LiveServer(app) as live:
        yield live
    with app.app_context():
        db.engine.dispose()


def hand_in(page: Page, server: LiveServer, path: str, file: Path) -> str:
    """As Lena: upload ``file`` with both declarations, then hand in finally; returns the receipt's SHA-256."""
    login(page, server, "lena@test.example", PASSWORD)
    page.goto(server.url + path)
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Ich bestätige die obige Eigenständigkeitserklärung.").check()
    page.get_by_label("Werkzeug", exact=True).first.fill("DeepL Write")
    page.locator("fieldset.tool-row").first.get_by_label("Sprachliche Überarbeitung").check()
    page.locator("#tools-0-where").fill("Kapitel 3")
    page.get_by_label("Ihre Arbeit").set_input_files(str(file))
    page.get_by_role("button", name="Hochladen").click()
    # Test apps run jobs in the request once it commits (extraction included): allow for that.
    expect(page.get_by_role("heading", name="Quittung")).to_be_visible(timeout=30_000)
    sha256 = page.locator("#receipt-sha256").inner_text().strip()
    expect(page.locator("#receipt-words")).to_contain_text("Wörter", timeout=15_000)
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Zurück zur Aufgabe").click()
    page.get_by_label("Mir ist bewusst").check()
    page.get_by_role("button", name="Endgültig abgeben").click()
    expect(page.get_by_text("Ihre Arbeit wurde endgültig abgegeben.")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Abmelden").click()
    return sha256


def test_hand_in_mark_release_and_read_feedback(page: Page, server: LiveServer, tmp_path: Path) -> None:
    paper = tmp_path / "Hausarbeit Schmidt.pdf"
    paper.write_bytes(files.pdf([files.PAPER * 3, files.PAPER * 2]))
    sha256 = hand_in(page, server, ASSIGNMENT, paper)
    assert sha256 == hashlib.sha256(paper.read_bytes()).hexdigest()

    login(page, server, "dozentin@test.example", PASSWORD)
    page.goto(server.url + "/submissions/marking/testmodul/2026-27/hausarbeit/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Lena Schmidt").click()
    expect(page.get_by_text("DeepL Write")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Datei herunterladen").click()
    assert Path(download.value.path()).read_bytes() == paper.read_bytes()
    page.get_by_label("Rückmeldung (Markdown)").fill("Eine **klare** Gliederung.\n\n- Quellen sorgfältig")
    page.get_by_label("Note", exact=True).select_option("1.7")
    page.get_by_role("button", name="Bewertung abschließen").click()
    page.get_by_role("link", name="Hausarbeit").first.click()
    page.get_by_role("button", name="Rückmeldungen und Noten freigeben").click()
    expect(page.get_by_text("1 Ergebnisse freigegeben")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()

    login(page, server, "lena@test.example", PASSWORD)
    page.goto(server.url + "/submissions/")
    page.get_by_role("link", name="Status").first.click()
    page.get_by_role("link", name="Rückmeldung und Note lesen").click()
    expect(page.locator(".grade")).to_have_text("1,7")
    expect(page.locator(".feedback strong")).to_have_text("klare")
    page.set_viewport_size({"width": 360, "height": 800})
    assert serious_accessibility_violations(page) == []
    page.goto(server.url + ASSIGNMENT)
    page.screenshot(path=str(SCREENSHOTS / "submissions-assignment-phone.png"), full_page=True)


def test_blind_marking_shows_no_name_and_strips_the_author(
    page: Page, server: LiveServer, tmp_path: Path
) -> None:
    document = docx.Document(io.BytesIO(files.docx_file(author="Lena Schmidt")))
    paper = tmp_path / "Arbeit.docx"
    document.save(str(paper))
    hand_in(page, server, BLIND, paper)

    login(page, server, "dozentin@test.example", PASSWORD)
    page.goto(server.url + "/submissions/marking/testmodul/2026-27/blind/")
    assert "Lena" not in page.content() and "Schmidt" not in page.content()
    page.locator(".marking-table tbody th a").first.click()
    assert "Lena" not in page.content() and "Schmidt" not in page.content()
    with page.expect_download() as download:
        page.get_by_role("link", name="Datei herunterladen").click()
    assert "Schmidt" not in download.value.suggested_filename
    copy = docx.Document(download.value.path())
    assert copy.core_properties.author == "" and copy.core_properties.last_modified_by == ""
    page.get_by_role("link", name="Ausgelesenen Text lesen").click()
    assert "Lena" not in page.content() and "Schmidt" not in page.content()
