"""Enrolments decide which students see a module; dashboard panels and the demo build on them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select

from campus.accounts.models import Role, User
from campus.audit import AuditEvent
from campus.courses import deadlines, enrolments
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


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_lecturer_enrols_a_cohort_and_its_students_see_the_module(
    app: Flask, client: FlaskClient, make_user, make_cohort, lecturer
) -> None:
    enrolled, other = make_cohort("MA DiSA 2025"), make_cohort("MA DiSA 2024")
    lena = make_user(Role.STUDENT, cohort=enrolled)
    yusuf = make_user(Role.STUDENT, cohort=other)
    Auth(client).login_as(lecturer)
    response = post_form(client, URL, {"cohort": enrolled.id, "edition": "2025-26"})
    assert response.status_code == 302
    page = client.get(URL).get_data(as_text=True)
    assert "MA DiSA 2025 ist jetzt in 2025-26 eingeschrieben." in page
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
    assert lena_client.get(f"/modules/{AE}/").status_code == 200
    assert "Aktuelle Entwicklungen und Diskurse" in lena_client.get("/modules/").get_data(as_text=True)
    assert yusuf_client.get(f"/modules/{AE}/").status_code == 404
    assert yusuf_client.get(f"/modules/{AE}/2025-26/01-einfuehrung").status_code == 404
    assert "Aktuelle Entwicklungen und Diskurse" not in yusuf_client.get("/modules/").get_data(as_text=True)


def test_enrolling_twice_is_refused(client: FlaskClient, make_cohort, lecturer) -> None:
    cohort = make_cohort()
    Auth(client).login_as(lecturer)
    post_form(client, URL, {"cohort": cohort.id, "edition": "2025-26"})
    page = post_form(client, URL, {"cohort": cohort.id, "edition": "2025-26"}).get_data(as_text=True)
    assert "MA DiSA 2025 ist bereits in 2025-26 eingeschrieben." in page
    assert db.session.query(Enrolment).count() == 1


def test_removing_an_enrolment_hides_the_module_again(
    app: Flask, client: FlaskClient, make_user, make_cohort, lecturer
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
    assert other.get(f"/modules/{AE}/").status_code == 404


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
    assert client.get(URL).status_code == 403
    auth.logout()
    cohort = make_cohort()
    module = catalogue(app).get(AE)
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    auth.login_as(make_user(Role.STUDENT, cohort=cohort))
    assert client.get(URL).status_code == 403  # sees the module, may not change who else does
    assert "Einschreibungen verwalten" not in client.get(f"/modules/{AE}/").get_data(as_text=True)
    auth.logout()
    auth.login_as(make_user(Role.STUDENT, cohort=make_cohort("Andere")))
    assert client.get(URL).status_code == 404
    auth.logout()
    auth.login_as(make_user(Role.ADMIN))
    assert "Einschreibungen verwalten" in client.get(f"/modules/{AE}/").get_data(as_text=True)
    assert post_form(client, URL, {"cohort": cohort.id, "edition": "2024-25"}).status_code == 302
    assert db.session.query(Enrolment).count() == 2


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


def test_student_dashboard_lists_modules_and_upcoming_deadlines(
    app: Flask, client: FlaskClient, make_user, make_cohort, frozen_clock: FrozenClock
) -> None:
    cohort = make_cohort()
    module = catalogue(app).get(AE)
    assert module is not None
    enrolments.enrol(module, "2025-26", cohort, None)
    db.session.commit()  # the caller commits
    frozen_clock.set(datetime(2026, 2, 26, 12, 0, tzinfo=UTC))
    student = Auth(client).login_as(make_user(Role.STUDENT, cohort=cohort))
    page = client.get("/").get_data(as_text=True)
    assert "Meine Module" in page and f'href="/modules/{AE}/"' in page
    assert "Meine Fristen" in page
    due = page.index("Abgabefrist:</strong>")
    cutoff = page.index("Letzte Frist für verspätete Abgaben:</strong>")
    assert due < cutoff  # sorted, soonest first
    assert "Fr., 27. Feb. 2026, 23:59" in page and "(morgen)" in page and "(noch 8 Tage)" in page
    frozen_clock.set(datetime(2026, 3, 10, tzinfo=UTC))
    assert client.get("/").status_code == 302  # twelve days later the idle session has ended
    Auth(client).login_as(student)
    assert "Keine anstehenden Fristen." in client.get("/").get_data(as_text=True)


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


def test_every_signed_in_user_has_the_modules_nav_item(client: FlaskClient, make_user) -> None:
    assert 'href="/modules/"' not in client.get("/login").get_data(as_text=True)
    Auth(client).login_as(make_user(Role.EXAMINER))
    page = client.get("/modules/").get_data(as_text=True)
    assert '<a href="/modules/" aria-current="page">Module</a>' in page
