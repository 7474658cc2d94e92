"""In a real browser: "Passwort vergessen?" through the mailed link, and an invitation setting a password."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from campus.demo import DEMO_PASSWORD
from conftest import LiveServer, login, serious_accessibility_violations
from services import FrozenClock, Outbox

pytestmark = pytest.mark.browser
STUDENT = "studentin@campus.example"


def outbox_of(server: LiveServer) -> Outbox:
    return Outbox(server.app.config["MAIL_OUTBOX"])


def choose_password(page: Page, password: str) -> None:
    page.get_by_label("Neues Passwort", exact=True).fill(password)
    page.get_by_label("Neues Passwort wiederholen").fill(password)
    page.get_by_role("button", name="Passwort speichern").click()


def request_link(page: Page, server: LiveServer, email: str) -> str:
    page.goto(f"{server.url}/login")
    page.get_by_role("link", name="Passwort vergessen?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort vergessen?")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_role("button", name="Link senden").click()
    expect(page.get_by_text(f"Falls es ein Konto für {email} gibt")).to_be_visible()
    message = outbox_of(server).to(email)[-1]
    assert message["Subject"] == "Campus-Passwort zurücksetzen"
    (link,) = outbox_of(server).links(message)
    assert link.startswith(f"{server.url}/password/reset/")
    return link


def test_forgotten_password_through_the_mailed_link(
    page: Page, browser: Browser, live_server: LiveServer, frozen_clock: FrozenClock
) -> None:
    link = request_link(page, live_server, STUDENT)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Neues Passwort wählen")
    assert serious_accessibility_violations(page) == []
    choose_password(page, "mein neues Passwort 2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Willkommen, Lena Schmidt")
    expect(page.get_by_text("Ihr Passwort wurde gespeichert.")).to_be_visible()

    other = browser.new_context(locale="de-DE").new_page()
    other.goto(link)  # the same link a second time
    expect(other.get_by_role("heading", level=1)).to_have_text("Dieser Link funktioniert nicht mehr")
    assert serious_accessibility_violations(other) == []
    login(other, live_server, STUDENT, DEMO_PASSWORD)
    expect(other.get_by_role("alert")).to_have_text("E-Mail-Adresse oder Passwort ist falsch.")
    login(other, live_server, STUDENT, "mein neues Passwort 2026")
    expect(other.get_by_role("heading", level=1)).to_have_text("Willkommen, Lena Schmidt")

    late = browser.new_context(locale="de-DE").new_page()
    second_link = request_link(late, live_server, "student@campus.example")
    frozen_clock.advance(minutes=61)
    late.goto(second_link)
    expect(late.get_by_role("heading", level=1)).to_have_text("Dieser Link funktioniert nicht mehr")
    late.get_by_role("link", name="Neuen Link anfordern").click()
    expect(late.get_by_role("heading", level=1)).to_have_text("Passwort vergessen?")


def test_an_invitation_mail_sets_the_password_of_a_new_account(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    login(page, live_server, "admin@campus.example")
    page.goto(f"{live_server.url}/admin/users/new")
    page.get_by_label("Name").fill("Mia Wagner")
    page.get_by_label("E-Mail-Adresse").fill("mia@campus.example")
    page.get_by_label("Lehrende*r").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Einmalpasswort für Mia Wagner")
    page.goto(f"{live_server.url}/admin/invitations")
    expect(page.get_by_role("cell", name="Mia Wagner", exact=True)).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.goto(f"{live_server.url}/admin/jobs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hintergrundaufträge")
    assert serious_accessibility_violations(page) == []

    (invitation,) = outbox_of(live_server).to("mia@campus.example")
    assert invitation["Subject"] == "Ihr Campus-Konto ist eingerichtet"
    (link,) = outbox_of(live_server).links(invitation)
    newcomer = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 740}).new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Willkommen bei Campus, Mia Wagner")
    assert newcomer.evaluate("document.documentElement.scrollWidth") <= 360  # fits a phone
    assert serious_accessibility_violations(newcomer) == []
    choose_password(newcomer, "Mias eigenes Passwort")
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Willkommen, Mia Wagner")
    page.goto(f"{live_server.url}/admin/invitations")
    expect(page.get_by_text("Alle Einladungen wurden genutzt.")).to_be_visible()
