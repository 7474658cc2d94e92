"""Check a plan against every rule of its scenario, straight from the definitions.

The planner runs this on every plan before returning it, so a defect in a model can never reach a
lecturer as a broken plan. It works on epoch minutes and the scenario's data, not on the solver's grid.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from .problem import Booking, Scenario


def violations(scenario: Scenario, bookings: list[Booking] | tuple[Booking, ...]) -> list[str]:
    """Every rule the bookings break, as readable sentences; empty when the plan is valid."""
    found: list[str] = []
    students = {s.id: s for s in scenario.students}
    examiners = scenario.examiner_by_id
    clock = scenario.clock
    counts = Counter(b.student for b in bookings)
    found += [f"{sid} has {n} defences" for sid, n in sorted(counts.items()) if n > 1]
    by_examiner: dict[str, list[Booking]] = defaultdict(list)
    for booking in bookings:
        student = students.get(booking.student)
        if student is None:
            found.append(f"unknown student {booking.student}")
            continue
        who = f"{booking.student} at {clock.text(booking.start)}"
        if booking.end - booking.start != scenario.duration(student):
            found.append(
                f"{who} lasts {booking.end - booking.start} minutes, not {scenario.duration(student)}"
            )
        if clock.local(booking.start).minute % 5 or clock.minute(clock.text(booking.start)) != booking.start:
            found.append(f"{who} does not start on a 5-minute mark with an unambiguous local time")
        if clock.minute(clock.text(booking.end)) != booking.end:
            found.append(f"{who} ends at an ambiguous local time")
        if (
            len(set(booking.examiners)) != scenario.panel_size
            or len(booking.examiners) != scenario.panel_size
        ):
            found.append(f"{who} has panel {booking.examiners}, not {scenario.panel_size} distinct examiners")
        missing = set(student.examiners) - set(booking.examiners)
        if missing:
            found.append(f"{who} lacks required examiners {sorted(missing)}")
        if any(span.overlaps(booking.start, booking.end) for span in student.unavailable):
            found.append(f"{who} overlaps a time the student is unavailable")
        for eid in booking.examiners:
            examiner = examiners.get(eid)
            if examiner is None:
                found.append(f"{who}: unknown examiner {eid}")
                continue
            if not any(span.contains(booking.start, booking.end) for span in examiner.available):
                found.append(f"{who} is not inside one available range of {eid}")
            by_examiner[eid].append(booking)
    for eid, held in sorted(by_examiner.items()):
        held.sort()
        for first, second in itertools.pairwise(held):
            if second.start < first.end + scenario.buffer_minutes:
                found.append(f"{eid}: {first.student} and {second.student} are less than the buffer apart")
        cap = examiners[eid].max_per_day
        per_day = Counter(clock.day(b.start) for b in held)
        found += [f"{eid} has {n} defences on {day}, more than {cap}" for day, n in sorted(per_day.items())
                  if cap is not None and n > cap]  # fmt: skip
    return found
