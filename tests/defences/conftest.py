"""Fixtures for the defences feature: a module whose defence window lies in the coming weeks, its
lecturer, two examiners with availability, and enrolled students."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from assignments.defences.service import availability
from assignments.defences.service.windows import Window, window
from campus.accounts.models import Role, User
from campus.courses.models import Enrolment
from campus.extensions import db

MODULE = "pruefung"


def monday_after(day: date, weeks: int) -> date:
    """The Monday ``weeks`` weeks after the week of ``day``."""
    return day - timedelta(days=day.weekday()) + timedelta(weeks=weeks)


def write_window_module(root: Path, first_day: date, extra: str = "") -> str:
    """A module with one published edition and a defence window of two weeks from ``first_day``."""
    edition = (
        f"{first_day.year - (first_day.month < 9)}-{(first_day.year - (first_day.month < 9) + 1) % 100:02d}"
    )
    folder = root / MODULE / edition
    (folder / "briefs").mkdir(parents=True)
    (folder / "briefs" / "hausarbeit.md").write_text("# Aufgabe\n\nSchreiben Sie.\n", "utf-8")
    (folder / "01-start.md").write_text("# Start\n\nText.\n", "utf-8")
    (root / MODULE / "module.toml").write_text(f"""\
current_edition = "{edition}"
ects = 5
semester = 1
lecturers = ["lea.lehrend@campus.example"]
[title]
de = "Prüfungsmodul"
[summary]
de = "Ein Modul mit mündlicher Verteidigung."
[learning_outcomes]
de = ["Verteidigen."]
""", "utf-8")  # fmt: skip
    due = first_day - timedelta(days=20)
    (folder / "edition.toml").write_text(f"""\
label = "Test"
status = "published"
term_start = {first_day - timedelta(days=90)}
term_end = {first_day + timedelta(days=60)}
[[sessions]]
starts = {first_day - timedelta(days=80)}T10:00:00
minutes = 90
title = "Start"
[[assignments]]
id = "hausarbeit"
title = "Hausarbeit über Prüfungsfragen"
brief = "briefs/hausarbeit.md"
opens = {due - timedelta(days=30)}T09:00:00
due = {due}T23:59:00
cutoff = {due}T23:59:00
formats = ["pdf"]
words = [100, 6000]
[assignments.defence]
required = true
window_start = {first_day}
window_end = {first_day + timedelta(days=11)}
minutes = 30
buffer = 10
place = "Raum Ü 101"
booking_opens = {due}T23:59:00
examiners = ["erik.pruefer@campus.example", "eva.pruefer@campus.example"]
{extra}""", "utf-8")  # fmt: skip
    return edition


@pytest.fixture
def window_extra() -> str:
    """Extra lines for the test window's ``[assignments.defence]`` table."""
    return ""


@pytest.fixture
def first_day() -> date:
    """The window's first day: a Monday two weeks ahead."""
    return monday_after(date.today(), 2)


@pytest.fixture
def app_config(tmp_path: Path, first_day: date, window_extra: str) -> dict[str, Any]:
    root = tmp_path / "modules"
    write_window_module(root, first_day, window_extra)
    return {"MODULES_DIR": str(root), "MODULES_RELOAD_INTERVAL": 0}


@dataclass
class World:
    """The people of the test window."""

    app: Flask
    lecturer: User
    examiners: list[User]
    students: list[User]
    first_day: date
    make_student: Callable[..., User] = field(repr=False)

    @property
    def win(self) -> Window:
        found = window(MODULE, self.edition, "hausarbeit")
        assert found is not None
        return found

    @property
    def edition(self) -> str:
        return next(iter(self.app.extensions["campus.courses"].get().get(MODULE).editions))

    def day(self, n: int) -> date:
        """The n-th defence day (0-based) of the window."""
        return self.win.spec.days[n]

    def at(self, n: int, hhmm: str) -> datetime:
        """An aware Berlin time on the n-th defence day."""
        from assignments.defences.service.times import ZONE

        return datetime.combine(self.day(n), time.fromisoformat(hhmm)).replace(tzinfo=ZONE)

    def offer(self, day: int = 0, start: str = "09:00", end: str = "12:00") -> None:
        """Both examiners available on that day."""
        for examiner in self.examiners:
            availability.add_range(self.win, examiner, self.day(day), time.fromisoformat(start),
                                   time.fromisoformat(end))  # fmt: skip
        db.session.commit()


@pytest.fixture
def world(app: Flask, make_user: Callable[..., User], first_day: date) -> World:
    lecturer = make_user(Role.LECTURER, email="lea.lehrend@campus.example", name="Lea Lehrend")
    examiners = [
        make_user(Role.EXAMINER, email="erik.pruefer@campus.example", name="Erik Prüfer"),
        make_user(Role.EXAMINER, email="eva.pruefer@campus.example", name="Eva Prüfer"),
    ]
    counter = iter(range(1, 1000))

    def make_student(**fields: Any) -> User:
        n = next(counter)
        return make_user(
            Role.STUDENT, email=f"student{n}@campus.example", name=f"Studi {n:02d} Ölmann", **fields
        )

    students = [make_student() for _ in range(3)]
    edition = next(iter(app.extensions["campus.courses"].get().get(MODULE).editions))
    db.session.add(Enrolment(cohort_id=students[0].cohort_id, module_id=MODULE, edition_id=edition))
    db.session.commit()
    return World(app, lecturer, examiners, students, first_day, make_student)
