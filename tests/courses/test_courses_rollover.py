"""Roll-over to next year's draft edition, and publishing an edition as current."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.courses.content import check, load_catalogue
from campus.courses.content.errors import EditConflict, RolloverError
from campus.courses.content.rollover import (
    plan_rollover,
    publish_edition,
    rolled_over_text,
    rollover,
    same_day_next_year,
)
from campus.courses.content.tomledit import map_dates, next_year_label
from campus.courses.current import catalogue
from campus.extensions import db
from support import csrf_token, post_form


def test_rollover_creates_valid_draft_with_dates_shifted(make_module, courses_root: Path) -> None:
    make_module("demo")
    path = rollover(courses_root, "demo", "2026-27")
    assert path == courses_root / "demo" / "2026-27"
    module = load_catalogue(courses_root).modules["demo"]  # validation passes
    old, new = module.editions["2025-26"], module.editions["2026-27"]
    assert new.status == "draft" and not new.is_published
    assert new.label == "Wintersemester 2026/27"
    assert module.current_edition == "2025-26"  # publishing is a separate, deliberate step
    # The term keeps its calendar dates (1 October stays 1 October); the timetable keeps its weekdays.
    assert (new.term_start, new.term_end) == (date(2026, 10, 1), date(2027, 3, 31))
    for a, b in zip(old.sessions, new.sessions, strict=True):
        assert b.starts.date() == a.starts.date() + timedelta(days=364)
        assert b.starts.weekday() == a.starts.weekday()
        assert (b.starts.hour, b.starts.minute) == (a.starts.hour, a.starts.minute)
    oa, na = old.assignments[0], new.assignments[0]
    assert na.due.weekday() == oa.due.weekday() and na.due.time() == oa.due.time()
    assert na.defence is not None and oa.defence is not None
    assert na.defence.window_start == oa.defence.window_start + timedelta(days=364)
    assert [lesson.sha256 for lesson in new.lessons] == [lesson.sha256 for lesson in old.lessons]
    assert (path / "assets" / "bild.png").is_file() and (path / "briefs" / "hausarbeit.md").is_file()


def test_rollover_keeps_comments_and_dates_inside_strings(make_module, courses_root: Path) -> None:
    make_module("demo")
    text = (rollover(courses_root, "demo", "2026-27") / "edition.toml").read_text("utf-8")
    assert "# Ein Kommentar, der erhalten bleiben muss" in text
    assert "starts = 2026-10-13T10:00:00  # Dienstag" in text
    assert 'Ein Titel, der 2024-05-01 erwähnt."' in text  # a date in a citation is text, not a date


@pytest.mark.parametrize("target", ["2027-28", "2024-25", "2026-28", "2026", "../x"])
def test_rollover_refuses_anything_but_the_next_year(make_module, courses_root: Path, target: str) -> None:
    make_module("demo")
    with pytest.raises(RolloverError, match="the edition after 2025-26 is 2026-27"):
        rollover(courses_root, "demo", target)


def test_rollover_refuses_existing_target(make_module, courses_root: Path) -> None:
    make_module("demo")
    target = rollover(courses_root, "demo", "2026-27")
    (target / "01-einfuehrung.md").write_text("# Schon bearbeitet\n", "utf-8")
    with pytest.raises(RolloverError, match="already exists"):
        rollover(courses_root, "demo", "2026-27")
    assert (target / "01-einfuehrung.md").read_text("utf-8") == "# Schon bearbeitet\n"


def test_rollover_refuses_broken_module_and_leaves_nothing(make_module, courses_root, edit_file) -> None:
    folder = make_module("demo")
    edit_file(folder / "module.toml", "ects = 5", "ects = 50")
    with pytest.raises(RolloverError) as caught:
        rollover(courses_root, "demo", "2026-27")
    assert [p.field for p in caught.value.problems] == ["ects"]
    assert sorted(p.name for p in folder.iterdir()) == ["2025-26", "module.toml"]


def test_rollover_that_would_not_validate_is_not_written(make_module, courses_root: Path) -> None:
    # 2029-04-01 02:30 exists; 364 days later, 2030-03-31, the clocks skip that hour.
    folder = make_module("demo", edition="2029-30")
    ed = folder / "2029-30" / "edition.toml"
    text = ed.read_text("utf-8").replace("2025-", "2029-").replace("2026-", "2030-")
    text = text.replace("term_start = 2029-10-01", "term_start = 2029-03-01")
    ed.write_text(text.replace("2029-10-21T10:00:00", "2029-04-01T02:30:00"), "utf-8")
    assert check(courses_root) == []
    with pytest.raises(RolloverError) as caught:
        rollover(courses_root, "demo", "2030-31")
    assert [str(p) for p in caught.value.problems] == [
        "demo/2030-31/edition.toml: sessions[2].starts: this time does not exist in Europe/Berlin (clock change)"
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["2029-30", "module.toml"]


def test_label_years_and_shift_helpers() -> None:
    assert next_year_label("Wintersemester 2025/26") == "Wintersemester 2026/27"
    assert next_year_label("Sommersemester 2026") == "Sommersemester 2027"
    assert next_year_label("Studienjahr 2099-00") == "Studienjahr 2100-01"
    assert next_year_label("2025/2026") == "2026/2027"
    week_on = lambda _field, day: day + timedelta(days=364)  # noqa: E731
    assert map_dates("a = 2025-12-30 # 2025-01-01\nb = '2025-01-01'", week_on) == (
        "a = 2026-12-29 # 2025-01-01\nb = '2025-01-01'"
    )
    assert same_day_next_year(date(2028, 2, 29)) == date(2029, 2, 28)


def test_refuses_text_it_cannot_edit_safely() -> None:
    # A nested array written at the start of a line looks like a table header to the text scanner,
    # so its date is not moved: the re-parse check notices instead of writing a half-moved file.
    with pytest.raises(RolloverError, match="safely"):
        rolled_over_text('label = "x"\nstatus = "published"\nx = [\n[2025-01-01],\n]\n')


def test_a_bare_key_that_looks_like_a_date_is_a_key() -> None:
    new = tomllib.loads(rolled_over_text('label = "x"\nstatus = "published"\n2025-01-01 = 2025-01-01\n'))
    assert new["2025-01-01"] == date(2025, 12, 31)


@given(st.dates(), st.sampled_from(["", "T10:00:00", " 08:15:30", "T23:59:00.5"]))
def test_shift_dates_moves_any_literal_by_52_weeks(day, time_part) -> None:
    text = f'label = "L"\nstatus = "published"\nx = {day.isoformat()}{time_part}\ny = ["{day}"]\n'
    if day.year > 9998:
        return
    new = tomllib.loads(rolled_over_text(text))
    old = tomllib.loads(text)
    assert new["x"] - old["x"] == timedelta(days=364) and new["y"] == old["y"]
    assert new["x"].weekday() == old["x"].weekday()


def test_publish_edition_sets_status_and_current(make_module, courses_root: Path) -> None:
    make_module("demo")
    rollover(courses_root, "demo", "2026-27")
    publish_edition(courses_root, "demo", "2026-27")
    module = load_catalogue(courses_root).modules["demo"]
    assert module.current_edition == "2026-27" and module.current.is_published
    assert "# Der stabile Rahmen des Moduls" in (courses_root / "demo" / "module.toml").read_text("utf-8")
    with pytest.raises(RolloverError, match="no edition 2030-31"):
        publish_edition(courses_root, "demo", "2030-31")
    # 2025-26 is now archived: read-only, it never becomes current again.
    with pytest.raises(RolloverError, match="archived"):
        publish_edition(courses_root, "demo", "2025-26")
    assert load_catalogue(courses_root).modules["demo"].current_edition == "2026-27"


def test_publish_is_guarded_against_concurrent_saves(
    make_module, courses_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from campus.courses.content import rollover as module

    make_module("demo")
    real = module.write_atomic

    def racing(path, text, expected):  # someone saves edition.toml between our read and our write
        path.write_text(path.read_text("utf-8") + "\n# fremde Änderung\n", "utf-8")
        return real(path, text, expected)

    monkeypatch.setattr(module, "write_atomic", racing)
    with pytest.raises(EditConflict):
        publish_edition(courses_root, "demo", "2025-26")
    assert "fremde Änderung" in (courses_root / "demo" / "2025-26" / "edition.toml").read_text("utf-8")


def test_term_keeps_its_calendar_dates_in_the_text(make_module, courses_root: Path) -> None:
    make_module("demo")
    text = (rollover(courses_root, "demo", "2026-27") / "edition.toml").read_text("utf-8")
    assert "term_start = 2026-10-01\nterm_end = 2027-03-31\n" in text
    assert "due = 2027-02-14T23:59:00" in text  # a Sunday stays a Sunday
    assert "window_start = 2027-02-22" in text


def test_a_session_that_would_fall_before_the_term_moves_on_by_a_week(make_module, courses_root, edit_file):
    # Wednesday 1 October 2025 is the first day of the term; 52 weeks later is Wednesday 30 September
    # 2026, the day before the next term starts: the session moves to Wednesday 7 October instead.
    folder = make_module("demo")
    edit_file(folder / "2025-26" / "edition.toml", "2025-10-14T10:00:00", "2025-10-01T10:00:00")
    plan = plan_rollover(courses_root, "demo")
    first = next(c for c in plan.changes if c.field == ("sessions", 0, "starts"))
    assert (first.new.isoformat(), first.rule) == ("2026-10-07T10:00:00", "into-term")
    assert plan.problems == ()
    rollover(courses_root, "demo", "2026-27")
    new = load_catalogue(courses_root).modules["demo"].editions["2026-27"]
    assert new.sessions[0].starts.date() == date(2026, 10, 7)
    assert new.sessions[0].starts.weekday() == 2


def test_plan_lists_every_date_and_writes_nothing(make_module, courses_root: Path) -> None:
    folder = make_module("demo")
    plan = plan_rollover(courses_root, "demo")
    assert (plan.source, plan.target, plan.label, plan.exists) == (
        "2025-26",
        "2026-27",
        "Wintersemester 2026/27",
        False,
    )
    fields = [c.field for c in plan.changes]
    assert fields[:3] == [("term_start",), ("term_end",), ("sessions", 0, "starts")]
    assert ("assignments", 0, "defence", "window_end") in fields
    rules = {c.field: c.rule for c in plan.changes}
    assert rules[("term_end",)] == "calendar" and rules[("assignments", 0, "due")] == "weekday"
    assert sorted(p.name for p in folder.iterdir()) == ["2025-26", "module.toml"]


def test_rollover_command_is_audit_logged(app, runner) -> None:
    root = Path(app.config["MODULES_DIR"])
    result = runner.invoke(args=["modules", "rollover", "aktuelle-entwicklungen", "--to", "2026-27"])
    assert result.exit_code == 0, result.output
    assert (root / "aktuelle-entwicklungen" / "2026-27" / "edition.toml").is_file()
    event = db.session.scalars(select(AuditEvent).filter_by(action="course.edition.rollover")).one()
    assert (event.actor_id, event.object_id) == (None, "aktuelle-entwicklungen")
    assert event.details == {"edition": "2026-27", "via": "cli"}
    again = runner.invoke(args=["modules", "rollover", "aktuelle-entwicklungen", "--to", "2026-27"])
    assert again.exit_code == 1 and "already exists" in again.output
    assert db.session.scalars(select(AuditEvent).filter_by(action="course.edition.rollover")).all() == [event]


def test_rollover_in_the_browser_previews_dates_then_creates_a_draft(app, client, auth, make_user) -> None:
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    module = Path(app.config["MODULES_DIR"]) / "aktuelle-entwicklungen"
    edit_page = client.get("/modules/aktuelle-entwicklungen/2025-26/edit").get_data(as_text=True)
    assert "Neue Ausgabe für 2026-27 anlegen" in edit_page
    url = "/modules/aktuelle-entwicklungen/rollover"
    preview = client.get(url).get_data(as_text=True)
    assert "Do., 01.10.2026" in preview and "gleiches Kalenderdatum" in preview  # the term: same date
    assert "Di., 13.10.2026, 10:00" in preview and "gleicher Wochentag, 52 Wochen später" in preview
    assert not (module / "2026-27").exists()
    response = post_form(client, url, {})
    assert response.status_code == 302 and response.headers["Location"].endswith("/2026-27/edit")
    new = catalogue(app).get("aktuelle-entwicklungen").edition("2026-27")
    assert new is not None and new.status == "draft" and new.label == "Wintersemester 2026/27"
    event = db.session.scalars(select(AuditEvent).filter_by(action="course.edition.rollover")).one()
    assert event.details == {"edition": "2026-27", "from": "2025-26"}
    assert "Die Ausgabe 2026-27 gibt es schon." in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"csrf_token": csrf_token(client, "/")}).status_code == 200
    assert db.session.scalars(select(AuditEvent).filter_by(action="course.edition.rollover")).all() == [event]


def test_only_the_modules_lecturers_roll_over(app, client, auth, make_user) -> None:
    auth.login_as(make_user(Role.LECTURER, email="someone.else@campus.example"))
    url = "/modules/aktuelle-entwicklungen/rollover"
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, data={"csrf_token": csrf_token(client, "/")}).status_code in (403, 404)
    assert not (Path(app.config["MODULES_DIR"]) / "aktuelle-entwicklungen" / "2026-27").exists()
