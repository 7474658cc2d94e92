"""Administration in a real browser: editing keeps what was not touched, deactivation asks first, the
audit log reads as words, and a deactivated person learns whom to ask."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser


def open_account(page: Page, server: LiveServer, name: str) -> None:
    page.goto(f"{server.url}/admin/users")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_fixing_a_name_keeps_the_cohort_and_the_log_shows_the_change(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, "admin@campus.example")
    open_account(page, live_server, "Lena Schmidt")
    assert page.get_by_label("Kohorte").locator("option:checked").inner_text() == "MA DiSA 2025"
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Name", exact=True).fill("Lena Schmitt")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Konto wurde gespeichert.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Lena Schmitt")
    expect(row).to_contain_text("MA DiSA 2025")
    page.goto(f"{live_server.url}/admin/audit")
    entry = page.get_by_role("row").filter(has_text="Konto geändert").first
    expect(entry).to_contain_text("Campus-Administration")
    expect(entry).to_contain_text("Lena Schmidt → Lena Schmitt")
    expect(entry.get_by_role("link", name="Lena Schmitt")).to_be_visible()
    assert serious_accessibility_violations(page) == []


def test_deactivation_asks_first_and_the_person_learns_whom_to_ask(
    page: Page, live_server: LiveServer
) -> None:
    login(page, live_server, "admin@campus.example")
    open_account(page, live_server, "Yusuf Demir")
    page.get_by_role("link", name="Konto deaktivieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yusuf Demir deaktivieren?")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Abbrechen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yusuf Demir")
    expect(page.get_by_text("Dieses Konto ist deaktiviert")).to_have_count(0)
    page.get_by_role("link", name="Konto deaktivieren").click()
    page.get_by_role("button", name="Ja, deaktivieren").click()
    expect(page.get_by_text("Yusuf Demir kann sich nicht mehr anmelden.")).to_be_visible()
    expect(page.get_by_role("button", name="Konto wieder aktivieren")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()
    login(page, live_server, "student@campus.example")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ihr Konto wurde deaktiviert")
    expect(alert).to_contain_text("Campus-Administration (admin@campus.example)")
    assert serious_accessibility_violations(page) == []


def test_admin_pages_fit_a_phone(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    login(page, live_server, "admin@campus.example")
    for path in ["/admin/users", "/admin/audit"]:
        page.goto(f"{live_server.url}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
        assert serious_accessibility_violations(page) == []
