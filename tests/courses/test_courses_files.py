"""Compare-and-swap saves and lesson file operations keep the module valid and never lose a save."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from campus.courses.content import check, load_catalogue
from campus.courses.content.errors import EditConflict, LessonFileError
from campus.courses.content.files import (
    create_lesson,
    delete_lesson,
    rename_lesson,
    reorder_lessons,
    sha256_file,
    write_atomic,
)


@pytest.fixture
def edition(make_module) -> Path:
    return make_module("demo") / "2025-26"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_save_with_current_hash_writes_atomically(edition: Path) -> None:
    path = edition / "01-einfuehrung.md"
    path.chmod(0o640)
    opened = sha256_file(path)
    new_hash = write_atomic(path, "# Einführung\n\nNeu.\n", opened)
    assert path.read_text("utf-8") == "# Einführung\n\nNeu.\n" and new_hash == _sha("# Einführung\n\nNeu.\n")
    assert path.stat().st_mode & 0o777 == 0o640  # the file keeps its permissions
    assert [p.name for p in edition.iterdir() if p.name.startswith(".")] == []  # no temp file left


def test_stale_editor_gets_conflict_and_first_save_survives(edition: Path) -> None:
    path = edition / "01-einfuehrung.md"
    opened = sha256_file(path)  # both editors open the same version
    write_atomic(path, "# Einführung\n\nErste Speicherung.\n", opened)
    with pytest.raises(EditConflict) as caught:
        write_atomic(path, "# Einführung\n\nZweite, veraltete.\n", opened)
    assert caught.value.current_sha256 == _sha("# Einführung\n\nErste Speicherung.\n")
    assert "Erste Speicherung" in path.read_text("utf-8")


def test_expected_none_means_create_only(edition: Path) -> None:
    write_atomic(edition / "03-neu.md", "# Neu\n", None)
    with pytest.raises(EditConflict, match="was created"):
        write_atomic(edition / "03-neu.md", "# Anders\n", None)
    with pytest.raises(EditConflict, match="deleted"):
        write_atomic(edition / "04-weg.md", "# Weg\n", _sha("irgendwas"))


def test_newlines_are_written_as_given(edition: Path) -> None:
    path = edition / "01-einfuehrung.md"
    write_atomic(path, "# A\r\n\r\nB\r\n", sha256_file(path))
    assert path.read_bytes() == b"# A\r\n\r\nB\r\n"


def test_create_lesson_appends_numbered_file(edition: Path) -> None:
    path = create_lesson(edition, "ki-und-beratung", "KI und Beratung")
    assert path.name == "03-ki-und-beratung.md" and path.read_text("utf-8") == "# KI und Beratung\n"
    assert check(edition.parents[1]) == []
    for bad in ("Gross", "mit leer", "../x", "a_b", ""):
        with pytest.raises(LessonFileError):
            create_lesson(edition, bad, "Titel")


def test_rename_lesson_keeps_number_and_session_links(edition: Path) -> None:
    new = rename_lesson(edition, "02-datenschutz.md", "dsgvo")
    assert new.name == "02-dsgvo.md" and not (edition / "02-datenschutz.md").exists()
    assert check(edition.parents[1]) == []
    assert 'lesson = "02-dsgvo"' in (edition / "edition.toml").read_text("utf-8")
    (edition / "01-ueberblick.md").write_text("# Überblick\n", "utf-8")
    with pytest.raises(LessonFileError, match="already exists"):
        rename_lesson(edition, "01-einfuehrung.md", "ueberblick")
    with pytest.raises(LessonFileError, match="does not exist"):
        rename_lesson(edition, "09-fehlt.md", "x")
    with pytest.raises(LessonFileError, match="bad lesson file name"):
        rename_lesson(edition, "../module.toml", "x")


def test_reorder_renumbers_and_relinks(edition: Path) -> None:
    create_lesson(edition, "abschluss", "Abschluss")
    paths = reorder_lessons(edition, ["03-abschluss.md", "01-einfuehrung.md", "02-datenschutz.md"])
    assert [p.name for p in paths] == ["01-abschluss.md", "02-einfuehrung.md", "03-datenschutz.md"]
    module = load_catalogue(edition.parents[1]).modules["demo"]
    assert [s.lesson for s in module.current.sessions] == ["02-einfuehrung", "03-datenschutz"]
    assert [lesson.title for lesson in module.current.lessons] == ["Abschluss", "Einführung", "Datenschutz"]


def test_reorder_swaps_lessons_with_the_same_name(edition: Path) -> None:
    (edition / "03-einfuehrung.md").write_text("# Zweite Einführung\n", "utf-8")
    reorder_lessons(edition, ["03-einfuehrung.md", "02-datenschutz.md", "01-einfuehrung.md"])
    assert (edition / "01-einfuehrung.md").read_text("utf-8") == "# Zweite Einführung\n"
    assert 'lesson = "03-einfuehrung"' in (edition / "edition.toml").read_text("utf-8")
    assert check(edition.parents[1]) == []


def test_reorder_needs_every_lesson_once(edition: Path) -> None:
    with pytest.raises(LessonFileError, match="exactly once"):
        reorder_lessons(edition, ["01-einfuehrung.md"])
    with pytest.raises(LessonFileError, match="exactly once"):
        reorder_lessons(edition, ["01-einfuehrung.md", "01-einfuehrung.md"])


def test_delete_lesson_checks_links_and_hash(edition: Path) -> None:
    path = create_lesson(edition, "entwurf", "Entwurf")
    with pytest.raises(EditConflict):
        delete_lesson(edition, path.name, _sha("alt"))
    delete_lesson(edition, path.name, sha256_file(path) or "")
    assert not path.exists()
    linked = edition / "01-einfuehrung.md"
    with pytest.raises(LessonFileError, match="a session links to 01-einfuehrung"):
        delete_lesson(edition, linked.name, sha256_file(linked) or "")
    assert linked.exists()
