"""Enrolment per edition: what it decides (My modules until the term ends, deadlines, sessions, the API
submissions and defences call), the enrolments page, the dashboard panels and the demo seed."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.audit import AuditEvent
from campus.courses import deadlines, enrolments
from campus.courses.access import access_for
from campus.courses.content.rollover import publish_edition, rollover
from campus.courses.current import catalogue
from campus.courses.models import Enrolment
from campus.extensions import db
from services import FrozenClock
from support import Auth, post_form

AE = "aktuelle-entwicklungen"
URL = f"/modules/{AE}/enrolments"


@pytest.fixture
def lecturer(app: Flask, make_user) -> User:
    """The responsible lecturer of every shipped module."""
    return make_user(Role.LECTURER, email="dozentin@campus.example")


@pytest.fixture
def root_of_modules(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"])


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.fixture
def term_running(frozen_clock: FrozenClock) -> FrozenClock:
    """Thursday 26 February 2026: the 2025-26 term runs, its due dates are ahead."""
    frozen_clock.set(datetime(2026, 2, 26, 12, 0, tzinfo=UTC))
    return frozen_clock


def my_modules_panel(page: str) -> str:
    """The running editions of the student's "My modules" panel (the ended ones follow in <details>)."""
    start = page.index("<h3>Meine Module</h3>")
    panel = page[start : page.index("<h3>", start + 5)]
    return panel.split("<details", 1)[0]


def test_a_lecturer_enrols_a_cohort_and_its_students_have_the_edition_in_my_modules(
    app: Flask, client: FlaskClient, make_user, make_cohort, lecturer, term_running
) -> None:
    enrolled, other = make_cohort("MA DiSA 2025"), make_cohort("MA DiSA 2024")
    lena = make_user(Role.STUDENT, cohort=enrolled)
    yusuf = make_user(Role.STUDENT, cohort=other)
    Auth(client).login_as(lecturer)
    response = post_form(client, URL, {"cohort": enrolled.id, "edition": "2025-26"})
    assert response.status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert "MA DiSA 2025 ist jetzt in 2025-26 eingeschrieben." in page
    assert "Die Einschreibung gilt je Ausgabe" in page  # the rule, as the page states it
    row = db.session.scalars(select(Enrolment)).one()
    assert (row.cohort_id, row.module_id, row.edition_id, row.created_by_id) == (
        enrolled.id,
        AE,
        "2025-26",
        lecturer.id,
    )
    [event] = events("enrolment.create")
    assert event.actor_id == lecturer.id and event.object_id == str(row.id)
    assert event.details == {"module": AE, "edition": "2025-26", "cohort": "MA DiSA 2025"}

    lena_client, yusuf_client = app.test_client(), app.test_client()
    Auth(lena_client).login_as(lena)
    Auth(yusuf_client).login_as(yusuf)
    assert "Aktuelle Entwicklungen und Diskurse" in my_modules_panel(
        lena_client.get("/").get_data(as_text=True)
    )
    # Not enrolled: the module is readable (published content is for every member), but not theirs.
    assert "Aktuelle Entwicklungen und Diskurse" not in my_modules_panel(
        yusuf_client.get("/").get_data(as_text=True)
    )
    assert yusuf_client.get(f"/modules/{AE}/").status_code == 200
    assert yusuf_client.get(f"/modules/{AE}/2025-26/01-einfuehrung").status_code == 200


def test_an_enrolled_edition_stays_in_my_modules_until_its_term_ends(
    app: Flask, client: FlaskClient, make_user, make_cohort, term_running: FrozenClock
) -> None:
    cohort = make_cohort()
    module = catalogue(app).get(AE)
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    root = module.path.parent
    rollover(root, AE, "2026-27")
    publish_edition(root, AE, "2026-27")  # the next year's edition is now current
    student = Auth(client).login_as(make_user(Role.STUDENT, cohort=cohort))
    page = client.get("/").get_data(as_text=True)
    panel = my_modules_panel(page)
    assert f'href="/modules/{AE}/2025-26/"' in panel and "Wintersemester 2025/26" in panel
    assert "Wintersemester 2026/27" not in panel
    assert "Hausarbeit" in page[page.index("Meine Fristen") :]  # the deadlines of the enrolled edition
    # After the term (31 March 2026) it moves to the ended modules.
    term_running.set(datetime(2026, 4, 1, 10, tzinfo=UTC))
    Auth(client).login_as(student)  # a month later the session has long ended
    page = client.get("/").get_data(as_text=True)
    assert f'href="/modules/{AE}/2025-26/"' not in my_modules_panel(page)
    assert "1 Modul, dessen Semester vorbei ist" in page


