"""Oral defences in a real browser (issue 11, acceptance 2): an examiner publishes availability, a
student books and downloads the .ics, cancelling inside the notice period is refused and outside it
allowed, a waitlisted student is offered the freed place and accepts, and the lecturer plans the rest
and publishes. Time is controlled by the window itself: its first day is tomorrow (inside the 48 h
notice) and its second ten days later (outside)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from assignments.defences.models import Defence
from assignments.defences.service import availability
from assignments.defences.service.windows import window
from campus import create_app
from campus.accounts.models import Role, User
from campus.accounts.service import create_user, get_or_create_cohort
from campus.courses.models import Enrolment
from campus.extensions import db
from conftest import LiveServer, login, serious_accessibility_violations
from support import PASSWORD, campus_config

pytestmark = pytest.mark.browser
DEMO_TITLE = "Hausarbeit: Analyse und Neugestaltung eines Prozesses in der Sozialen Arbeit"

MODULE, EDITION = "pruefung", None
PEOPLE = {
    "lea.lehrend@campus.example": ("Lea Lehrend", Role.LECTURER),
    "erik.pruefer@campus.example": ("Erik Prüfer", Role.EXAMINER),
    "eva.pruefer@campus.example": ("Eva Prüfer", Role.EXAMINER),
    "anna@campus.example": ("Anna Früh", Role.STUDENT),
    "ben@campus.example": ("Ben Später", Role.STUDENT),
    "cem@campus.example": ("Cem Wartend", Role.STUDENT),
    "dora@campus.example": ("Dora Rest", Role.STUDENT),
}


@pytest.fixture
def defence_server(tmp_path: Path) -> Iterator[tuple[LiveServer, object]]:
    from defences.conftest import write_window_module  # the feature tests' module writer

    tomorrow = date.today() + timedelta(days=1)
    later = tomorrow + timedelta(days=10)
    edition = write_window_module(tmp_path / "modules", tomorrow, f"days = [{tomorrow}, {later}]\n")
    config = campus_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'live.db'}",
                           MODULES_DIR=tmp_path / "modules", MODULES_RELOAD_INTERVAL=0)  # fmt: skip
    app = create_app(config)
    with app.app_context():
        db.create_all()
        cohort = get_or_create_cohort("Kohorte")
        for email, (name, role) in PEOPLE.items():
            create_user(
                email, name, (role,), password=PASSWORD, cohort=cohort if role == Role.STUDENT else None
            )
        db.session.add(Enrolment(cohort=cohort, module_id=MODULE, edition_id=edition))
        db.session.commit()
    with LiveServer(app) as server:
        yield server, (app, edition, tomorrow, later)
    with app.app_context():
        db.engine.dispose()


def as_person(page: Page, server: LiveServer, email: str) -> None:
    page.context.clear_cookies()
    login(page, server, email, PASSWORD)


def test_book_cancel_waitlist_and_plan(page: Page, defence_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server, (app, edition, tomorrow, later) = defence_server
    base = f"{server.url}/defences/{MODULE}/{edition}/hausarbeit"

    # An examiner publishes availability: one place tomorrow and one ten days later.
    as_person(page, server, "erik.pruefer@campus.example")
    page.goto(f"{base}/availability")
    assert serious_accessibility_violations(page) == []
    for day in (tomorrow, later):
        page.get_by_label("Tag", exact=True).select_option(day.isoformat())
        page.locator("#one-start").fill("09:00")
        page.locator("#one-end").fill("09:30")
        page.get_by_role("button", name="Zeitraum hinzufügen").click()
        expect(page.get_by_text("Der Zeitraum ist gespeichert.")).to_be_visible()
    with app.app_context():  # the second panel member, the same times
        win = window(MODULE, edition, "hausarbeit")
        eva = db.session.scalar(db.select(User).filter_by(email="eva.pruefer@campus.example"))
        for day in (tomorrow, later):
            availability.add_range(win, eva, day, time(9, 0), time(9, 30))
        db.session.commit()

    # Anna books tomorrow and downloads the .ics; cancelling inside the notice is refused.
    as_person(page, server, "anna@campus.example")
    page.goto(f"{base}/")
    assert serious_accessibility_violations(page) == []
    page.locator("label").filter(has_text="09:00 – 09:30").first.click()
    page.get_by_role("button", name="Diesen Termin buchen").click()
    expect(page.get_by_text("Ihre Verteidigung ist gebucht.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="In den Kalender (.ics)").click()
    path = tmp_path / "defence.ics"
    download.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["METHOD"] == "REQUEST" and calendar.walk("VTIMEZONE")
    assert calendar.walk("VEVENT")[0].decoded("DTSTART").date() == tomorrow
    page.get_by_role("button", name="Verteidigung absagen").click()
    expect(page.get_by_role("alert")).to_contain_text("beginnt in weniger als 48 Stunden")

    # Ben takes the last place; Cem finds none and joins the waitlist.
    as_person(page, server, "ben@campus.example")
    page.goto(f"{base}/")
    page.locator("label").filter(has_text="09:00 – 09:30").first.click()
    page.get_by_role("button", name="Diesen Termin buchen").click()
    expect(page.get_by_text("Ihre Verteidigung ist gebucht.")).to_be_visible()
    as_person(page, server, "cem@campus.example")
    page.goto(f"{base}/")
    expect(page.get_by_text("Zurzeit sind alle Termine vergeben.")).to_be_visible()
    page.get_by_role("button", name="Auf die Warteliste").click()
    expect(page.get_by_text("Sie sind Nummer 1 auf der Warteliste.")).to_be_visible()

    # Ben cancels ten days ahead (outside the notice): allowed, and the place is offered to Cem.
    as_person(page, server, "ben@campus.example")
    page.goto(f"{base}/")
    page.get_by_role("button", name="Verteidigung absagen").click()
    expect(page.get_by_text("Ihre Verteidigung ist abgesagt.")).to_be_visible()
    as_person(page, server, "cem@campus.example")
    page.goto(f"{base}/")
    expect(page.get_by_role("heading", name="Für Sie ist ein Platz frei geworden")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Annehmen").click()
    expect(page.get_by_text("Ihre Verteidigung ist gebucht.")).to_be_visible()

    # The lecturer plans the rest (Ben and Dora) after more availability, and publishes.
    with app.app_context():
        win = window(MODULE, edition, "hausarbeit")
        for email in ("erik.pruefer@campus.example", "eva.pruefer@campus.example"):
            person = db.session.scalar(db.select(User).filter_by(email=email))
            availability.add_range(win, person, later, time(13, 0), time(15, 0))
        db.session.commit()
    as_person(page, server, "lea.lehrend@campus.example")
    page.goto(f"{base}/plan")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Alle Studierenden ohne Verteidigung einplanen").click()
    expect(page.get_by_text("Die Planung hat einen Vorschlag gemacht.")).to_be_visible()
    expect(page.get_by_text("2 Verteidigungen vorgeschlagen.")).to_be_visible()
    page.get_by_role("button", name="Veröffentlichen: diese Verteidigungen buchen").click()
    expect(page.get_by_text("Der Plan ist veröffentlicht: 2 Verteidigungen gebucht.")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    with app.app_context():
        booked = db.session.scalars(db.select(Defence).filter_by(status="booked")).all()
        assert sorted(d.student.name for d in booked) == [
            "Anna Früh",
            "Ben Später",
            "Cem Wartend",
            "Dora Rest",
        ]


def clean_and_fits(page: Page, width: int) -> None:
    """No serious axe finding, and the page is no wider than the screen (tables scroll inside)."""
    assert serious_accessibility_violations(page) == [], page.url
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"


@pytest.mark.parametrize("width", [1280, 360])
def test_the_demo_pages_of_each_role_pass_axe(page: Page, live_server: LiveServer, width: int) -> None:
    """Right after the demo seed: the student can book, the examiner has an agenda, the lecturer a grid
    and the planner; every page passes axe and fits the screen."""
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "studentin@campus.example")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Verteidigungen").click()
    page.get_by_role("link", name=DEMO_TITLE, exact=True).click()
    expect(page.get_by_role("heading", name="Freie Termine")).to_be_visible()
    clean_and_fits(page, width)
    window_url = page.url
    page.context.clear_cookies()
    login(page, live_server, "pruefer@campus.example")
    page.goto(f"{live_server.url}/defences/agenda")
    expect(page.get_by_text("Yusuf Demir")).to_be_visible()
    clean_and_fits(page, width)
    page.get_by_role("link", name=re.compile(r"09:00 – 09:20")).first.click()
    expect(page.get_by_text("Wie sind Sie bei der Prozessmodellierung vorgegangen?")).to_be_visible()
    clean_and_fits(page, width)
    page.get_by_role("link", name="Protokoll").click()
    page.get_by_role("button", name="Protokoll beginnen").click()
    expect(
        page.get_by_label("Gestellt: Wie sind Sie bei der Prozessmodellierung vorgegangen?")
    ).to_be_visible()
    clean_and_fits(page, width)
    for path in ("/defences/", "/defences/calendar", "/", window_url + "availability"):
        page.goto(path if path.startswith("http") else live_server.url + path)
        clean_and_fits(page, width)
    page.context.clear_cookies()
    login(page, live_server, "dozentin@campus.example")
    clean_and_fits(page, width)  # the dashboard with the lecturer's panel
    page.goto(f"{live_server.url}/defences/")
    page.get_by_role("link", name=DEMO_TITLE, exact=True).first.click()  # the newest window comes first
    expect(page.get_by_role("heading", name="Wer ist wann wo")).to_be_visible()
    clean_and_fits(page, width)
    page.goto(window_url + "plan")
    page.get_by_role("button", name="Alle Studierenden ohne Verteidigung einplanen").click()
    expect(page.get_by_text("Die Planung hat einen Vorschlag gemacht.")).to_be_visible()
    clean_and_fits(page, width)  # the proposal's table scrolls inside its region
