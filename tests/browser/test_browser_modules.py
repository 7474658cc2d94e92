"""Course modules in a real browser: the demo student reads a lesson and the year-to-year diff."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser

DP_TITLE = "Digitalisierung von Prozessen und digitale Geschäftsmodelle"


def check_page(page: Page, shots: Path, name: str) -> None:
    """No serious accessibility violation, and a screenshot to look at."""
    assert serious_accessibility_violations(page) == [], name
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def test_student_reads_a_lesson_follows_next_and_opens_the_diff(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    login(page, live_server, "studentin@campus.example")
    expect(page.get_by_role("heading", name="Meine Module")).to_be_visible()
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Module").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Module")
    check_page(page, tmp_path, "catalogue")

    page.get_by_role("link", name=DP_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DP_TITLE)
    expect(page.locator("ol.timeline time").first).to_have_attribute("datetime", re.compile(r"^2025-10-"))
    check_page(page, tmp_path, "module")

    page.get_by_role(
        "link", name="Prozesse erheben und modellieren: von der Erzählung zum BPMN-Modell"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prozesse erheben und modellieren")
    expect(page.locator(".lesson .highlight").first).to_be_visible()
    toc = page.get_by_role("navigation", name="Inhalt dieser Lektion")
    expect(toc.get_by_role("link", name="BPMN in Grundzügen")).to_be_visible()
    # Pygments colours come from our own stylesheet: some tokens are not in the text colour.
    colours = page.locator(".lesson .highlight span").evaluate_all(
        "spans => spans.map(s => getComputedStyle(s).color)"
    )
    assert set(colours) - {"rgb(29, 35, 48)"}
    check_page(page, tmp_path, "lesson")

    page.get_by_role("link", name=re.compile("Nächste Lektion")).click()
    expect(page).to_have_url(
        re.compile(r"/modules/digitale-prozesse/2025-26/03-medienbrueche-und-fachsoftware$")
    )
    expect(page.get_by_role("link", name=re.compile("Vorherige Lektion"))).to_be_visible()

    page.get_by_role("navigation", name="Sie sind hier").get_by_role("link", name=DP_TITLE).click()
    page.get_by_role("link", name="Was hat sich geändert?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Was hat sich geändert?")
    expect(page.get_by_role("heading", name="Geänderte Lektionen, Wort für Wort")).to_be_visible()
    expect(page.locator(".word-diff").locator("ins, del").first).to_be_visible()
    check_page(page, tmp_path, "diff")


def test_lecturer_sees_the_catalogue(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    login(page, live_server, "dozentin@campus.example")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Module").click()
    expect(page.locator(".module-card")).to_have_count(3)
    expect(page.get_by_role("link", name=DP_TITLE)).to_be_visible()
    check_page(page, tmp_path, "catalogue-lecturer")
    page.get_by_label("Semester").select_option("1")
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator(".module-card")).to_have_count(2)