def test_enrolling_twice_is_refused(client: FlaskClient, make_cohort, lecturer) -> None:
    cohort = make_cohort()
    Auth(client).login_as(lecturer)
    post_form(client, URL, {"cohort": cohort.id, "edition": "2025-26"})
    page = post_form(client, URL, {"cohort": cohort.id, "edition": "2025-26"}).get_data(as_text=True)
    assert "MA DiSA 2025 ist bereits in 2025-26 eingeschrieben." in page
    assert db.session.query(Enrolment).count() == 1


def test_removing_an_enrolment_removes_the_edition_from_my_modules(
    app: Flask, client: FlaskClient, make_user, make_cohort, lecturer, term_running
) -> None:
    cohort = make_cohort()
    student = make_user(Role.STUDENT, cohort=cohort)
    module = catalogue(app).get(AE)
    assert module is not None
    row = enrolments.enrol(module, "2025-26", cohort, lecturer)
    db.session.commit()  # the caller commits
    Auth(client).login_as(lecturer)
    response = post_form(client, f"{URL}/{row.id}/delete", {}, form_url=URL)
    assert response.status_code == 302 and db.session.query(Enrolment).count() == 0
    [event] = events("enrolment.delete")
    assert event.object_type == "enrolment" and event.details["cohort"] == "MA DiSA 2025"
    other = app.test_client()
    Auth(other).login_as(student)
    assert f'href="/modules/{AE}/2025-26/"' not in my_modules_panel(other.get("/").get_data(as_text=True))
    assert not enrolments.is_enrolled(student, AE, "2025-26")


def test_enrolment_changes_need_csrf_and_the_right_module(
    app: Flask, client: FlaskClient, make_cohort, lecturer
) -> None:
    cohort = make_cohort()
    module = catalogue(app).get(AE)
    assert module is not None
    row = enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    Auth(client).login_as(lecturer)
    assert client.post(URL, data={"cohort": cohort.id, "edition": "2024-25"}).status_code == 400
    assert client.post(f"{URL}/{row.id}/delete").status_code == 400
    other_module = "/modules/onlineberatung/enrolments"
    assert post_form(client, f"{other_module}/{row.id}/delete", {}, form_url=URL).status_code == 404
    assert db.session.query(Enrolment).count() == 1


def test_only_admins_and_responsible_lecturers_manage_enrolments(
    app: Flask, client: FlaskClient, make_user, make_cohort
) -> None:
    auth = Auth(client)
    auth.login_as(make_user(Role.LECTURER))  # lecturer of no shipped module
    assert client.get(URL).status_code == 404  # as if there were no such page
    auth.logout()
    cohort = make_cohort()
    module = catalogue(app).get(AE)
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    auth.login_as(make_user(Role.STUDENT, cohort=cohort))
    assert client.get(URL).status_code == 404
    assert "Einschreibungen verwalten" not in client.get(f"/modules/{AE}/").get_data(as_text=True)
    auth.logout()
    auth.login_as(make_user(Role.ADMIN))
    assert "Einschreibungen verwalten" in client.get(f"/modules/{AE}/").get_data(as_text=True)
    assert post_form(client, URL, {"cohort": cohort.id, "edition": "2024-25"}).status_code == 302
    assert db.session.query(Enrolment).count() == 2


def test_a_listed_address_without_the_lecturer_role_gives_no_rights(
    app: Flask, client: FlaskClient, make_user, make_cohort
) -> None:
    # The shipped modules list dozentin@campus.example; here that address belongs to a student.
    student = make_user(Role.STUDENT, email="dozentin@campus.example", cohort=make_cohort())
    module = catalogue(app).get(AE)
    assert module is not None and module.is_lecturer(student.email)
    assert not access_for(student).is_responsible(module)
    Auth(client).login_as(student)
    for url in (URL, f"/modules/{AE}/2025-26/edit", f"/modules/{AE}/2025-26/01-einfuehrung/edit"):
        assert client.get(url).status_code == 404, url
    assert "Ausgabe bearbeiten" not in client.get(f"/modules/{AE}/").get_data(as_text=True)


