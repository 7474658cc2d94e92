"""Version history as plain functions: recorded saves, conflicts, restore, moves, and the checks before writing."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from flask import Flask

from campus.accounts.models import Role
from campus.courses import versions
from campus.courses.content.checks import (
    check_edition_file,
    check_lesson,
    describe,
    normalise_newlines,
    slugify,
)
from campus.courses.content.errors import EditConflict
from campus.courses.models import FileVersion
from campus.extensions import db

REPO = Path(__file__).resolve().parents[2]
MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"


@pytest.fixture
def edition_dir(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "modules" / MODULE / EDITION, tmp_path / EDITION)
    return tmp_path / EDITION


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_save_keeps_the_original_then_only_saves(app: Flask, make_user, edition_dir: Path) -> None:
    author = make_user(Role.LECTURER)
    path = edition_dir / "01-einfuehrung.md"
    original = path.read_text("utf-8")
    new_sha = versions.save(MODULE, EDITION, edition_dir, path.name, "# A\n", sha(path), author)
    assert new_sha == sha(path) == versions.sha256_text("# A\n")
    versions.save(MODULE, EDITION, edition_dir, path.name, "# B\n", new_sha, author)
    rows = versions.history(MODULE, EDITION, path.name)
    assert [r.action for r in rows] == ["save", "save", "original"]  # newest first
    assert [r.content for r in rows] == ["# B\n", "# A\n", original]
    assert rows[0].author_id == author.id and rows[-1].author_id is None


def test_conflict_writes_and_records_nothing(app: Flask, make_user, edition_dir: Path) -> None:
    path = edition_dir / "01-einfuehrung.md"
    stale = sha(path)
    path.write_text("# Von Hand geändert\n", "utf-8")
    with pytest.raises(EditConflict) as caught:
        versions.save(MODULE, EDITION, edition_dir, path.name, "# Alt\n", stale, make_user(Role.LECTURER))
    assert caught.value.current_sha256 == sha(path)
    assert path.read_text("utf-8") == "# Von Hand geändert\n"
    assert db.session.query(FileVersion).count() == 0


def test_restore_writes_the_old_content_and_records_it(app: Flask, make_user, edition_dir: Path) -> None:
    author = make_user(Role.LECTURER)
    path = edition_dir / "02-ki-grundlagen.md"
    original = path.read_text("utf-8")
    versions.save(MODULE, EDITION, edition_dir, path.name, "# Neu\n", sha(path), author)
    first = versions.history(MODULE, EDITION, path.name)[-1]
    versions.restore(first, edition_dir, sha(path), author, 1)
    assert path.read_text("utf-8") == original
    latest = versions.history(MODULE, EDITION, path.name)[0]
    assert latest.action == "restore" and latest.note == "Version 1"
    assert [n for n, _v in versions.numbered(MODULE, EDITION, path.name)] == [3, 2, 1]
    with pytest.raises(EditConflict):  # a restore from a stale page
        versions.restore(first, edition_dir, versions.sha256_text("# Neu\n"), author, 1)


def test_get_refuses_versions_of_other_files(app: Flask, make_user, edition_dir: Path) -> None:
    path = edition_dir / "01-einfuehrung.md"
    versions.save(MODULE, EDITION, edition_dir, path.name, "# A\n", sha(path), make_user(Role.LECTURER))
    row = versions.history(MODULE, EDITION, path.name)[0]
    assert versions.get(MODULE, EDITION, path.name, row.id) == row
    assert versions.get(MODULE, EDITION, "02-ki-grundlagen.md", row.id) is None
    assert versions.get(MODULE, "2024-25", path.name, row.id) is None


def test_history_follows_swapped_files(app: Flask) -> None:
    for name, text in (("01-a.md", "# A\n"), ("02-b.md", "# B\n")):
        versions.record(MODULE, EDITION, name, "save", text, None)
    db.session.commit()
    versions.move_history(MODULE, EDITION, {"01-a.md": "02-a.md", "02-b.md": "01-b.md"})
    db.session.commit()
    assert [r.content for r in versions.history(MODULE, EDITION, "02-a.md")] == ["# A\n"]
    assert [r.content for r in versions.history(MODULE, EDITION, "01-b.md")] == ["# B\n"]


def test_record_change_skips_unchanged_files(app: Flask) -> None:
    versions.record_change(MODULE, EDITION, "edition.toml", "a", "a", "rename", None)
    assert db.session.query(FileVersion).count() == 0
    versions.record_change(MODULE, EDITION, "edition.toml", "a", "b", "rename", None, "x → y")
    db.session.commit()
    assert [(r.action, r.content) for r in versions.history(MODULE, EDITION, "edition.toml")] == [
        ("rename", "b"),
        ("original", "a"),
    ]


def test_lesson_check_uses_the_loaders_rules(edition_dir: Path) -> None:
    assert check_lesson("01-einfuehrung.md", "# Titel\n\nText.\n") == []
    assert "Title" in describe(check_lesson("01-einfuehrung.md", "Kein Titel\n")[0])
    assert "DSGVO" in describe(check_lesson("01-x.md", "# T\n\n![a](https://example.org/a.png)\n")[0])
    assert check_lesson("1-x.md", "# T\n")  # bad name
    # Restoring a deleted lesson must not take another lesson's number.
    assert "taken by 01-einfuehrung.md" in describe(check_lesson("01-weg.md", "# T\n", edition_dir)[0])
    assert check_lesson("42-neu.md", "# T\n", edition_dir) == []


def test_edition_file_check_reports_field_and_message(edition_dir: Path) -> None:
    text = (edition_dir / "edition.toml").read_text("utf-8")
    assert check_edition_file(edition_dir, EDITION, text) == []
    broken = text.replace("term_end = 2026-03-31", "term_end = 2025-01-01")
    messages = [describe(p) for p in check_edition_file(edition_dir, EDITION, broken)]
    assert "term_end: term_end is before term_start" in messages
    assert any(
        m.startswith("edition.toml: TOML syntax error")
        for m in map(describe, check_edition_file(edition_dir, EDITION, "x = "))
    )
    assert (edition_dir / "edition.toml").read_text("utf-8") == text  # checked on a copy


def test_text_helpers() -> None:
    assert normalise_newlines("a\r\nb\rc") == "a\nb\nc\n"
    assert normalise_newlines("") == ""
    assert slugify("Übung: Datenschutz & KI – Teil 2") == "uebung-datenschutz-ki-teil-2"
    assert slugify("!!!") == ""
