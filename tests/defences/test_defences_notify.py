"""Mails: confirmation, change, cancellation (with the way to rebook), waitlist offer, invitation,
the reminder 24 hours before and the examiners' daily agenda, each in the recipient's language."""

from __future__ import annotations

from datetime import timedelta

from assignments.defences import jobs
from assignments.defences.service import booking, people, units, waitlist
from assignments.defences.service.times import minute
from campus.extensions import db


def book(world, student, hhmm="09:00", day=0):  # type: ignore[no-untyped-def]
    return units.run(lambda: booking.book(world.win, student, minute(world.at(day, hhmm))), booking.taken)


def test_confirmation_in_the_students_language_with_the_calendar_link(world, outbox) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    student = world.students[0]
    student.language = "en"
    db.session.commit()
    defence = book(world, student)
    (mail,) = outbox.to(student.email)
    assert mail["Subject"] == "Your oral defence is booked"
    assert f"https://campus.test/defences/defence/{defence.id}.ics" in outbox.links(mail)
    assert "Raum Ü 101" in outbox.text(mail) and "Erik Prüfer" in outbox.text(mail)


def test_an_examiners_cancellation_tells_the_student_how_to_rebook(world, outbox) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    defence = book(world, world.students[0])
    units.run(lambda: booking.cancel_by_staff(defence, world.examiners[0], "Krankheit"), lambda: None)
    mails = outbox.to(world.students[0].email)
    assert [m["Subject"] for m in mails] == [
        "Ihre mündliche Verteidigung ist gebucht",
        "Eine mündliche Verteidigung wurde abgesagt",
    ]
    text = outbox.text(mails[-1])
    assert "Krankheit" in text and "Bitte buchen Sie einen neuen Termin" in text
    assert outbox.to(world.examiners[1].email) and not outbox.to(
        world.examiners[0].email
    )  # not the one who cancelled


def test_a_freed_place_is_offered_by_mail(world, outbox) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "09:30")
    first, waiting = world.students[0], world.students[1]
    defence = book(world, first)
    units.run(lambda: waitlist.join(world.win, waiting), lambda: None)
    far = world.at(0, "09:00") - timedelta(days=5)
    units.run(lambda: (booking.cancel_by_student(world.win, defence, first, far), db.session.flush(),
                       waitlist.offer_free_places(world.win, far)), lambda: None)  # fmt: skip
    (offer,) = [m for m in outbox.to(waiting.email) if "frei geworden" in m["Subject"]]
    assert "Bitte nehmen Sie ihn bis" in outbox.text(offer)


def test_reminder_once_24_hours_before_and_the_daily_agenda(world, outbox, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    frozen_clock.set(world.at(0, "09:00").replace(tzinfo=None) - timedelta(days=3))
    world.offer(0)
    book(world, world.students[0])
    frozen_clock.set(world.at(0, "09:00").replace(tzinfo=None) - timedelta(hours=23))
    jobs.send_reminders.run_now()
    jobs.send_reminders.run_now()
    db.session.commit()
    reminders = [m for m in outbox.messages if m["Subject"].startswith("Erinnerung")]
    assert sorted(str(m["To"]).split("<")[-1].rstrip(">") for m in reminders) == sorted(
        [world.students[0].email, *(e.email for e in world.examiners)])  # fmt: skip
    frozen_clock.set(world.at(0, "07:00").replace(tzinfo=None))
    jobs.send_agendas.run_now()
    db.session.commit()
    agendas = [m for m in outbox.messages if "heute" in m["Subject"]]
    assert len(agendas) == 2 and "Studi 01 Ölmann" in outbox.text(agendas[0])


def test_an_invitation_is_mailed(world, outbox) -> None:  # type: ignore[no-untyped-def]
    units.run(lambda: people.invite(world.win, world.students[2], world.lecturer), lambda: None)
    (mail,) = outbox.to(world.students[2].email)
    assert "eingeladen" in mail["Subject"]
