"""The UI shell in a real browser: sign-in per role, language, keyboard use, accessibility, privacy."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from campus.accounts.models import Role
from campus.demo import DEMO_ACCOUNTS
from conftest import LiveServer, login, serious_accessibility_violations

pytestmark = pytest.mark.browser

HEADINGS = {
    Role.STUDENT: "Mein Studium",
    Role.LECTURER: "Meine Lehre",
    Role.EXAMINER: "Meine Prüfungen",
    Role.ADMIN: "Verwaltung",
}


@pytest.mark.parametrize(
    "account", DEMO_ACCOUNTS, ids=lambda a: a.roles[0].value + "-" + a.email.split("@")[0]
)
def test_each_role_signs_in_and_out(page: Page, live_server: LiveServer, account) -> None:
    login(page, live_server, account.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Willkommen, {account.name}")
    for role in account.roles:
        expect(page.get_by_role("heading", name=HEADINGS[role])).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bei Campus anmelden")
    expect(page.get_by_text("Sie wurden abgemeldet.")).to_be_visible()


def test_wrong_password_shows_one_generic_message(page: Page, live_server: LiveServer) -> None:
    login(page, live_server, "studentin@campus.example", "falsch-falsch")
    expect(page.get_by_role("alert")).to_have_text("E-Mail-Adresse oder Passwort ist falsch.")


def test_language_switch_for_visitor_and_user(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login")
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Campus")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("E-mail address").fill("studentin@campus.example")
    page.get_by_label("Password").fill("campus-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My studies")).to_be_visible()
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("heading", name="Mein Studium")).to_be_visible()


def test_login_form_by_keyboard_alone(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Zum Inhalt springen")).to_be_focused()
    page.keyboard.press("Enter")  # skip link: the next Tab lands in the main content
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate("document.activeElement.name || document.activeElement.textContent.trim()")
        )
    assert order == ["email", "password", "Anmelden"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("pruefer@campus.example")
    page.keyboard.press("Tab")
    page.keyboard.type("campus-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Meine Prüfungen")).to_be_visible()


def test_focus_is_visible(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login")
    page.get_by_label("E-Mail-Adresse").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    page.keyboard.press("Tab")
    outline_after_tab = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert "solid" in {outline, outline_after_tab}


ADMIN_PAGES = [
    "/",
    "/admin/users",
    "/admin/users/new",
    "/admin/users/1",
    "/admin/cohorts",
    "/admin/cohorts/1",
    "/admin/import",
    "/admin/audit",
    "/account/password",
    "/does-not-exist",
]


def test_every_page_passes_the_accessibility_check(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/login")
    assert serious_accessibility_violations(page) == [], "/login"
    login(page, live_server, "admin@campus.example")
    problems = {}
    for path in ADMIN_PAGES:
        page.goto(live_server.url + path)
        found = serious_accessibility_violations(page)
        if found:
            problems[path] = found
    assert problems == {}


def test_pages_fit_a_phone_screen(page: Page, live_server: LiveServer) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, live_server, "admin@campus.example")
    for path in ["/", "/admin/users", "/admin/audit"]:
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"


def test_no_request_leaves_the_server(
    page: Page, live_server: LiveServer, requested_hosts: list[str]
) -> None:
    login(page, live_server, "dozentin@campus.example")
    page.goto(f"{live_server.url}/account/password")
    assert requested_hosts, "the recorder saw no request at all"
    assert set(requested_hosts) == {live_server.url.removeprefix("http://")}
