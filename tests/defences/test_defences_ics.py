"""Calendar files: parse with icalendar, carry a VTIMEZONE, right UTC instant in January and July,
higher SEQUENCE on change, METHOD:CANCEL on cancellation; private feeds with a revocable token."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from assignments.defences.models import Defence, PanelSeat
from assignments.defences.service import booking, ics
from campus.accounts.models import Role
from campus.extensions import db


def make_defence(make_user, start: datetime, minutes: int = 30) -> Defence:  # type: ignore[no-untyped-def]
    student = make_user(Role.STUDENT, name="Jörg Übermut")
    panel = [make_user(Role.EXAMINER, name="Prüferin Ärger"), make_user(Role.EXAMINER)]
    from datetime import timedelta

    defence = Defence(uid=f"t-{start.isoformat()}@campus", window_key="m/2026-27/a", student_id=student.id,
                      starts_at=start, ends_at=start + timedelta(minutes=minutes))  # fmt: skip
    defence.seats = [PanelSeat(examiner_id=e.id, position=n) for n, e in enumerate(panel, 1)]
    db.session.add(defence)
    db.session.commit()
    return defence


def parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_january_and_july_defences_give_the_right_utc_instants(app, make_user) -> None:  # type: ignore[no-untyped-def]
    january = make_defence(make_user, datetime(2027, 1, 11, 8, 0, tzinfo=UTC))  # 09:00 CET
    july = make_defence(make_user, datetime(2027, 7, 12, 7, 0, tzinfo=UTC))  # 09:00 CEST
    for defence, utc in (
        (january, datetime(2027, 1, 11, 8, 0, tzinfo=UTC)),
        (july, datetime(2027, 7, 12, 7, 0, tzinfo=UTC)),
    ):
        calendar = parse(ics.invitation(None, defence))
        assert calendar["METHOD"] == "REQUEST"
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        (event,) = calendar.walk("VEVENT")
        start = event.decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Berlin" and start.hour == 9
        assert start.astimezone(UTC) == utc
        assert event["UID"] == defence.uid and "Prüferin Ärger" in event["DESCRIPTION"]


def test_a_change_raises_the_sequence_and_a_cancellation_is_method_cancel(app, make_user) -> None:  # type: ignore[no-untyped-def]
    defence = make_defence(make_user, datetime(2027, 1, 11, 8, 0, tzinfo=UTC))
    first = parse(ics.invitation(None, defence)).walk("VEVENT")[0]
    defence.sequence += 1  # what every move does
    moved = parse(ics.invitation(None, defence)).walk("VEVENT")[0]
    assert moved["SEQUENCE"] > first["SEQUENCE"]
    booking.end(defence, "cancelled", None, "krank")
    db.session.commit()
    cancelled = parse(ics.invitation(None, defence))
    assert cancelled["METHOD"] == "CANCEL"
    event = cancelled.walk("VEVENT")[0]
    assert (
        event["STATUS"] == "CANCELLED"
        and event["SEQUENCE"] > moved["SEQUENCE"]
        and event["UID"] == defence.uid
    )


def test_feed_token_is_revocable(app, make_user) -> None:  # type: ignore[no-untyped-def]
    person = make_user(Role.EXAMINER)
    old = ics.token_of(person)
    assert old is not None
    token = old.token
    db.session.commit()
    assert ics.owner_of(token) == person
    ics.renew_token(person)
    db.session.commit()
    assert ics.owner_of(token) is None and ics.owner_of(ics.token_of(person).token) == person  # type: ignore[union-attr]
