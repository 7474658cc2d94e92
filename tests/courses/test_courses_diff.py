"""Year-to-year comparison of editions and the word-level diff of a changed lesson."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from campus.courses.content import load_catalogue
from campus.courses.content.diff import compare_editions, word_diff
from campus.courses.content.rollover import rollover


def test_compare_editions_lists_lesson_session_and_reading_changes(
    make_module, courses_root, edit_file
) -> None:
    make_module("demo")
    new = rollover(courses_root, "demo", "2026-27")
    edit_file(new / "01-einfuehrung.md", "Willkommen.", "Herzlich willkommen.")
    (new / "02-datenschutz.md").rename(new / "03-datenschutz.md")  # renumbered, unchanged
    edit_file(new / "edition.toml", '"02-datenschutz"', '"03-datenschutz"')
    (new / "02-ki-beratung.md").write_text("# KI in der Beratung\n", "utf-8")
    edit_file(new / "edition.toml", 'title = "Datenschutz"', 'title = "KI in der Beratung"')
    edit_file(new / "edition.toml", "Muster, M. (2024-05-01)", "Neu, N. (2026)")
    module = load_catalogue(courses_root).modules["demo"]
    diff = compare_editions(module, "2025-26", "2026-27")
    assert [lesson.slug for lesson in diff.lessons_added] == ["02-ki-beratung"]
    assert diff.lessons_removed == ()
    assert [(a.slug, b.slug) for a, b in diff.lessons_changed] == [("01-einfuehrung", "01-einfuehrung")]
    assert [(a.slug, b.slug) for a, b in diff.lessons_unchanged] == [("02-datenschutz", "03-datenschutz")]
    assert [s.title for s in diff.sessions_added] == ["KI in der Beratung"]
    assert [s.title for s in diff.sessions_removed] == ["Datenschutz"]
    assert [r.citation[:7] for r in diff.readings_added] == ["Neu, N."]
    assert [r.citation[:10] for r in diff.readings_removed] == ["Muster, M."]


def test_removed_lesson(make_module, courses_root: Path, edit_file) -> None:
    make_module("demo")
    new = rollover(courses_root, "demo", "2026-27")
    (new / "02-datenschutz.md").unlink()
    edit_file(new / "edition.toml", 'lesson = "02-datenschutz"\n', "")
    diff = compare_editions(load_catalogue(courses_root).modules["demo"], "2025-26", "2026-27")
    assert [lesson.slug for lesson in diff.lessons_removed] == ["02-datenschutz"]
    assert diff.sessions_added == diff.sessions_removed == ()


def test_word_diff_is_readable() -> None:
    old = "# Titel\n\nDie Katze sitzt auf der Matte.\n\nUnverändert.\n"
    new = "# Titel\n\nDer Hund sitzt auf dem Teppich.\n\nUnverändert.\n"
    assert word_diff(old, new) == [
        ("equal", "# Titel\n\n"),
        ("delete", "Die Katze"),
        ("insert", "Der Hund"),
        ("equal", " sitzt auf "),
        ("delete", "der Matte"),
        ("insert", "dem Teppich"),
        ("equal", ".\n\nUnverändert.\n"),
    ]


def test_short_equal_runs_between_changes_are_folded_in() -> None:
    assert word_diff("Tarife, Fachtagungen und Medien.\n", "Tarife, Politik oder Träger.\n") == [
        ("equal", "Tarife, "),
        ("delete", "Fachtagungen und Medien"),
        ("insert", "Politik oder Träger"),
        ("equal", ".\n"),
    ]
    # a paragraph break is never folded into a change
    assert ("equal", "\n\n") in word_diff("alt\n\nalt", "neu\n\nneu")


def test_word_diff_of_identical_and_empty_texts() -> None:
    assert word_diff("a b\n", "a b\n") == [("equal", "a b\n")]
    assert word_diff("", "") == []
    assert word_diff("", "neu") == [("insert", "neu")]


@given(st.text(alphabet="ab \n.,ä", max_size=60), st.text(alphabet="ab \n.,ä", max_size=60))
def test_word_diff_reconstructs_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(text for op, text in ops if op != "insert") == old
    assert "".join(text for op, text in ops if op != "delete") == new
    assert all(text for _op, text in ops)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))  # runs are coalesced
