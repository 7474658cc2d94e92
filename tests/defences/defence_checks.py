"""Independent reference code for the planner tests: a plan checker and an exhaustive search.

Written from the rules in the README only (plain datetime and zoneinfo on the JSON texts), sharing no
code with the planner, so a defect in the planner's grid or model cannot hide here.
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


def instant(text: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock text (the first occurrence of a repeated hour)."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M").replace(tzinfo=zone).astimezone(UTC)


def wall(moment: datetime, zone: ZoneInfo) -> str:
    """The local wall-clock text of a UTC instant."""
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def _spans(pairs: list[list[str]], zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    return [(instant(a, zone), instant(b, zone)) for a, b in pairs]


def check_plan(scenario: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    """Every rule the plan breaks; empty when it keeps them all."""
    zone = ZoneInfo(scenario.get("timezone", "Europe/Berlin"))
    slot, buffer = scenario["slot_minutes"], timedelta(minutes=scenario.get("buffer_minutes", 0))
    panel_size = scenario.get("panel_size", 2)
    examiners = {e["id"]: e for e in scenario["examiners"]}
    students = {s["id"]: s for s in scenario["students"]}
    problems = []
    seen = Counter([b["student"] for b in plan["bookings"]] + list(plan["unscheduled"]))
    if set(seen) != set(students) or any(n != 1 for n in seen.values()):
        problems.append(f"students not listed exactly once: {dict(seen)}")
    if not isinstance(plan["optimal"], bool):
        problems.append("optimal is not a boolean")
    held: dict[str, list[tuple[datetime, datetime, str]]] = {e: [] for e in examiners}
    for booking in plan["bookings"]:
        sid, panel = booking["student"], booking["examiners"]
        student = students[sid]
        start, end = instant(booking["start"], zone), instant(booking["end"], zone)
        if wall(start, zone) != booking["start"] or wall(end, zone) != booking["end"]:
            problems.append(f"{sid}: a time does not read back as the same instant")
        if int(booking["start"][-2:]) % 5:
            problems.append(f"{sid}: starts off the 5-minute marks")
        if end - start != timedelta(minutes=slot + student.get("extra_minutes", 0)):
            problems.append(f"{sid}: lasts {end - start}")
        if len(panel) != panel_size or len(set(panel)) != panel_size:
            problems.append(f"{sid}: panel {panel}")
        if not set(student.get("examiners", [])) <= set(panel):
            problems.append(f"{sid}: a required examiner is missing from {panel}")
        if any(a < end and start < b for a, b in _spans(student.get("unavailable", []), zone)):
            problems.append(f"{sid}: overlaps the student's unavailable time")
        for eid in panel:
            if not any(a <= start and end <= b for a, b in _spans(examiners[eid]["available"], zone)):
                problems.append(f"{sid}: not inside one available range of {eid}")
            held[eid].append((start, end, sid))
    for eid, defences in held.items():
        for (s1, e1, a), (s2, e2, b) in itertools.combinations(defences, 2):
            if s1 < e2 + buffer and s2 < e1 + buffer:
                problems.append(f"{eid}: {a} and {b} closer than the buffer")
        most = examiners[eid].get("max_per_day")
        per_day = Counter(s.astimezone(zone).date() for s, _, _ in defences)
        problems += [f"{eid}: {n} on {d}" for d, n in per_day.items() if most is not None and n > most]
    return problems


def _options(
    scenario: dict[str, Any], student: dict[str, Any], zone: ZoneInfo
) -> list[tuple[datetime, datetime, tuple[str, ...]]]:
    length = timedelta(minutes=scenario["slot_minutes"] + student.get("extra_minutes", 0))
    ranges = {e["id"]: _spans(e["available"], zone) for e in scenario["examiners"]}
    busy = _spans(student.get("unavailable", []), zone)
    starts = sorted({a for spans in ranges.values() for a, _ in spans})
    if not starts:
        return []
    first, last = starts[0], max(b for spans in ranges.values() for _, b in spans)
    required = set(student.get("examiners", []))
    found = []
    moment = first.replace(minute=first.minute - first.minute % 5)
    while moment + length <= last:
        end = moment + length
        readable = instant(wall(moment, zone), zone) == moment and instant(wall(end, zone), zone) == end
        if (
            readable
            and int(wall(moment, zone)[-2:]) % 5 == 0
            and not any(a < end and moment < b for a, b in busy)
        ):
            free = [e for e, spans in ranges.items() if any(a <= moment and end <= b for a, b in spans)]
            for panel in itertools.combinations(sorted(free), scenario.get("panel_size", 2)):
                if required <= set(panel):
                    found.append((moment, end, panel))
        moment += timedelta(minutes=5)
    return found


def most_schedulable(scenario: dict[str, Any]) -> int:
    """The largest number of students any valid plan places (exhaustive search; tiny scenarios only)."""
    zone = ZoneInfo(scenario.get("timezone", "Europe/Berlin"))
    buffer = timedelta(minutes=scenario.get("buffer_minutes", 0))
    caps = {e["id"]: e.get("max_per_day") for e in scenario["examiners"]}
    options = [_options(scenario, s, zone) for s in scenario["students"]]
    order = sorted(range(len(options)), key=lambda i: len(options[i]))
    best = 0

    def fits(choice: tuple[datetime, datetime, tuple[str, ...]], chosen: list[Any]) -> bool:
        start, end, panel = choice
        for other_start, other_end, other_panel in chosen:
            if set(panel) & set(other_panel) and start < other_end + buffer and other_start < end + buffer:
                return False
        day = start.astimezone(zone).date()
        for e in panel:
            same = sum(1 for s, _, p in chosen if e in p and s.astimezone(zone).date() == day)
            if caps[e] is not None and same + 1 > caps[e]:
                return False
        return True

    def walk(position: int, chosen: list[Any]) -> None:
        nonlocal best
        best = max(best, len(chosen))
        if position == len(order) or len(chosen) + len(order) - position <= best:
            return
        for choice in options[order[position]]:
            if fits(choice, chosen):
                walk(position + 1, [*chosen, choice])
                if best == len(order):
                    return
        walk(position + 1, chosen)

    walk(0, [])
    return best
