"""campus.clock: the current time, Europe/Berlin conversions, formatting, and the frozen clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from flask import Flask, render_template_string

from campus import clock
from campus.i18n import language
from services import FrozenClock

BERLIN = ZoneInfo("Europe/Berlin")


def test_now_is_aware_utc() -> None:
    moment = clock.now()
    assert moment.tzinfo is UTC
    assert abs(moment - datetime.now(UTC)) < timedelta(seconds=5)


def test_frozen_clock_stops_and_moves_time_everywhere(frozen_clock: FrozenClock) -> None:
    assert clock.now() == datetime(2026, 10, 15, 8, 0, tzinfo=UTC)
    frozen_clock.advance(hours=1)
    assert clock.now() == datetime(2026, 10, 15, 9, 0, tzinfo=UTC)
    frozen_clock.set(datetime(2026, 3, 15, 23, 59))  # naive: Berlin wall-clock time
    assert clock.now() == datetime(2026, 3, 15, 22, 59, tzinfo=UTC)


def test_local_conversions_follow_summer_and_winter_time(app: Flask) -> None:
    assert clock.to_local(datetime(2026, 7, 1, 10, 0, tzinfo=UTC)).hour == 12  # CEST, UTC+2
    assert clock.to_local(datetime(2026, 1, 1, 10, 0, tzinfo=UTC)).hour == 11  # CET, UTC+1
    deadline = clock.from_local(datetime(2026, 3, 15, 23, 59))
    assert deadline == datetime(2026, 3, 15, 22, 59, tzinfo=UTC)
    assert clock.at_local(date(2026, 7, 1), time(9, 0)) == datetime(2026, 7, 1, 7, 0, tzinfo=UTC)
    # 02:30 on 25 Oct 2026 happens twice in Berlin; the earlier (summer-time) one is meant.
    assert clock.from_local(datetime(2026, 10, 25, 2, 30)) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_today_is_the_berlin_day(app: Flask, frozen_clock: FrozenClock) -> None:
    frozen_clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # already 1 January in Berlin
    assert clock.today() == date(2027, 1, 1)


@pytest.mark.parametrize("app_config", [{"TIMEZONE": "America/New_York"}])
def test_the_zone_comes_from_configuration(app: Flask) -> None:
    assert clock.to_local(datetime(2026, 1, 1, 12, 0, tzinfo=UTC)).hour == 7


def test_an_unknown_zone_is_refused_at_start(tmp_path) -> None:
    from campus import create_app
    from support import campus_config

    with pytest.raises(Exception, match="Mars"):
        create_app(campus_config(tmp_path, TIMEZONE="Mars/Olympus"))


@pytest.mark.parametrize(
    ("code", "day", "moment", "weekday"),
    [
        ("de", "16.10.2025", "16.10.2025, 14:30", "Do., 16.10.2025"),
        ("en", "16 Oct 2025", "16 Oct 2025, 14:30", "Thu, 16 Oct 2025"),
    ],
)
def test_one_date_style_per_language(app: Flask, code: str, day: str, moment: str, weekday: str) -> None:
    at = datetime(2025, 10, 16, 12, 30, tzinfo=UTC)  # 14:30 in Berlin
    with app.test_request_context(), language(code):
        assert clock.format_date(at) == day
        assert clock.format_date(date(2025, 10, 16)) == day
        assert clock.format_datetime(at) == moment
        assert clock.format_date(at, weekday=True) == weekday
        assert render_template_string("{{ at|date }} | {{ at|datetime }} | {{ at|time }}", at=at) == (
            f"{day} | {moment} | 14:30"
        )
        assert render_template_string("{{ none|date }}", none=None) == ""


def test_a_utc_evening_is_the_next_day_in_berlin(app: Flask) -> None:
    with app.test_request_context(), language("de"):
        assert clock.format_date(datetime(2025, 10, 15, 23, 30, tzinfo=UTC)) == "16.10.2025"