def test_unknown_edition_is_refused_by_the_service(app: Flask, make_cohort) -> None:
    module = catalogue(app).get(AE)
    assert module is not None
    with pytest.raises(enrolments.EnrolmentError):
        enrolments.enrol(module, "2019-20", make_cohort(), None)


def test_demo_seed_enrols_the_demo_cohort_in_every_current_edition(
    app: Flask, runner: FlaskCliRunner
) -> None:
    for _ in range(2):  # idempotent
        assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    rows = db.session.scalars(select(Enrolment)).all()
    enrolled = {(r.module_id, r.edition_id) for r in rows}
    modules = catalogue(app).modules.values()
    assert {(module.id, module.current_edition) for module in modules} <= enrolled
    # Besides, the submissions demo enrols the cohort in the edition before the one its open assignment
    # is in (for last year's marked papers); nothing else.
    earlier = {(m.id, e) for m in modules for e in m.editions if e < m.current_edition}
    assert len(enrolled - {(m.id, m.current_edition) for m in modules}) <= 1 and enrolled <= earlier | {
        (m.id, m.current_edition) for m in modules
    }
    assert {r.cohort.name for r in rows} == {"MA DiSA 2025"}


def test_student_dashboard_lists_modules_next_sessions_and_upcoming_deadlines(
    app: Flask, client: FlaskClient, make_user, make_cohort, frozen_clock: FrozenClock
) -> None:
    cohort = make_cohort()
    module = catalogue(app).get("digitale-prozesse")
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    student = make_user(Role.STUDENT, cohort=cohort)

    def dashboard_at(moment: datetime) -> str:
        frozen_clock.set(moment)
        Auth(client).login_as(student)  # signed in anew: months apart, the last session has ended
        return client.get("/").get_data(as_text=True)

    # Wednesday 26 November 2025, 14:30 in Berlin: the session of 14:00-15:30 is running.
    page = dashboard_at(datetime(2025, 11, 26, 13, 30, tzinfo=UTC))
    assert 'href="/modules/digitale-prozesse/2025-26/"' in my_modules_panel(page)
    sessions = page[page.index("<h3>Meine nächsten Termine</h3>") : page.index("Meine Fristen")]
    assert sessions.count("<li>") == 4  # 26 Nov, 3, 10 and 17 Dec
    running = '<time datetime="2025-11-26T14:00:00+01:00">Mi., 26. Nov. 2025, 14:00</time>–'
    assert (
        running in sessions and "15:30</time>" in sessions and "Raum:</span> Medienlabor C 0.12" in sessions
    )
    assert sessions.index(running) < sessions.index("Projektpräsentationen und Ausblick auf die Hausarbeit")
    page = dashboard_at(datetime(2026, 2, 26, 12, 0, tzinfo=UTC))
    assert "Keine anstehenden Termine." in page
    due = page.index("Abgabefrist:</strong>")
    cutoff = page.index("Letzte Frist für verspätete Abgaben:</strong>")
    assert due < cutoff  # sorted, soonest first
    assert "Fr., 27. Feb. 2026, 23:59" in page and "(morgen)" in page and "(noch 8 Tage)" in page
    assert "Keine anstehenden Fristen." in dashboard_at(datetime(2026, 3, 10, tzinfo=UTC))


def test_upcoming_deadlines_are_sorted_and_past_ones_omitted(app: Flask) -> None:
    modules = sorted(catalogue(app).modules.values(), key=lambda m: m.id)
    now = datetime(2026, 2, 28, 12, tzinfo=UTC)  # after every due date, before the cut-offs
    found = deadlines.upcoming_deadlines([(m, m.current) for m in modules], now)
    assert found and all(d.kind == "cutoff" and d.at > now for d in found)
    assert [d.at for d in found] == sorted(d.at for d in found)
    assert found[0].days_left == (found[0].at.date() - now.date()).days


