"""The editing pages of an edition in a real browser: no serious axe finding, fit a phone, work by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server_config() -> dict[str, object]:
    # Not a demo: a demo rolls the demo module over to today's academic year (its 2025-26 becomes the
    # read-only archive), and these pages are about the shipped 2025-26 edition.
    return {"DEMO_MODE": False}


LECTURER = "dozentin@campus.example"
MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
BASE = f"/modules/{MODULE}/{EDITION}"


def lessons_with_tables(server: LiveServer) -> list[str]:
    folder = Path(server.app.config["MODULES_DIR"]) / MODULE / EDITION
    return [p.stem for p in sorted(folder.glob("[0-9][0-9]-*.md")) if "\n|" in p.read_text("utf-8")]


@pytest.mark.parametrize("width", [1280, 360])
def test_editing_pages_are_accessible_and_fit_the_screen(
    page: Page, live_server: LiveServer, tmp_path: Path, width: int
) -> None:
    login(page, live_server, LECTURER)
    page.set_viewport_size({"width": width, "height": 900})
    tables = lessons_with_tables(live_server)
    assert len(tables) >= 2
    urls = [
        f"{BASE}/edit", f"{BASE}/settings", f"/modules/{MODULE}/rollover", f"{BASE}/edition-file",
        f"{BASE}/01-einfuehrung/versions", f"{BASE}/{tables[0]}/delete",
        *(f"{BASE}/{slug}/edit" for slug in tables),
    ]  # fmt: skip
    for url in urls:
        page.goto(live_server.url + url)
        assert serious_accessibility_violations(page) == [], url
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{url} is {scroll_width}px wide at {width}px"
        page.screenshot(
            path=str(tmp_path / f"{url.strip('/').replace('/', '_')}-{width}.png"), full_page=True
        )


def test_a_wide_table_in_the_preview_scrolls_by_keyboard(page: Page, live_server: LiveServer) -> None:
    login(page, live_server, LECTURER)
    page.set_viewport_size({"width": 360, "height": 800})
    slug = lessons_with_tables(live_server)[0]
    page.goto(f"{live_server.url}{BASE}/{slug}/edit")
    box = page.locator("#preview-output .table-scroll").first
    box.focus()
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")
    if box.evaluate("b => b.scrollWidth > b.clientWidth"):
        box.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")


def test_rows_of_the_settings_form_by_keyboard_alone(page: Page, live_server: LiveServer) -> None:
    login(page, live_server, LECTURER)
    page.goto(f"{live_server.url}{BASE}/settings")
    add = page.get_by_role("button", name="Literatur hinzufügen")
    add.focus()
    page.keyboard.press("Enter")
    # The new row's first field has the focus: type the reference and save with Enter.
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("name", "readings-7-citation")
    page.keyboard.type("Muster, M. (2026). Ein neues Buch. Verlag.")
    page.get_by_label("Link").last.focus()
    page.keyboard.type("https://example.org/buch")
    page.keyboard.press("Enter")
    flash = page.locator(".flashes")
    expect(flash).to_contain_text("Die Einstellungen wurden gespeichert.")
    expect(flash).to_be_focused()
    text = (Path(live_server.app.config["MODULES_DIR"]) / MODULE / EDITION / "edition.toml").read_text(
        "utf-8"
    )
    assert 'citation = "Muster, M. (2026). Ein neues Buch. Verlag."\nurl = "https://example.org/buch"' in text


@pytest.mark.parametrize("width", [1280, 360])
def test_every_shipped_lesson_and_its_editor_pass_axe(
    page: Page, live_server: LiveServer, width: int
) -> None:
    # Wide tables and code blocks scroll sideways; each such region must take the keyboard focus.
    login(page, live_server, "admin@campus.example")
    page.set_viewport_size({"width": width, "height": 900})
    root = Path(live_server.app.config["MODULES_DIR"])
    found = {}
    for path in sorted(root.glob("*/2025-26/[0-9][0-9]-*.md")):
        lesson = f"/modules/{path.parts[-3]}/2025-26/{path.stem}"
        for url in (lesson, f"{lesson}/edit"):
            page.goto(live_server.url + url)
            if violations := serious_accessibility_violations(page):
                found[url] = violations
    assert found == {}
