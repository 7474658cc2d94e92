"""Booking rules: collective availability, one defence per student, buffers, daily maxima, notice."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assignments.defences.models import Accommodation, Defence
from assignments.defences.service import availability, booking, moves, units
from assignments.defences.service.errors import DefenceError
from assignments.defences.service.slots import Calendar
from assignments.defences.service.times import minute
from campus.extensions import db


def book(world, student, at, now=None):  # type: ignore[no-untyped-def]
    return units.run(lambda: booking.book(world.win, student, minute(at), now), booking.taken)


def test_a_slot_is_offered_only_when_a_full_panel_is_free(world) -> None:  # type: ignore[no-untyped-def]
    availability.add_range(world.win, world.examiners[0], world.day(0), *_times("09:00", "11:00"))
    db.session.commit()
    assert Calendar(world.win).slots(30, 0) == []  # one examiner alone is no panel
    availability.add_range(world.win, world.examiners[1], world.day(0), *_times("10:00", "12:00"))
    db.session.commit()
    starts = [s.starts_at for s in Calendar(world.win).slots(30, 0)]
    assert starts == [world.at(0, "10:00"), world.at(0, "10:20")][: len(starts)]
    assert world.at(0, "10:00") in starts and all(s >= world.at(0, "10:00") for s in starts)


def _times(a: str, b: str):  # type: ignore[no-untyped-def]
    from datetime import time

    return time.fromisoformat(a), time.fromisoformat(b)


def test_booking_takes_the_slot_and_keeps_the_buffer(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "10:40")
    first = book(world, world.students[0], world.at(0, "09:00"))
    assert [e.id for e in first.examiners] and len(first.examiners) == 2
    starts = [s.starts_at for s in Calendar(world.win).slots(30, 0)]
    # 09:00-09:30 plus 10 minutes buffer: the next defence starts at 09:40 at the earliest.
    assert starts == [world.at(0, "09:40")]
    with pytest.raises(DefenceError, match="nicht mehr frei"):
        book(world, world.students[1], world.at(0, "09:20"))


def test_one_active_defence_per_student(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    book(world, world.students[0], world.at(0, "09:00"))
    with pytest.raises(DefenceError, match="schon eine Verteidigung"):
        book(world, world.students[0], world.at(0, "10:20"))
    assert db.session.query(Defence).count() == 1


def test_a_student_who_need_not_defend_cannot_book(world, make_user) -> None:  # type: ignore[no-untyped-def]
    from campus.accounts.models import Role
    from campus.accounts.service import get_or_create_cohort

    world.offer(0)
    outsider = make_user(Role.STUDENT, cohort=get_or_create_cohort("Andere Kohorte"))
    with pytest.raises(DefenceError, match="nicht vorgesehen"):
        book(world, outsider, world.at(0, "09:00"))


def test_daily_maximum_is_kept(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "16:00")
    availability.set_limit(world.win, world.examiners[0], 1)
    availability.set_limit(world.win, world.examiners[1], 1)
    db.session.commit()
    book(world, world.students[0], world.at(0, "09:00"))
    assert Calendar(world.win).slots(30, 0) == []


def test_nachteilsausgleich_gets_the_long_slot(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    db.session.add(Accommodation(student_id=world.students[0].id, recorded_by_id=world.lecturer.id))
    db.session.commit()
    defence = book(world, world.students[0], world.at(0, "09:00"))
    assert (
        defence.ends_at - defence.starts_at
        == timedelta(minutes=world.win.spec.long_minutes)
        == timedelta(minutes=45)
    )


def test_cancelling_inside_the_notice_is_refused_and_outside_allowed(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    defence = book(world, world.students[0], world.at(0, "09:00"))
    late = world.at(0, "09:00") - timedelta(hours=47)
    with pytest.raises(DefenceError, match="weniger als 48 Stunden"):
        booking.cancel_by_student(world.win, defence, world.students[0], late)
    early = world.at(0, "09:00") - timedelta(hours=49)
    booking.cancel_by_student(world.win, defence, world.students[0], early)
    db.session.commit()
    assert defence.status == "cancelled" and defence.sequence == 1
    assert world.at(0, "09:00") in [s.starts_at for s in Calendar(world.win).slots(30, 0)]


def test_rebooking_keeps_the_old_time_when_the_new_one_is_taken(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "10:40")
    mine = book(world, world.students[0], world.at(0, "09:00"))
    book(world, world.students[1], world.at(0, "09:40"))
    with pytest.raises(DefenceError, match="nicht mehr frei"):
        units.run(
            lambda: moves.rebook(world.win, world.students[0], minute(world.at(0, "09:40"))), booking.taken
        )
    db.session.refresh(mine)
    assert mine.status == "booked"


def test_availability_holding_a_defence_cannot_be_deleted(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    book(world, world.students[0], world.at(0, "09:00"))
    (row,) = availability.ranges_of(world.win, world.examiners[0])
    with pytest.raises(DefenceError, match="In diesem Zeitraum ist eine Verteidigung gebucht"):
        availability.delete_range(world.win, world.examiners[0], row)


def test_availability_outside_the_window_or_overlapping_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    examiner = world.examiners[0]
    with pytest.raises(DefenceError, match="kein Tag dieses"):
        availability.add_range(
            world.win, examiner, world.first_day - timedelta(days=1), *_times("09:00", "12:00")
        )
    availability.add_range(world.win, examiner, world.day(0), *_times("09:00", "12:00"))
    with pytest.raises(DefenceError, match="überschneidet sich"):
        availability.add_range(world.win, examiner, world.day(0), *_times("11:00", "13:00"))
    with pytest.raises(DefenceError, match="5-Minuten-Raster"):
        availability.add_range(world.win, examiner, world.day(1), *_times("09:03", "12:00"))
    rows = availability.add_weekly(world.win, examiner, world.day(1).weekday(), *_times("13:00", "15:00"))
    assert len(rows) == 2 and rows[0].series == rows[1].series


def test_moving_keeps_the_calendar_entry_and_raises_its_sequence(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0)
    mine = book(world, world.students[0], world.at(0, "09:00"))
    uid = mine.uid
    moved = units.run(
        lambda: moves.rebook(world.win, world.students[0], minute(world.at(0, "10:20"))), booking.taken
    )
    assert moved.id == mine.id and moved.uid == uid and moved.sequence == 1
    assert minute(moved.starts_at) == minute(world.at(0, "10:20"))
    assert world.at(0, "09:00") in [s.starts_at for s in Calendar(world.win).slots(30, 0)]


def test_the_lecturer_reassigns_keeping_every_rule(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "11:00")
    first = book(world, world.students[0], world.at(0, "09:00"))
    second = book(world, world.students[1], world.at(0, "09:40"))
    panel = tuple(e.id for e in first.examiners)
    with pytest.raises(DefenceError, match="nicht frei"):  # into the other defence's buffer
        units.run(lambda: moves.reassign(world.win, first, minute(world.at(0, "10:05")), panel, world.lecturer),
                  booking.taken)  # fmt: skip
    with pytest.raises(DefenceError, match="2 verschiedene"):
        units.run(lambda: moves.reassign(world.win, first, minute(world.at(0, "10:20")), panel[:1], world.lecturer),
                  booking.taken)  # fmt: skip
    units.run(lambda: moves.reassign(world.win, first, minute(world.at(0, "10:20")), panel[::-1], world.lecturer),
              booking.taken)  # fmt: skip
    db.session.refresh(first)
    assert minute(first.starts_at) == minute(world.at(0, "10:20")) and first.sequence == 1
    assert [e.id for e in first.examiners] == list(panel[::-1])  # the first chosen chairs
    assert second.status == "booked"
