"""Browser acceptance of the review: a final paper analysed, the report read beside the declaration,
"discuss at the oral defence" recorded, the passages in the defence record and the protocol form."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from assignments.defences.models import Defence
from assignments.defences.service import availability, booking, units
from assignments.defences.service.times import ZONE, minute
from assignments.defences.service.windows import window
from assignments.review.demo_texts import CHATBOT
from assignments.review.models import Report
from campus import create_app
from campus.accounts.models import Role, User
from campus.accounts.service import create_user, get_or_create_cohort
from campus.audit import AuditEvent
from campus.courses.models import Enrolment
from campus.demo import DEMO_PASSWORD
from campus.extensions import db
from conftest import LiveServer, login, serious_accessibility_violations
from support import PASSWORD, campus_config

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "review"))
from review_setup import PAGE, write_module

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def server(tmp_path: Path, frozen_clock) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """A live server with the review test module, a student, the lecturer and an examiner."""
    frozen_clock.set(datetime(2026, 12, 1, 10, 0))
    modules = tmp_path / "modules"
    write_module(modules)
    app: Flask = create_app(campus_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'live.db'}",
                                          MODULES_DIR=modules, MODULES_RELOAD_INTERVAL=0))  # fmt: skip
    with app.app_context():
        db.create_all()
        cohort = get_or_create_cohort("Kohorte 2026")
        create_user("lena@test.example", "Lena Schmidt", (Role.STUDENT,), password=PASSWORD, cohort=cohort)
        create_user("dozentin@test.example", "Miriam Albers", (Role.LECTURER,), password=PASSWORD)
        create_user("pruefer@test.example", "Jonas Keller", (Role.EXAMINER,), password=PASSWORD)
        db.session.flush()
        db.session.add(Enrolment(cohort_id=cohort.id, module_id="testmodul", edition_id="2026-27"))
        db.session.commit()
    with LiveServer(app) as live:
        yield live
    with app.app_context():
        db.engine.dispose()


def hand_in(page: Page, server: LiveServer, file: Path) -> None:
    """As Lena: upload the paper, declaring DeepL Write for language editing, and hand it in finally."""
    login(page, server, "lena@test.example", PASSWORD)
    page.goto(server.url + PAGE)
    page.get_by_label("Ich bestätige die obige Eigenständigkeitserklärung.").check()
    page.get_by_label("Werkzeug", exact=True).first.fill("DeepL Write")
    page.locator("fieldset.tool-row").first.get_by_label("Sprachliche Überarbeitung").check()
    page.locator("#tools-0-where").fill("Kapitel 2")
    page.get_by_label("Ihre Arbeit").set_input_files(str(file))
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("heading", name="Quittung")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Zurück zur Aufgabe").click()
    page.get_by_label("Mir ist bewusst").check()
    page.get_by_role("button", name="Endgültig abgeben").click()
    expect(page.get_by_text("Ihre Arbeit wurde endgültig abgegeben.")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()


def book_for(app: Flask, email: str) -> int:
    """Both examiners offer the window's first morning; the student books 09:00 (the defences' service)."""
    with app.app_context():
        win = window("testmodul", "2026-27", "hausarbeit")
        assert win is not None
        for examiner in db.session.query(User).filter(
            User.email.in_(["pruefer@test.example", "dozentin@test.example"])
        ):
            availability.add_range(win, examiner, win.spec.days[0], time(9), time(12))
        db.session.commit()
        student = db.session.query(User).filter_by(email=email).one()
        start = minute(datetime.combine(win.spec.days[0], time(9)).replace(tzinfo=ZONE))
        defence: Defence = units.run(lambda: booking.book(win, student, start), booking.taken)
        return defence.id


def test_from_final_paper_to_the_protocol_form(page: Page, server: LiveServer, tmp_path: Path) -> None:
    paper = tmp_path / "Hausarbeit.txt"
    paper.write_text(CHATBOT, "utf-8")
    hand_in(page, server, paper)

    login(page, server, "dozentin@test.example", PASSWORD)
    page.goto(server.url + "/submissions/marking/testmodul/2026-27/hausarbeit/")
    page.get_by_role("link", name="Nachgespräch empfohlen").click()
    expect(page.get_by_role("heading", name="KI-Text-Hinweis: Lena Schmidt")).to_be_visible()
    expect(page.locator(".band")).to_contain_text("Nachgespräch empfohlen")
    expect(
        page.get_by_role("region", name="Erklärung zur KI-Nutzung").or_(page.locator(".review-declaration"))
    ).to_contain_text("DeepL Write")
    expect(
        page.get_by_role("link", name="Wie das Modell arbeitet und wie oft es irrt (Modellkarte)")
    ).to_be_visible()
    # The passages: a keyboard-reachable list leading to the framed, numbered passage in the text.
    first = page.get_by_role("link", name="Abschnitt 1", exact=True)
    first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#passage-1")).to_contain_text("[Abschnitt 1]")
    assert page.url.endswith("#passage-1")
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "review-report.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 800})
    assert serious_accessibility_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "review-report-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("In der mündlichen Verteidigung besprechen").check()
    page.get_by_label("Begründung").fill("Der Stil weicht deutlich von den Entwürfen ab.")
    page.locator("#q-0-text").fill("Wie sind Sie zu den drei Chancen in Abschnitt 1 gekommen?")
    page.get_by_label(
        "Die Studierende bzw. den Studierenden zur Buchung einer mündlichen Verteidigung einladen"
    ).check()
    page.get_by_role("button", name="Entscheidung speichern").click()
    expect(page.get_by_text("Die Entscheidung ist gespeichert.")).to_be_visible()
    expect(page.locator("#decision").locator("..")).to_contain_text("Der Stil weicht deutlich")
    page.get_by_role("button", name="Abmelden").click()

    login(page, server, "lena@test.example", PASSWORD)
    page.get_by_role("link", name="Hausarbeit: Abschnitte für das Gespräch").click()
    expect(page.get_by_text("Wie sind Sie zu den drei Chancen in Abschnitt 1 gekommen?")).to_be_visible()
    assert "Nachgespräch" not in page.content() and "Wahrscheinlichkeit" not in page.content()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Abmelden").click()

    defence_id = book_for(server.app, "lena@test.example")
    login(page, server, "pruefer@test.example", PASSWORD)
    page.goto(f"{server.url}/defences/defence/{defence_id}")
    expect(page.get_by_text("Wie sind Sie zu den drei Chancen in Abschnitt 1 gekommen?")).to_be_visible()
    page.goto(f"{server.url}/defences/defence/{defence_id}/protocol")
    page.get_by_role("button", name="Protokoll beginnen").click()
    expect(
        page.get_by_label("Gestellt: Wie sind Sie zu den drei Chancen in Abschnitt 1 gekommen?")
    ).to_be_visible()

    with server.app.app_context():
        actions = {e.action for e in db.session.query(AuditEvent)}
    assert {"review.view_report", "review.decide", "defence.questions_attach"} <= actions


@pytest.mark.parametrize("width", [1280, 360])
def test_the_review_pages_of_the_demo_pass_axe(page: Page, live_server: LiveServer, width: int) -> None:
    """The demo lecturer's and the administrator's review pages, on a desktop and a phone."""
    with live_server.app.app_context():
        reports = {
            r.submission.user.email: (r.submission_id, r.submission.key) for r in db.session.query(Report)
        }
    signal_id, (module_id, edition_id, assignment_id) = reports["aylin.kaya@campus.example"]
    abstain_id, _key = reports["sofia.rossi@campus.example"]
    page.set_viewport_size({"width": width, "height": 900})
    login(page, live_server, "dozentin@campus.example", DEMO_PASSWORD)
    for path in (f"/submissions/marking/{module_id}/{edition_id}/{assignment_id}/", f"/review/reports/{signal_id}",
                 f"/review/reports/{abstain_id}", f"/review/assignments/{module_id}/{edition_id}/{assignment_id}/",
                 "/review/model-card", "/review/privacy"):  # fmt: skip
        page.goto(live_server.url + path)
        assert serious_accessibility_violations(page) == [], path
    page.screenshot(path=str(SCREENSHOTS / f"review-privacy-{width}.png"), full_page=True)
    page.goto(f"{live_server.url}/review/assignments/{module_id}/{edition_id}/{assignment_id}/")
    expect(page.locator("svg.chart")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / f"review-overview-{width}.png"), full_page=True)
    page.get_by_role("button", name="Abmelden").click()
    login(page, live_server, "admin@campus.example", DEMO_PASSWORD)
    for path in ("/review/admin/", "/review/admin/calibration"):
        page.goto(live_server.url + path)
        assert serious_accessibility_violations(page) == [], path
    page.screenshot(path=str(SCREENSHOTS / f"review-admin-calibration-{width}.png"), full_page=True)
