"""The ``[assignments.defence]`` keys: defaults, and a clear problem for every bad value."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from campus.courses.content.defence import default_long_minutes, parse_defence
from campus.courses.content.validate import BERLIN, Fields, Problem

DUE = datetime(2027, 1, 15, 23, 59, tzinfo=BERLIN)
BASE = {"required": True, "window_start": date(2027, 1, 18), "window_end": date(2027, 1, 29), "minutes": 30}


def parse(**extra: object) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    spec = parse_defence(Fields({**BASE, **extra}, "e.toml", "assignments[1].defence", problems), DUE)
    return spec, problems


def test_defaults() -> None:
    spec, problems = parse()
    assert problems == []
    assert spec is not None
    assert (spec.buffer, spec.panel, spec.who, spec.notice_hours, spec.offer_hours) == (
        10,
        2,
        "everyone",
        48,
        24,
    )
    assert spec.long_minutes == 45 and default_long_minutes(20) == 30 and default_long_minutes(25) == 40
    assert spec.days[0] == date(2027, 1, 18) and len(spec.days) == 10  # Monday to Friday, two weeks
    assert spec.booking_opens == DUE and spec.booking_closes == datetime(2027, 1, 29, 23, 59, tzinfo=BERLIN)


def test_every_key_is_read() -> None:
    spec, problems = parse(
        long_minutes=60, buffer=15, days=[date(2027, 1, 19), date(2027, 1, 21)], place="Raum 1",
        video="https://video.example/raum", panel=3, who="invited",
        booking_opens=datetime(2027, 1, 16, 8, 0), booking_closes=datetime(2027, 1, 20, 12, 0),
        notice_hours=24, offer_hours=12, examiners=["a@campus.example"],
    )  # fmt: skip
    assert problems == []
    assert spec is not None and spec.days == (date(2027, 1, 19), date(2027, 1, 21))
    assert (spec.long_minutes, spec.buffer, spec.panel, spec.who, spec.notice_hours) == (
        60,
        15,
        3,
        "invited",
        24,
    )
    assert spec.video_url == "https://video.example/raum" and spec.examiners == ("a@campus.example",)


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"minutes": 33}, "minutes", "multiple of 5"),
        ({"long_minutes": 20}, "long_minutes", "not be shorter"),
        ({"buffer": 90}, "buffer", "between 0 and 60"),
        ({"days": [date(2027, 2, 1)]}, "days", "outside the window"),
        ({"days": []}, "days", "non-empty"),
        ({"video": "http://insecure.example"}, "video", "https://"),
        ({"place": "a\nb"}, "place", "one line"),
        ({"panel": 0}, "panel", "between 1 and 4"),
        ({"who": "some"}, "who", "everyone"),
        ({"booking_closes": datetime(2027, 1, 10, 8, 0)}, "booking_closes", "close after it opens"),
        ({"notice_hours": -1}, "notice_hours", "between 0 and 336"),
        ({"examiners": ["no-address"]}, "examiners", "not an e-mail address"),
        ({"window_end": date(2027, 6, 1)}, "window_end", "at most 92 days"),
        ({"typo": 1}, "typo", "unknown field"),
    ],
)
def test_bad_values_name_the_field(extra: dict[str, object], field: str, message: str) -> None:
    _spec, problems = parse(**extra)
    assert any(p.field == f"assignments[1].defence.{field}" and message in p.message for p in problems), (
        problems
    )
