"""Roll-over to next year's draft edition, and publishing an edition as current."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campus.courses.content import check, load_catalogue
from campus.courses.content.errors import EditConflict, RolloverError
from campus.courses.content.rollover import publish_edition, rolled_over_text, rollover
from campus.courses.content.tomledit import next_year_label, shift_dates


def test_rollover_creates_valid_draft_with_dates_shifted(make_module, courses_root: Path) -> None:
    make_module("demo")
    path = rollover(courses_root, "demo", "2026-27")
    assert path == courses_root / "demo" / "2026-27"
    module = load_catalogue(courses_root).modules["demo"]  # validation passes
    old, new = module.editions["2025-26"], module.editions["2026-27"]
    assert new.status == "draft" and not new.is_published
    assert new.label == "Wintersemester 2026/27"
    assert module.current_edition == "2025-26"  # publishing is a separate, deliberate step
    assert new.term_start == old.term_start + timedelta(days=364)
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
    assert shift_dates("a = 2025-12-30 # 2025-01-01\nb = '2025-01-01'", 364) == (
        "a = 2026-12-29 # 2025-01-01\nb = '2025-01-01'"
    )


def test_refuses_text_it_cannot_edit_safely() -> None:
    # A bare key that looks like a date would be "shifted" too: the re-parse check notices.
    with pytest.raises(RolloverError, match="safely"):
        rolled_over_text('label = "x"\nstatus = "published"\n2025-01-01 = 1\n')


@given(st.dates(), st.sampled_from(["", "T10:00:00", " 08:15:30", "T23:59:00.5"]))
def test_shift_dates_moves_any_literal_by_52_weeks(day, time_part) -> None:
    text = f'label = "L"\nstatus = "published"\nx = {day.isoformat()}{time_part}\ny = ["{day}"]\n'
    if day.year > 9998:
        return
    new = tomllib.loads(rolled_over_text(text))
    old = tomllib.loads(text)
    assert new["x"] - old["x"] == timedelta(days=364) and new["y"] == old["y"]


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
