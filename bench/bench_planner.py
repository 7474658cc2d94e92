"""Benchmark of the oral-defence planner, whole process: `python -m assignments.defences.planner`.

Run: python bench/bench_planner.py [--runs 1]
Generates realistic scenarios (300 students / 20 examiners / 10 days, target <= 5 s; 1,000 / 60 / 15,
target <= 10 s), plans each in a fresh process and prints the wall time, the share scheduled, the
upper bound (students who could be placed on an empty calendar) and whether the plan is proven optimal.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_DAY = date(2027, 1, 11)  # a Monday
DAY_SHAPES = [
    [("09:00", "12:00"), ("13:00", "17:00")],
    [("08:30", "12:30")],
    [("10:00", "16:00")],
    [("13:00", "18:00")],
    [("09:00", "11:30"), ("14:00", "16:30")],
]
TARGETS = [(300, 20, 10, 5.0), (1000, 60, 15, 10.0)]


def weekdays(count: int) -> list[date]:
    """The first `count` weekdays from FIRST_DAY on."""
    days, day = [], FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def generate(students: int, examiners: int, days: int, seed: int = 1) -> dict[str, object]:
    """A realistic scenario: examiners on part of the days, each student's marker on the panel,
    some students with extra time (Nachteilsausgleich) or with unavailable half days."""
    rng = random.Random(seed)
    calendar = weekdays(days)
    people = []
    for number in range(1, examiners + 1):
        chosen = sorted(rng.sample(calendar, max(1, round(days * rng.uniform(0.4, 0.8)))))
        ranges = [
            [f"{day}T{start}", f"{day}T{end}"] for day in chosen for start, end in rng.choice(DAY_SHAPES)
        ]
        people.append({"id": f"e{number}", "available": ranges, "max_per_day": rng.choice([4, 5, 6, 8])})
    pupils = []
    for number in range(1, students + 1):
        entry: dict[str, object] = {"id": f"s{number}", "examiners": [f"e{rng.randint(1, examiners)}"]}
        roll = rng.random()
        entry["extra_minutes"] = 30 if roll < 0.03 else 15 if roll < 0.12 else 0
        if rng.random() < 0.25:
            day = rng.choice(calendar)
            start, end = rng.choice([("08:00", "13:00"), ("12:00", "19:00"), ("00:00", "23:59")])
            entry["unavailable"] = [[f"{day}T{start}", f"{day}T{end}"]]
        pupils.append(entry)
    return {"timezone": "Europe/Berlin", "slot_minutes": 30, "buffer_minutes": 10, "panel_size": 2,
            "examiners": people, "students": pupils}  # fmt: skip


def children_cpu() -> float:
    """CPU seconds used by finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(scenario: dict[str, object], folder: Path) -> tuple[float, float, dict[str, object], str]:
    """Plan a scenario in a fresh process; the wall time includes start-up and reading the file."""
    source, target = folder / "scenario.json", folder / "plan.json"
    source.write_text(json.dumps(scenario), encoding="utf-8")
    command = [sys.executable, "-m", "assignments.defences.planner", str(source), "--out", str(target)]
    began, cpu = time.perf_counter(), children_cpu()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed, cpu = time.perf_counter() - began, children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"planner failed: {done.stderr}")
    return elapsed, cpu, json.loads(target.read_text(encoding="utf-8")), done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="seeds per size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for students, examiners, days, target in TARGETS:
            for seed in range(1, args.runs + 1):
                elapsed, cpu, plan, log = run(generate(students, examiners, days, seed), Path(tmp))
                booked = len(plan["bookings"])
                proof = next((line for line in log.splitlines() if line.startswith("scheduled")), "")
                print(f"{students} students / {examiners} examiners / {days} days (seed {seed}): "
                      f"{elapsed:.2f} s wall, {cpu:.2f} s CPU (target <= {target:.0f} s), scheduled "
                      f"{booked}/{students} ({booked / students:.1%}), optimal={plan['optimal']}; {proof}",
                      flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
