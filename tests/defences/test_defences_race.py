"""Booking the last place under parallel requests: a database constraint decides, not a check in Python.

Runs on SQLite here and again on PostgreSQL in CI (TEST_DATABASE_URL); each attempt is a real
transaction on its own connection, started together through a barrier.
"""

from __future__ import annotations

import threading

from assignments.defences.models import Defence, ExaminerClaim
from assignments.defences.service import booking, units
from assignments.defences.service.errors import DefenceError
from assignments.defences.service.slots import Calendar
from assignments.defences.service.times import minute
from campus.accounts.models import User
from campus.extensions import db

ATTEMPTS = 20
CLEAR = ("Jemand anderes hat diesen Termin gerade gebucht", "Dieser Termin ist nicht mehr frei")


def test_twenty_parallel_bookings_of_the_last_place_give_one_success(world) -> None:  # type: ignore[no-untyped-def]
    world.offer(0, "09:00", "09:30")  # exactly one place for the whole window
    assert len(Calendar(world.win).slots(30, 0)) == 1
    ids = [world.make_student().id for _ in range(ATTEMPTS)]
    start = minute(world.at(0, "09:00"))
    win = world.win  # the window's rules are read-only content, shared by every attempt
    barrier = threading.Barrier(ATTEMPTS)
    results: list[str] = []
    lock = threading.Lock()

    def attempt(student_id: int) -> None:
        with world.app.app_context():
            student = db.session.get(User, student_id)
            db.session.commit()  # hand the connection back: twenty threads share a pool of fifteen
            barrier.wait(timeout=60)
            try:
                units.run(lambda: booking.book(win, student, start), booking.taken)
                outcome = "booked"
            except DefenceError as error:
                outcome = str(error)
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == ATTEMPTS
    assert results.count("booked") == 1
    refused = [r for r in results if r != "booked"]
    assert len(refused) == ATTEMPTS - 1 and all(r.startswith(CLEAR) for r in refused), refused
    db.session.expire_all()
    assert db.session.query(Defence).filter_by(status="booked").count() == 1
    assert db.session.query(ExaminerClaim).count() == 2 * (30 + 10) // 5
