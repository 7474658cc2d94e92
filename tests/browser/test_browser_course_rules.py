"""Issue 7's course-module rules in a real browser, as each role, wide and at phone width (360 px):
dashboards (a student's modules, next sessions and deadlines; a lecturer's deadlines), the read-only
archive, a lecturer's wider search, and the repair of a broken module."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from campus.courses.current import EXTENSION
from conftest import LiveServer, login, serious_accessibility_violations
from services import FrozenClock

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_config() -> dict[str, object]:
    # Not a demo: a demo rolls the demo module over to today's academic year (its 2025-26 becomes the
    # read-only archive), and these pages are about the shipped 2025-26 edition.
    return {"DEMO_MODE": False}


AE, DP = "aktuelle-entwicklungen", "digitale-prozesse"
LECTURER, STUDENT = "dozentin@campus.example", "studentin@campus.example"


def check_page(page: Page, shots: Path, name: str) -> None:
    """No serious accessibility violation, no sideways scrolling at 360 px, and a screenshot of both widths."""
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert serious_accessibility_violations(page) == [], (name, width)
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)


def test_student_dashboard_shows_modules_next_sessions_and_deadlines(
    page: Page, live_server: LiveServer, tmp_path: Path, frozen_clock: FrozenClock
) -> None:
    frozen_clock.set(
        datetime(2025, 11, 26, 13, 30, tzinfo=UTC)
    )  # Wednesday, 14:30 in Berlin: a session is running
    login(page, live_server, STUDENT)
    modules = page.locator("h3", has_text="Meine Module").locator("xpath=following-sibling::ul[1]")
    expect(modules.get_by_role("link", name="Digitalisierung von Prozessen", exact=False)).to_be_visible()
    sessions = page.locator("ul.sessions")
    expect(sessions.locator("li").first).to_contain_text("Medienlabor C 0.12")
    expect(sessions.locator("time").first).to_have_attribute("datetime", "2025-11-26T14:00:00+01:00")
    check_page(page, tmp_path, "dashboard-student")
    sessions.get_by_role("link").first.click()
    expect(page.locator("article.lesson h1")).to_be_visible()


def test_lecturer_dashboard_lists_the_deadlines_of_their_modules(
    page: Page, live_server: LiveServer, tmp_path: Path, frozen_clock: FrozenClock
) -> None:
    frozen_clock.set(datetime(2026, 2, 26, 12, tzinfo=UTC))
    login(page, live_server, LECTURER)
    panel = page.locator("h3", has_text="Fristen in meinen Modulen").locator("xpath=following-sibling::ul[1]")
    expect(panel.locator("li")).not_to_have_count(0)
    expect(panel).to_contain_text("Wintersemester 2025/26")
    check_page(page, tmp_path, "dashboard-lecturer")


def test_an_archived_edition_cannot_be_edited(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    login(page, live_server, LECTURER)
    page.goto(f"{live_server.url}/modules/{AE}/2024-25/01-einfuehrung")
    expect(page.get_by_text("Archiv – schreibgeschützt").first).to_be_visible()
    expect(page.get_by_role("link", name="Lektion bearbeiten")).to_have_count(0)
    response = page.goto(f"{live_server.url}/modules/{AE}/2024-25/01-einfuehrung/edit")  # an old bookmark
    assert response is not None and response.status == 409
    expect(page.get_by_role("heading", name="Nichts wurde geändert")).to_be_visible()
    check_page(page, tmp_path, "read-only")
    page.get_by_role("link", name="Stattdessen die aktuelle Ausgabe bearbeiten").click()
    expect(page).to_have_url(f"{live_server.url}/modules/{AE}/2025-26/edit")


def test_a_lecturer_searches_drafts_and_archive_of_their_modules(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    login(page, live_server, LECTURER)
    page.goto(f"{live_server.url}/modules/search")
    page.get_by_label("Suchbegriffe").fill("BPMN")
    page.get_by_label("Auch Entwürfe und archivierte Ausgaben meiner Module").check()
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator(".search-results")).to_contain_text(
        "Wintersemester 2024/25 (Archiv – schreibgeschützt)"
    )
    check_page(page, tmp_path, "search-lecturer")


def test_a_broken_module_is_repaired_from_the_dashboard(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    toml = Path(live_server.app.config["MODULES_DIR"]) / DP / "2025-26" / "edition.toml"
    good = toml.read_text("utf-8")
    toml.write_text(good.replace("minutes = 90", 'minutes = "neunzig"', 1), "utf-8")
    live_server.app.extensions[
        EXTENSION
    ].invalidate()  # a hand edit; the server would notice within its interval
    login(page, live_server, LECTURER)
    errors = page.locator(".card-error", has_text="Module mit Fehlern")
    expect(errors).to_contain_text("1 Problem")
    errors.get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="Dieses Modul hat Fehler und ist für Studierende ausgeblendet")
    ).to_be_visible()
    check_page(page, tmp_path, "repair")
    page.get_by_role("link", name="Einstellungen: Termine, Sitzungen, Literatur, Prüfungsleistungen").click()
    page.get_by_role("link", name="Erweitert: edition.toml als Text bearbeiten").click()
    page.get_by_label("edition.toml").fill(good)
    page.get_by_role("button", name="Prüfen und speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    response = page.goto(f"{live_server.url}/modules/{DP}/")
    assert response is not None and response.status == 200
