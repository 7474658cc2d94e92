"""The planner in the web's service layer: propose around standing bookings, adjust, publish."""

from __future__ import annotations

import pytest

from assignments.defences.models import Accommodation, Defence
from assignments.defences.service import booking, planning, units
from assignments.defences.service.errors import DefenceError
from assignments.defences.service.times import minute
from campus.extensions import db


def test_propose_plans_the_rest_around_a_booking_and_publish_books_them(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "12:00")
    first, *rest = world.students
    units.run(lambda: booking.book(world.win, first, minute(world.at(0, "09:40"))), booking.taken)
    db.session.add(Accommodation(student_id=rest[0].id, recorded_by_id=world.lecturer.id))
    db.session.commit()
    proposal = planning.propose(world.win, world.lecturer)
    db.session.commit()
    assert sorted(r["student_id"] for r in proposal.rows) == sorted(s.id for s in rest)
    long_row = next(r for r in proposal.rows if r["student_id"] == rest[0].id)
    assert long_row["end"] - long_row["start"] == 45
    outcome = planning.publish(world.win, proposal, world.lecturer)
    assert len(outcome["booked"]) == 2 and outcome["failed"] == []
    assert db.session.query(Defence).filter_by(status="booked", source="planner").count() == 2


def test_an_adjustment_that_breaks_a_rule_is_refused(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "12:00")
    proposal = planning.propose(world.win, world.lecturer)
    db.session.commit()
    a, b = proposal.rows[0], proposal.rows[1]
    with pytest.raises(DefenceError, match="Regel verletzen"):
        planning.adjust(
            world.win, proposal, b["student_id"], a["start"] + 5, tuple(a["panel"]), world.lecturer
        )
    planning.adjust(world.win, proposal, b["student_id"], None, (), world.lecturer)
    db.session.commit()
    assert b["student_id"] in [u["student_id"] for u in proposal.unscheduled]


def test_publish_reports_a_student_who_booked_meanwhile(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "12:00")
    proposal = planning.propose(world.win, world.lecturer)
    db.session.commit()
    row = proposal.rows[0]
    student = next(s for s in world.students if s.id == row["student_id"])
    units.run(lambda: booking.book(world.win, student, minute(world.at(0, "11:20"))), booking.taken)
    outcome = planning.publish(world.win, proposal, world.lecturer)
    assert outcome["failed"] == [student.id]
