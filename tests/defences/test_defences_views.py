"""The defences pages through HTTP: each role's pages render, a student books and cancels, and every
route that takes an id or a window answers 404 to whoever may not see it."""

from __future__ import annotations

import re

import pytest

from assignments.defences.models import Defence
from assignments.defences.service import booking, planning, records, units
from assignments.defences.service.times import minute
from campus.accounts.models import Role
from campus.extensions import db
from support import csrf_token, post_form


def base(world) -> str:
    return f"/defences/pruefung/{world.edition}/hausarbeit"


def booked(world, student=None):
    student = student or world.students[0]
    return units.run(lambda: booking.book(world.win, student, minute(world.at(0, "09:00"))), booking.taken)


def test_a_student_books_downloads_the_ics_and_cancels(world, client, auth) -> None:
    world.offer(0)
    auth.login_as(world.students[0])
    page = client.get(base(world) + "/").get_data(as_text=True)
    assert "Freie Termine" in page and "09:00 – 09:30" in page
    start = re.search(r'name="start" id="slot-(\d+)"', page).group(1)  # type: ignore[union-attr]
    response = post_form(client, base(world) + "/book", {"start": start}, form_url=base(world) + "/")
    assert response.status_code == 302
    page = client.get(base(world) + "/").get_data(as_text=True)
    assert "Ihre Verteidigung ist gebucht." in page and "Verteidigung absagen" in page
    defence = db.session.query(Defence).one()
    ics = client.get(f"/defences/defence/{defence.id}.ics")
    assert ics.status_code == 200 and ics.mimetype == "text/calendar" and b"METHOD:REQUEST" in ics.data
    post_form(client, base(world) + "/cancel", {}, form_url=base(world) + "/")
    db.session.expire_all()
    assert db.session.get(Defence, defence.id).status == "cancelled"


def test_staff_pages_render(world, client, auth) -> None:
    world.offer(0)
    defence = booked(world)
    records.attach_suggested_questions(
        world.win, world.students[0], ["Was war Ihre Forschungsfrage?"], world.lecturer
    )
    db.session.commit()
    auth.login_as(world.examiners[0])
    for url in (
        "/defences/",
        base(world) + "/availability",
        "/defences/agenda",
        f"/defences/defence/{defence.id}",
        f"/defences/defence/{defence.id}/protocol",
        "/defences/calendar",
        "/",
    ):
        assert client.get(url).status_code == 200, url
    assert "Was war Ihre Forschungsfrage?" in client.get(f"/defences/defence/{defence.id}").get_data(
        as_text=True
    )
    auth.logout()
    auth.login_as(world.lecturer)
    for url in (
        "/defences/",
        base(world) + "/overview",
        base(world) + "/plan",
        f"/defences/defence/{defence.id}",
        "/",
    ):
        assert client.get(url).status_code == 200, url
    csv = client.get(base(world) + "/defences.csv")
    assert csv.status_code == 200 and "Ölmann" in csv.get_data(as_text=True)
    post_form(client, base(world) + "/plan/run", {}, form_url=base(world) + "/plan")
    page = client.get(base(world) + "/plan").get_data(as_text=True)
    assert "Veröffentlichen" in page or "Publish" in page


def test_the_feed_needs_the_token_and_a_renewed_token_revokes_it(world, client, auth) -> None:
    world.offer(0)
    booked(world)
    auth.login_as(world.examiners[0])
    page = client.get("/defences/calendar").get_data(as_text=True)
    url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)  # type: ignore[union-attr]
    path = url.split("localhost", 1)[-1]
    auth.logout()
    assert client.get(path).status_code == 200 and b"BEGIN:VEVENT" in client.get(path).data
    assert client.get("/defences/feed/wrong.ics").status_code == 404
    auth.login_as(world.examiners[0])
    post_form(client, "/defences/calendar/renew", {}, form_url="/defences/calendar")
    assert client.get(path).status_code == 404


def test_every_id_route_is_404_for_others(world, client, auth, make_user) -> None:
    world.offer(0)
    defence = booked(world)
    proposal = planning.propose(world.win, world.lecturer)
    db.session.commit()
    other_student = world.students[1]
    outsider_examiner = make_user(Role.EXAMINER)
    other_lecturer = make_user(Role.LECTURER)
    gets = [
        f"/defences/defence/{defence.id}",
        f"/defences/defence/{defence.id}.ics",
        f"/defences/defence/{defence.id}/protocol",
        base(world) + "/overview",
        base(world) + "/plan",
        base(world) + "/defences.csv",
        base(world) + "/availability",
        f"/defences/defence/{defence.id}/protocol/1.pdf",
    ]
    posts = [
        f"/defences/defence/{defence.id}/cancel",
        f"/defences/defence/{defence.id}/reassign",
        f"/defences/defence/{defence.id}/protocol/sign",
        f"/defences/defence/{defence.id}/protocol/correct",
        base(world) + f"/plan/{proposal.id}/publish",
        base(world) + f"/plan/{proposal.id}/adjust",
        base(world) + "/accommodation",
        base(world) + "/invite",
        base(world) + "/availability/1/delete",
    ]
    for person in (other_student, outsider_examiner, other_lecturer):
        auth.login_as(person)
        token = csrf_token(client, "/defences/calendar")
        for url in gets:
            assert client.get(url).status_code == 404, (person.email, url)
        for url in posts:
            assert client.post(url, data={"csrf_token": token}).status_code == 404, (person.email, url)
        auth.logout()
    auth.login_as(outsider_examiner)
    assert client.get(base(world) + "/").status_code == 404  # not a student of the window
    assert client.get(f"/defences/pruefung/{world.edition}/nothing/").status_code == 404


