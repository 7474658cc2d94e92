"""Issue 3, acceptance 5: a lecturer edits a lesson with live preview, a student sees it, a stale editor
gets a conflict while the first save stays intact, and restoring an earlier version works."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from campus.accounts.models import Cohort
from campus.courses.models import Enrolment
from campus.demo import DEMO_COHORT
from campus.extensions import db
from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_config() -> dict[str, object]:
    # Not a demo: a demo rolls the demo module over to today's academic year (its 2025-26 becomes the
    # read-only archive), and these pages are about the shipped 2025-26 edition.
    return {"DEMO_MODE": False}


MODULE, EDITION, SLUG = "aktuelle-entwicklungen", "2025-26", "01-einfuehrung"
LECTURER, STUDENT = "dozentin@campus.example", "studentin@campus.example"
FIRST = "Neuer Absatz aus dem Browsertest: Sozialdatenschutz zuerst."
SECOND = "Text aus dem zweiten, veralteten Editor."


def ensure_enrolled(server: LiveServer) -> None:
    """The demo seed enrols the demo cohort; make sure of it, so this test does not depend on that hook."""
    with server.app.app_context():
        cohort = db.session.scalar(select(Cohort).filter_by(name=DEMO_COHORT))
        assert cohort is not None
        found = select(Enrolment).filter_by(cohort_id=cohort.id, module_id=MODULE, edition_id=EDITION)
        if db.session.scalar(found) is None:
            db.session.add(Enrolment(cohort_id=cohort.id, module_id=MODULE, edition_id=EDITION))
            db.session.commit()


def new_page(browser: Browser, context_args: dict[str, Any], hosts: list[str]) -> Page:
    """A page in a browser context of its own (its own cookies: a second window or person)."""
    page = browser.new_context(**context_args).new_page()
    page.on("request", lambda request: hosts.append(urlsplit(request.url).netloc))
    return page


def lesson_text(page: Page, url: str) -> str:
    """The lesson page's main text, loaded once: a save shows at once (no waiting, no retries)."""
    page.goto(url)
    return page.locator("main").inner_text()


def test_edit_preview_save_conflict_and_restore(
    page: Page, browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer
) -> None:
    ensure_enrolled(live_server)
    lesson_file = Path(live_server.app.config["MODULES_DIR"]) / MODULE / EDITION / f"{SLUG}.md"
    original = lesson_file.read_text("utf-8")
    editor_url = f"{live_server.url}/modules/{MODULE}/{EDITION}/{SLUG}/edit"
    other_hosts: list[str] = []

    # A second editor window of the same lecturer, opened before the first save: it will be stale.
    stale = new_page(browser, browser_context_args, other_hosts)
    login(stale, live_server, LECTURER)
    stale.goto(editor_url)

    login(page, live_server, LECTURER)
    page.goto(editor_url)
    textarea = page.get_by_label("Markdown-Text")
    expect(textarea).to_have_value(original)
    assert serious_accessibility_violations(page) == []

    # Live preview: typing updates the server-rendered preview and announces it.
    edited = original.replace("\n\n", f"\n\n{FIRST}\n\n", 1)
    textarea.fill(edited)
    expect(page.locator("#preview-output")).to_contain_text(FIRST)
    expect(page.locator("#preview-status")).to_have_text("Vorschau aktualisiert.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    assert FIRST in lesson_file.read_text("utf-8")

    # The student of the enrolled cohort sees the change on the lesson page.
    student = new_page(browser, browser_context_args, other_hosts)
    login(student, live_server, STUDENT)
    lesson_url = f"{live_server.url}/modules/{MODULE}/{EDITION}/{SLUG}"
    assert FIRST in lesson_text(student, lesson_url)

    # The stale editor saves: refused with a clear message, its text kept, the first save intact.
    stale.get_by_label("Markdown-Text").fill(f"# Einführung\n\n{SECOND}\n")
    stale.get_by_role("button", name="Speichern").click()
    expect(stale.get_by_role("heading", name="Nicht gespeichert: Jemand anderes hat diese Lektion inzwischen gespeichert")).to_be_visible()  # fmt: skip
    expect(stale.get_by_label("Markdown-Text")).to_have_value(f"# Einführung\n\n{SECOND}\n")
    expect(stale.locator(".edit-current pre")).to_contain_text(FIRST)
    on_disk = lesson_file.read_text("utf-8")
    assert FIRST in on_disk and SECOND not in on_disk

    # History: restore the state before the first browser edit.
    page.goto(f"{live_server.url}/modules/{MODULE}/{EDITION}/{SLUG}/versions")
    expect(page.get_by_role("table")).to_contain_text("Prof. Dr. Miriam Albers")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("row", name="Stand vor der ersten Bearbeitung").get_by_role("link").click()
    expect(page.get_by_role("heading", name="So sehen Studierende sie")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Diese Version wiederherstellen").click()
    expect(page.get_by_text("Die Version wurde wiederhergestellt.")).to_be_visible()
    assert lesson_file.read_text("utf-8") == original
    shown = lesson_text(student, lesson_url)
    assert "Entwicklungen beobachten" in shown and FIRST not in shown

    assert {h for h in other_hosts if h} <= {urlsplit(live_server.url).netloc}


def test_editing_pages_pass_the_accessibility_check_and_fit_a_phone(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, LECTURER)
    page.set_viewport_size({"width": 360, "height": 800})
    base = f"{live_server.url}/modules/{MODULE}/{EDITION}"
    for url in (f"{base}/edit", f"{base}/edition-file", f"{base}/{SLUG}/edit", f"{base}/{SLUG}/delete"):
        page.goto(url)
        assert serious_accessibility_violations(page) == [], url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{url} is {width}px wide"


def test_students_cannot_open_the_editor(page: Page, live_server: LiveServer) -> None:
    login(page, live_server, STUDENT)
    response = page.goto(f"{live_server.url}/modules/{MODULE}/{EDITION}/{SLUG}/edit")
    assert response is not None and response.status == 404
