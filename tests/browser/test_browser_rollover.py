"""Issue 7, acceptance 2: a lecturer rolls a module over to the next academic year in the browser, edits
the new edition's sessions in the form, previews a lesson (the preview's note box has the student
page's style), saves, and the student page shows the change at once; editing the archive is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_config() -> dict[str, object]:
    # Not a demo: a demo rolls the demo module over to today's academic year (its 2025-26 becomes the
    # read-only archive), and these pages are about the shipped 2025-26 edition.
    return {"DEMO_MODE": False}


MODULE, OLD, NEW = "aktuelle-entwicklungen", "2025-26", "2026-27"
LECTURER, STUDENT = "dozentin@campus.example", "studentin@campus.example"
NOTE = "Neu im Studienjahr 2026/27: die KI-Verordnung gilt."
ROOM = "Raum C 3.01 (neu)"
BOX_STYLE = (
    "e => ['borderLeftColor', 'borderLeftWidth', 'backgroundColor', 'paddingLeft', 'fontWeight']"
    ".map(k => getComputedStyle(e)[k]).concat([getComputedStyle(e.querySelector('.admonition-title')).fontWeight])"
)


def student_page(browser: Browser, context_args: dict[str, Any], server: LiveServer) -> Page:
    page = browser.new_context(**context_args).new_page()
    login(page, server, STUDENT)
    return page


def test_roll_over_edit_preview_save_and_the_student_sees_it_at_once(
    page: Page, browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer
) -> None:
    folder = Path(live_server.app.config["MODULES_DIR"]) / MODULE
    base = f"{live_server.url}/modules/{MODULE}"
    login(page, live_server, LECTURER)

    # Roll over: the preview shows the term on its calendar dates and the sessions on their weekdays.
    page.goto(f"{base}/{OLD}/edit")
    page.get_by_role("link", name=f"Neue Ausgabe für {NEW} anlegen").click()
    dates = page.get_by_role("table", name="Termine der neuen Ausgabe")
    expect(dates.get_by_role("row", name="Semesterbeginn")).to_contain_text("Do., 01.10.2026")
    expect(dates.get_by_role("row").filter(has_text="Sitzung 1:")).to_contain_text("Di., 13.10.2026, 10:00")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name=f"Ausgabe {NEW} anlegen").click()
    expect(page).to_have_url(f"{base}/{NEW}/edit")
    expect(page.locator(".flashes")).to_be_focused()
    assert (folder / NEW / "edition.toml").is_file()

    # The new edition's sessions, in the form.
    page.get_by_role("link", name="Einstellungen: Termine, Sitzungen, Literatur, Prüfungsleistungen").click()
    first = page.get_by_role("group", name="Sitzung 1", exact=True)
    expect(first.get_by_label("Beginn")).to_have_value("2026-10-13T10:00")
    first.get_by_label("Raum").fill(ROOM)
    page.get_by_role("button", name="Einstellungen speichern").last.click()
    expect(page.locator(".flashes")).to_contain_text("Die Einstellungen wurden gespeichert.")
    assert f'room = "{ROOM}"' in (folder / NEW / "edition.toml").read_text("utf-8")

    # Publish it, so students read it.
    page.goto(f"{base}/{NEW}/publish")
    page.get_by_role("button", name="Als aktuelle Ausgabe veröffentlichen").click()
    expect(page.locator(".flashes")).to_contain_text("veröffentlicht")

    # A lesson of the new edition: the live preview's note box looks as on the student page.
    page.goto(f"{base}/{NEW}/01-einfuehrung/edit")
    text = page.get_by_label("Markdown-Text")
    text.fill(text.input_value().replace("\n\n", f'\n\n!!! note "Hinweis"\n    {NOTE}\n\n', 1))
    preview_box = page.locator("#preview-output .admonition", has_text=NOTE)
    expect(preview_box).to_contain_text(NOTE)
    preview_style = preview_box.evaluate(BOX_STYLE)
    assert preview_style[0] != "rgba(0, 0, 0, 0)" and preview_style[2] != "rgba(0, 0, 0, 0)"
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".flashes")).to_contain_text("Gespeichert.")

    # The student sees both changes on the very next page load, and the same note box.
    student = student_page(browser, browser_context_args, live_server)
    student.goto(f"{base}/{NEW}/01-einfuehrung")
    student_box = student.locator("article.lesson .admonition", has_text=NOTE)
    expect(student_box).to_contain_text(NOTE, timeout=1)  # no waiting for a cache to expire
    assert student_box.evaluate(BOX_STYLE) == preview_style
    student.goto(f"{base}/")
    expect(student.locator("main")).to_contain_text(ROOM, timeout=1)
    assert urlsplit(student.url).path == f"/modules/{MODULE}/"

    # The previous edition is now the archive: an edit is refused and nothing is written.
    before = (folder / OLD / "edition.toml").read_bytes()
    response = page.goto(f"{base}/{OLD}/settings")
    assert response is not None and response.status == 409
    expect(page.get_by_role("heading", name="Archiv – schreibgeschützt")).to_be_visible()
    expect(page.get_by_label("Bezeichnung der Ausgabe")).to_have_count(0)  # no form to change it with
    assert (folder / OLD / "edition.toml").read_bytes() == before
