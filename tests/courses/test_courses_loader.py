"""Loading module folders: the parsed values, broken modules kept apart, and reloading from disk."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from campus.courses.content import CatalogueCache, check, load_catalogue, loader
from campus.courses.content.bounds import ManifestTooLarge, check_bounds
from campus.courses.content.cache import MARKER, fingerprint, mark_changed
from campus.courses.current import DEFAULT_MODULES_DIR

BERLIN = ZoneInfo("Europe/Berlin")


def test_valid_module_is_parsed_completely(make_module, courses_root: Path) -> None:
    make_module("demo")
    catalogue = load_catalogue(courses_root)
    assert catalogue.broken == {}
    module = catalogue.modules["demo"]
    assert module.title_for("en") == "Current Developments and Debates"
    assert module.summary_for("en") == "Jedes Jahr ein neues Thema."  # no English: German fallback
    assert module.outcomes_for("fr") == ("Die Studierenden ordnen aktuelle Entwicklungen ein.",)
    assert (module.ects, module.semester) == (5, 2)
    assert module.is_lecturer("Anna.Beispiel@HS-example.de")
    edition = module.current
    assert (edition.id, edition.label, edition.is_published) == ("2025-26", "Wintersemester 2025/26", True)
    assert edition.term_start == date(2025, 10, 1)
    first = edition.sessions[0]
    assert first.starts == datetime(2025, 10, 14, 10, tzinfo=BERLIN)
    assert first.ends.hour == 11 and first.ends.minute == 30
    assert (first.lesson, first.room) == ("01-einfuehrung", "A 101")
    assert edition.readings[0].required and edition.readings[0].url == "https://example.org/buch"


def test_assignment_times_are_aware_berlin(make_module, courses_root: Path) -> None:
    make_module("demo")
    spec = load_catalogue(courses_root).modules["demo"].current.assignment("hausarbeit")
    assert spec is not None
    assert spec.due.tzinfo is not None and spec.due.utcoffset().total_seconds() == 3600  # CET in February
    assert spec.opens.utcoffset().total_seconds() == 3600
    assert (spec.min_words, spec.max_words, spec.formats) == (4000, 6000, ("pdf", "docx"))
    assert spec.brief_path.name == "hausarbeit.md" and spec.brief_path.is_file()
    assert spec.defence is not None and spec.defence.window_start == date(2026, 2, 23)


def test_lessons_ordered_with_title_slug_hash_and_neighbours(make_module, courses_root: Path) -> None:
    folder = make_module("demo")
    (folder / "2025-26" / "10-abschluss.md").write_text("\n# Abschluss #\n", "utf-8")
    edition = load_catalogue(courses_root).modules["demo"].current
    assert [lesson.slug for lesson in edition.lessons] == ["01-einfuehrung", "02-datenschutz", "10-abschluss"]
    assert edition.lessons[2].title == "Abschluss" and edition.lessons[2].number == 10
    assert len(edition.lessons[0].sha256) == 64
    prev, nxt = edition.neighbours("02-datenschutz")
    assert prev is not None and nxt is not None
    assert (prev.slug, nxt.slug) == ("01-einfuehrung", "10-abschluss")
    assert edition.neighbours("01-einfuehrung")[0] is None
    assert edition.lesson("nope") is None


def test_broken_module_is_disabled_and_others_keep_working(make_module, courses_root, edit_file) -> None:
    make_module("gut")
    bad = make_module("kaputt")
    edit_file(bad / "module.toml", "ects = 5", "ects = 99")
    catalogue = load_catalogue(courses_root)
    assert list(catalogue.modules) == ["gut"]
    assert catalogue.get("kaputt") is None
    [problem] = catalogue.broken["kaputt"]
    assert (problem.file, problem.field) == ("kaputt/module.toml", "ects")
    assert str(problem) == "kaputt/module.toml: ects: must be between 1 and 30, got 99"


def test_ignored_and_non_module_folders(make_module, courses_root: Path) -> None:
    make_module("demo")
    (courses_root / "README.md").write_text("# Anleitung\n", "utf-8")
    (courses_root / "notizen").mkdir()  # no module.toml: not a module
    shutil.copytree(courses_root / "demo", courses_root / "_vorlage")
    (courses_root / "demo" / ".entwurf").mkdir()
    (courses_root / "demo" / "2025-26" / "_alt.md").write_text("kein Titel", "utf-8")
    catalogue = load_catalogue(courses_root)
    assert list(catalogue.modules) == ["demo"] and catalogue.broken == {}


def test_missing_root_gives_empty_catalogue(tmp_path: Path) -> None:
    catalogue = load_catalogue(tmp_path / "nowhere")
    assert not catalogue.modules and not catalogue.broken


def test_check_lists_every_problem_of_one_module(make_module, courses_root, edit_file) -> None:
    folder = make_module("demo")
    edit_file(folder / "module.toml", "semester = 2", "semester = 9")
    edit_file(folder / "2025-26" / "edition.toml", 'status = "published"', 'status = "fertig"')
    fields = [p.field for p in check(courses_root, "demo")]
    assert fields == ["status", "semester"]  # grouped by file: demo/2025-26/... before demo/module.toml
    assert check(courses_root, "fehlt")[0].message.startswith("no module with this id")


def test_cache_picks_up_a_copied_module_without_restart(make_module, courses_root: Path) -> None:
    make_module("eins")
    cache = CatalogueCache(courses_root, interval=0)
    first = cache.get()
    assert list(first.modules) == ["eins"]
    assert cache.get() is first  # nothing changed: no re-scan
    shutil.copytree(courses_root / "eins", courses_root / "zwei")
    assert list(cache.get().modules) == ["eins", "zwei"]


def test_cache_disables_a_module_broken_on_disk(make_module, courses_root, edit_file) -> None:
    folder = make_module("demo")
    cache = CatalogueCache(courses_root, interval=0)
    assert "demo" in cache.get().modules
    edit_file(folder / "2025-26" / "edition.toml", "minutes = 90", "minutes = 9000")
    assert "demo" in cache.get().broken


def test_cache_waits_for_its_interval(make_module, courses_root: Path) -> None:
    make_module("eins")
    cache = CatalogueCache(courses_root, interval=3600)
    first = cache.get()
    shutil.copytree(courses_root / "eins", courses_root / "zwei")
    assert cache.get() is first  # within the interval the tree is not even looked at
    cache.invalidate()
    assert "zwei" in cache.get().modules


def test_fingerprint_sees_same_size_edit_and_ignores_hidden(make_module, courses_root: Path) -> None:
    folder = make_module("demo")
    before = fingerprint(courses_root)
    (folder / ".swp").write_text("x", "utf-8")
    assert fingerprint(courses_root) == before
    lesson = folder / "2025-26" / "01-einfuehrung.md"
    text = lesson.read_text("utf-8")
    tmp = lesson.with_name(".tmp")
    tmp.write_text(text.replace("Text.", "Txet."), "utf-8")
    tmp.replace(lesson)  # same size, maybe same mtime tick: the inode still differs
    assert fingerprint(courses_root) != before


def test_cache_reloads_at_once_when_the_change_marker_moves(make_module, courses_root: Path) -> None:
    make_module("eins")
    writer, reader = CatalogueCache(courses_root, interval=3600), CatalogueCache(courses_root, interval=3600)
    first = reader.get()
    assert writer.get() is not first  # two processes, two caches
    shutil.copytree(courses_root / "eins", courses_root / "zwei")
    assert reader.get() is first  # a hand edit waits for the interval
    mark_changed(courses_root)  # a write through Campus says so
    assert list(reader.get().modules) == ["eins", "zwei"] and "zwei" in writer.get().modules
    assert MARKER not in {p.name for p in courses_root.iterdir() if not p.name.startswith(".")}


DOTTED_KEY = "a" + ".a" * 5_000 + " = 1\n"  # the parser's memory grows with the square of its length
NESTED = "x = " + "[" * 2_000 + "]" * 2_000 + "\n"  # overflows the parser's recursion


@pytest.mark.parametrize(
    ("file", "text", "message"),
    [
        ("2025-26/edition.toml", DOTTED_KEY, "a key longer than 200 characters"),
        ("2025-26/edition.toml", NESTED, "nested more than 16 levels deep"),
        ("module.toml", "[" + "a." * 200 + "a]\nx = 1\n", "a key longer than 200 characters"),
        ("module.toml", 'x = "' + "y" * 300_000 + '"\n', "larger than 256 KB"),
        ("2025-26/edition.toml", "t = { " + "k." * 150 + "k = 1 }\n", "a key longer than 200 characters"),
    ],
)
def test_manifests_over_the_bounds_are_refused_before_parsing(
    make_module, courses_root: Path, file: str, text: str, message: str
) -> None:
    make_module("gut")
    folder = make_module("demo")
    with (folder / file).open("a", encoding="utf-8") as f:
        f.write(text)
    catalogue = load_catalogue(courses_root)
    assert list(catalogue.modules) == ["gut"]  # the other module keeps working
    [problem] = catalogue.broken["demo"]
    assert problem.file == f"demo/{file}" and problem.message.startswith("refused before parsing")
    assert message in problem.message


def test_honest_toml_passes_the_bounds() -> None:
    for path in DEFAULT_MODULES_DIR.rglob("*.toml"):
        check_bounds(path.read_text("utf-8"))
    tricky = (
        'a = "x # not a comment = [[[[" \n b = [1, [2, [3]]]\n[t]\nc.d = {e = 1, f = [1, 2], g = {h = 1}}\n'
        '[[arr]]\nk = """multi\n[[[[\n"""\nl = \'\'\'literal " \'\'\'\nm = [\n  1,\n  2,\n]\n"quoted.key" = 1\n'
    )
    check_bounds(tricky)
    assert tomllib.loads(tricky)["t"]["c"]["d"]["g"] == {"h": 1}
    with pytest.raises(ManifestTooLarge, match="line 3"):
        check_bounds("a = 1\nb = 2\n" + "[" * 17)


def test_a_module_the_loader_trips_over_is_disabled_alone(
    make_module, courses_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_module("gut")
    make_module("kaputt")
    real = loader.load_module

    def tripping(root: Path, module_id: str):  # a bug on strange content, say
        if module_id == "kaputt":
            raise KeyError("unerwartet")
        return real(root, module_id)

    monkeypatch.setattr(loader, "load_module", tripping)
    catalogue = load_catalogue(courses_root)
    assert list(catalogue.modules) == ["gut"]
    assert "cannot be loaded: KeyError" in catalogue.broken["kaputt"][0].message


def test_an_oversized_lesson_file_is_a_problem_not_a_memory_spike(make_module, courses_root: Path) -> None:
    folder = make_module("demo")
    (folder / "2025-26" / "03-riesig.md").write_bytes(b"# Riesig\n\n" + b"x" * (3 * 1024 * 1024))
    [problem] = load_catalogue(courses_root).broken["demo"]
    assert problem.file == "demo/2025-26/03-riesig.md" and "larger than 2048 KB" in problem.message
