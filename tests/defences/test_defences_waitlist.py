"""The waitlist: a freed place goes to the first in line, who has `offer_hours` to accept; then to the next."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assignments.defences.service import booking, units, waitlist
from assignments.defences.service.errors import DefenceError
from assignments.defences.service.times import minute
from campus.extensions import db


def test_first_come_first_served_with_a_time_limit_then_the_next(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "09:30")  # one place in the whole window
    holder, first, second = world.students
    start = world.at(0, "09:00")
    now = start - timedelta(days=6)
    units.run(lambda: booking.book(world.win, holder, minute(start), now), booking.taken)
    # The second to join is asked first if they joined first: order is by joining time, not by id.
    units.run(lambda: waitlist.join(world.win, second, now + timedelta(minutes=1)), lambda: None)
    units.run(lambda: waitlist.join(world.win, first, now + timedelta(minutes=2)), lambda: None)
    assert waitlist.position(world.win, waitlist.entry_of(world.win, second.id)) == 1

    freed = now + timedelta(hours=1)
    defence = booking.active_defence(world.win, holder.id)
    units.run(lambda: (booking.cancel_by_student(world.win, defence, holder, freed), db.session.flush(),
                       waitlist.offer_free_places(world.win, freed)), lambda: None)  # fmt: skip
    offer = booking.active_defence(world.win, second.id)
    assert offer is not None and offer.status == "offered"
    assert booking.active_defence(world.win, first.id) is None  # nothing for the later one yet

    # The time to accept runs out (24 h by default): the place goes to the next in line.
    late = freed + timedelta(hours=24, minutes=1)
    with pytest.raises(DefenceError, match="Frist zum Annehmen"):
        waitlist.accept(world.win, offer, second, late)
    db.session.rollback()
    units.run(lambda: waitlist.expire_offers(late), lambda: None)
    db.session.expire_all()
    assert offer.status == "expired"
    with pytest.raises(DefenceError, match="besteht nicht mehr"):
        waitlist.accept(world.win, offer, second, late)
    db.session.rollback()
    passed_on = booking.active_defence(world.win, first.id)
    assert passed_on is not None and passed_on.status == "offered"
    assert passed_on.starts_at == offer.starts_at

    # The next one accepts in time and is booked.
    units.run(lambda: waitlist.accept(world.win, passed_on, first, late + timedelta(hours=1)), lambda: None)
    db.session.expire_all()
    assert passed_on.status == "booked" and waitlist.entry_of(world.win, first.id) is None


def test_a_declined_offer_goes_to_the_next_in_line(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "09:30")
    holder, first, second = world.students
    start = world.at(0, "09:00")
    now = start - timedelta(days=6)
    units.run(lambda: booking.book(world.win, holder, minute(start), now), booking.taken)
    for n, student in enumerate((first, second)):
        units.run(
            lambda s=student, n=n: waitlist.join(world.win, s, now + timedelta(minutes=n)), lambda: None
        )
    defence = booking.active_defence(world.win, holder.id)
    units.run(lambda: (booking.cancel_by_student(world.win, defence, holder, now), db.session.flush(),
                       waitlist.offer_free_places(world.win, now)), lambda: None)  # fmt: skip
    offer = booking.active_defence(world.win, first.id)
    units.run(lambda: (waitlist.decline(world.win, offer, first), db.session.flush(),
                       waitlist.offer_free_places(world.win, now)), lambda: None)  # fmt: skip
    db.session.expire_all()
    assert booking.active_defence(world.win, first.id) is None
    assert booking.active_defence(world.win, second.id).status == "offered"