@pytest.mark.parametrize("who", ["student", "examiner"])
def test_a_student_sees_only_their_own_offer(world, client, auth, who) -> None:
    world.offer(0)
    defence = booked(world)
    auth.login_as(world.students[1] if who == "student" else world.examiners[0])
    token = csrf_token(client, "/defences/calendar")
    url = base(world) + f"/offer/{defence.id}/accept"
    assert client.post(url, data={"csrf_token": token}).status_code == 404


def test_protocol_signed_by_both_is_locked_exported_and_shown_to_the_lecturer(world, client, auth) -> None:
    import io

    from pypdf import PdfReader

    from campus.audit import AuditEvent

    world.offer(0)
    defence = booked(world)
    url = f"/defences/defence/{defence.id}/protocol"
    auth.login_as(world.examiners[0])
    post_form(client, url, {})  # start the protocol
    form = {"p-started": "09:02", "p-ended": "09:31", "p-panel": [e.id for e in defence.examiners],
            "p-other_questions": "Wie begründen Sie die Übertragbarkeit?", "p-notes": "Überzeugend, gründlich.",
            "p-outcome": "confirmed", "p-grade_effect": "Keine Änderung der Note."}  # fmt: skip
    assert post_form(client, url, form).status_code == 302
    post_form(client, url + "/sign", {}, form_url=url)
    auth.logout()
    auth.login_as(world.examiners[1])
    post_form(client, url + "/sign", {}, form_url=url)
    page = client.get(url).get_data(as_text=True)
    assert "von allen Prüfenden unterschrieben und gesperrt" in page
    assert "Protokoll speichern" not in page  # locked: no form any more
    protocol_id = re.search(r"/protocol/(\d+)\.pdf", page).group(1)  # type: ignore[union-attr]
    pdf = client.get(f"{url}/{protocol_id}.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Prüfungsprotokoll" in text and "Übertragbarkeit" in text and "gründlich" in text
    auth.logout()
    auth.login_as(world.lecturer)
    overview = client.get(base(world) + "/overview").get_data(as_text=True)
    assert "Urheberschaft bestätigt" in overview
    actions = {e.action for e in db.session.query(AuditEvent).all()}
    assert {"defence.protocol_view", "defence.protocol_update", "defence.protocol_sign", "defence.protocol_lock",
            "defence.protocol_pdf"} <= actions  # fmt: skip


def test_the_pages_are_rate_limited_per_person(world, client, auth) -> None:
    world.app.config["DEFENCES_RATE_LIMIT"] = "5 per minute"  # read on every request
    auth.login_as(world.students[0])
    codes = [client.get("/defences/").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429


def test_an_examiner_cancels_the_student_is_told_and_may_book_again(world, client, auth) -> None:
    from assignments.defences.service.slots import Calendar

    world.offer(0, "09:00", "10:40")
    defence = booked(world)
    auth.login_as(world.examiners[0])
    url = f"/defences/defence/{defence.id}"
    post_form(client, url + "/cancel", {"cancel-reason": "Erkrankung der Prüferin"}, form_url=url)
    db.session.expire_all()
    assert db.session.get(Defence, defence.id).status == "cancelled"
    # The examiner cannot come then: that time is no longer offered with them.
    starts = [s.starts_at for s in Calendar(world.win).slots(30, 0)]
    assert world.at(0, "09:00") not in starts and world.at(0, "09:40") in starts
    auth.logout()
    auth.login_as(world.students[0])
    page = client.get(base(world) + "/").get_data(as_text=True)
    assert "Erkrankung der Prüferin" in page and "Diesen Termin buchen" in page


def test_new_availability_offers_a_place_to_the_waitlist(world, client, auth, outbox) -> None:
    from assignments.defences.service import waitlist

    world.offer(0, "09:00", "09:30")
    booked(world)
    units.run(lambda: waitlist.join(world.win, world.students[1]), lambda: None)
    from datetime import time

    from assignments.defences.service import availability

    availability.add_range(world.win, world.examiners[1], world.day(1), time(9, 0), time(9, 30))
    db.session.commit()
    auth.login_as(world.examiners[0])
    url = base(world) + "/availability"
    form = {"one-day": world.day(1).isoformat(), "one-start": "09:00", "one-end": "09:30", "one-submit": "1"}
    post_form(client, url, form)
    offer = db.session.query(Defence).filter_by(student_id=world.students[1].id).one()
    assert offer.status == "offered"
    assert [m for m in outbox.to(world.students[1].email) if "frei geworden" in m["Subject"]]