def test_lecturer_dashboard_lists_own_modules_with_drafts(app: Flask, client: FlaskClient, lecturer) -> None:
    assert app.test_cli_runner().invoke(args=["modules", "rollover", AE, "--to", "2026-27"]).exit_code == 0
    Auth(client).login_as(lecturer)
    page = client.get("/").get_data(as_text=True)
    assert "Meine Module" in page and "Onlineberatung und Blended Counselling" in page
    assert f'href="/modules/{AE}/2026-27/">Wintersemester 2026/27</a>' in page
    assert "Wintersemester 2025/26: veröffentlicht" in page


def test_lecturer_dashboard_lists_the_deadlines_of_their_modules(
    app: Flask, client: FlaskClient, lecturer, make_user, term_running
) -> None:
    Auth(client).login_as(lecturer)
    page = client.get("/").get_data(as_text=True)
    panel = page[page.index("<h3>Fristen in meinen Modulen</h3>") :]
    for module in catalogue(app).modules.values():  # the demo lecturer teaches every shipped module
        for assignment in module.current.assignments:
            assert f'href="/modules/{module.id}/2025-26/#assignment-{assignment.id}"' in panel
    assert "Wintersemester 2025/26" in panel and "(morgen)" in panel
    other = app.test_client()
    Auth(other).login_as(make_user(Role.LECTURER))  # responsible for nothing
    assert "Keine anstehenden Fristen." in other.get("/").get_data(as_text=True)


def test_the_api_for_submissions_and_defences(
    app: Flask, make_user, make_cohort, lecturer, root_of_modules
) -> None:
    cohort, other = make_cohort("MA DiSA 2025"), make_cohort("MA DiSA 2024")
    lena = make_user(Role.STUDENT, cohort=cohort, name="Lena Schmidt")
    anna = make_user(Role.STUDENT, cohort=cohort, name="Anna Berg")
    gone = make_user(Role.STUDENT, cohort=cohort, name="Gerd Weg")
    gone.active = False  # deactivated accounts are nobody's participants
    db.session.commit()
    yusuf = make_user(Role.STUDENT, cohort=other, name="Yusuf Demir")
    module = catalogue(app).get(AE)
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    enrolments.enrol(module, "2024-25", other, None)
    db.session.commit()  # the caller commits
    assert [(m.id, e.id) for m, e in enrolments.enrolled_editions(lena)] == [(AE, "2025-26")]
    assert enrolments.is_enrolled(lena, AE, "2025-26") and not enrolments.is_enrolled(lena, AE, "2024-25")
    assert not enrolments.is_enrolled(yusuf, AE, "2025-26") and not enrolments.is_enrolled(
        lecturer, AE, "2025-26"
    )
    assert enrolments.students_of(AE, "2025-26") == [anna, lena]  # active students only, by name
    assert gone not in enrolments.students_of(AE, "2025-26")
    assert enrolments.students_of(AE, "2024-25") == [yusuf]
    assert enrolments.students_of(AE, "2030-31") == [] and not enrolments.is_enrolled(lena, "nope", "2025-26")
    # An enrolment in a draft counts once the edition is published.
    rollover(root_of_modules, AE, "2026-27")
    enrolments.enrol(catalogue(app).get(AE), "2026-27", cohort, None)  # type: ignore[arg-type]
    db.session.commit()  # the caller commits
    assert not enrolments.is_enrolled(lena, AE, "2026-27") and enrolments.students_of(AE, "2026-27") == []
    assert [e.id for _m, e in enrolments.enrolled_editions(lena)] == ["2025-26"]
    publish_edition(root_of_modules, AE, "2026-27")
    assert enrolments.is_enrolled(lena, AE, "2026-27") and enrolments.students_of(AE, "2026-27") == [
        anna,
        lena,
    ]
    assert [e.id for _m, e in enrolments.enrolled_editions(lena)] == ["2025-26", "2026-27"]


def test_every_signed_in_user_has_the_modules_nav_item(client: FlaskClient, make_user) -> None:
    assert 'href="/modules/"' not in client.get("/login").get_data(as_text=True)
    Auth(client).login_as(make_user(Role.EXAMINER))
    page = client.get("/modules/").get_data(as_text=True)
    assert '<a href="/modules/" aria-current="page">Module</a>' in page
