"""`flask modules ...` on a bare Flask app: list, check (one test per kind of breakage), rollover, zip."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import campus.courses.content as content
from campus.accounts.models import Role
from campus.courses.content import CatalogueCache
from campus.courses.current import EXTENSION, catalogue

ED = "2025-26/edition.toml"
SECOND_ASSIGNMENT = """
[[assignments]]
id = "hausarbeit"
title = "Noch eine"
brief = "briefs/hausarbeit.md"
opens = 2025-11-01T00:00:00
due = 2026-02-15T23:59:00
cutoff = 2026-02-18T23:59:00
formats = ["pdf"]
words = [1000, 2000]
"""


def _write(rel: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / rel).write_text(text, "utf-8")


def _mkdir(rel: str) -> Callable[[Path], None]:
    return lambda folder: (folder / rel).mkdir()


def _append(rel: str, text: str) -> Callable[[Path], None]:
    def run(folder: Path) -> None:
        with (folder / rel).open("a", encoding="utf-8") as f:
            f.write(text)

    return run


def _replace_all(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def run(folder: Path) -> None:
        path = folder / rel
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")

    return run


# (file edited, old text, new text) or a callable, then the expected "file: field" and message part.
BREAKAGES = {
    "toml syntax": ("module.toml", "ects = 5", "ects = = 5", "demo/module.toml: TOML syntax error", "line 3"),
    "missing field": ("module.toml", "semester = 2\n", "", "demo/module.toml: semester:", "missing"),
    "wrong type": ("module.toml", "ects = 5", 'ects = "5"', "demo/module.toml: ects:", "got string"),
    "unknown status": (ED, 'status = "published"', 'status = "fertig"', f"demo/{ED}: status:", "unknown"),
    "bad edition folder": (_mkdir("2025"), "demo/2025: edition folder name", "YYYY-YY"),
    "edition years not consecutive": (_mkdir("2025-27"), "demo/2025-27: edition folder name", "YYYY-YY"),
    "current edition missing": (
        "module.toml", 'current_edition = "2025-26"', 'current_edition = "2023-24"',
        "demo/module.toml: current_edition:", "does not exist",
    ),
    "bad e-mail": ("module.toml", "anna.beispiel@hs-example.de", "anna.beispiel", "lecturers[1]:", "e-mail"),
    "term order": (ED, "term_end = 2026-03-31", "term_end = 2025-09-01", f"demo/{ED}: term_end:", "before"),
    "due before opens": (
        ED, "due = 2026-02-15T23:59:00", "due = 2025-10-15T23:59:00", "assignments[1].due:", "after opens",
    ),
    "cutoff before due": (
        ED, "cutoff = 2026-02-18T23:59:00", "cutoff = 2026-02-14T23:59:00", "assignments[1].cutoff:", "before",
    ),
    "defence before due": (
        ED, "window_start = 2026-02-23", "window_start = 2026-02-10",
        "assignments[1].defence.window_start:", "after the due date",
    ),
    "session outside term": (
        ED, "2025-10-21T10:00:00", "2026-05-05T10:00:00", f"demo/{ED}: sessions[2].starts:", "outside the term",
    ),
    "linked lesson missing": (ED, 'lesson = "02-datenschutz"', 'lesson = "02-fehlt"', "sessions[2].lesson:", "no lesson"),
    "brief missing": (ED, "briefs/hausarbeit.md", "briefs/fehlt.md", "assignments[1].brief:", "does not exist"),
    "brief outside edition": (ED, "briefs/hausarbeit.md", "../module.toml", "assignments[1].brief:", "inside"),
    "unknown format": (ED, '["pdf", "docx"]', '["pdf", "pages"]', "assignments[1].formats:", "unknown format"),
    "words range": (ED, "[4000, 6000]", "[6000, 4000]", "assignments[1].words:", "min <= max"),
    "duplicate assignment": (_append(ED, SECOND_ASSIGNMENT), "assignments[2].id:", "duplicate"),
    "lesson without heading": (
        _write("2025-26/03-ohne.md", "Kein Titel\n"), "demo/2025-26/03-ohne.md:", "# Title",
    ),
    "bad lesson file name": (
        _write("2025-26/3-Einstieg.md", "# Einstieg\n"), "demo/2025-26/3-Einstieg.md:", "NN-name.md",
    ),
    "upper-case .MD": (_write("2025-26/03-x.MD", "# X\n"), "demo/2025-26/03-x.MD:", "NN-name.md"),
    "external image": (
        _write("2025-26/03-bild.md", "# Bild\n\n![Logo](https://cdn.example.org/l.png)\n"),
        "demo/2025-26/03-bild.md:", "external image https://cdn.example.org/l.png",
    ),
    "lesson link with .md": (ED, '"02-datenschutz"', '"02-datenschutz.md"', "sessions[2].lesson:", "without .md"),
    "ects range": ("module.toml", "ects = 5", "ects = 31", "demo/module.toml: ects:", "between 1 and 30"),
    "semester range": ("module.toml", "semester = 2", "semester = 0", "demo/module.toml: semester:", "between"),
    "bad url scheme": (ED, "https://example.org/buch", "javascript:alert(1)", "readings[1].url:", "http"),
    "unknown key (typo)": (ED, "topic =", "topik =", f"demo/{ED}: topik:", "unknown field"),
    "minutes range": (ED, "minutes = 30", "minutes = 120", "assignments[1].defence.minutes:", "between 10 and 90"),
    "time lost to clock change": (
        ED, "2025-10-21T10:00:00", "2026-03-29T02:30:00", "sessions[2].starts:", "clock change",
    ),
    "offset date-time": (ED, "2025-11-01T00:00:00", "2025-11-01T00:00:00+01:00", "assignments[1].opens:", "local"),
    "German title missing": ("module.toml", 'de = "Aktuelle', 'fr = "Aktuelle', "demo/module.toml: title.de:", "missing"),
    "no sessions": (_replace_all(ED, "[[sessions]]", "[[sitzungen]]"), f"demo/{ED}: sessions:", "missing"),
}  # fmt: skip


def test_check_passes_on_valid_modules(make_module, courses_cli) -> None:
    make_module("demo")
    make_module("zweites")
    result = courses_cli.invoke(args=["modules", "check"])
    assert result.exit_code == 0, result.output
    assert "All modules are valid." in result.output


@pytest.mark.parametrize("case", list(BREAKAGES), ids=list(BREAKAGES))
def test_check_names_file_and_field_of_each_breakage(case: str, make_module, courses_cli, edit_file) -> None:
    folder = make_module("demo")
    make_module("heil")
    *change, where, message = BREAKAGES[case]
    if callable(change[0]):
        change[0](folder)
    else:
        edit_file(folder / change[0], change[1], change[2])
    result = courses_cli.invoke(args=["modules", "check"])
    assert result.exit_code == 1
    line = next((line for line in result.output.splitlines() if where in line), None)
    assert line is not None, result.output
    assert message in line
    assert "heil" not in result.output  # the intact module is not blamed
    assert courses_cli.invoke(args=["modules", "check", "heil"]).exit_code == 0


def test_check_unknown_module_id_fails(courses_cli) -> None:
    result = courses_cli.invoke(args=["modules", "check", "gibtsnicht"])
    assert result.exit_code == 1 and "no module with this id" in result.output


def test_list_shows_editions_and_broken_modules(make_module, courses_cli, edit_file) -> None:
    make_module("demo")
    edit_file(make_module("kaputt") / "module.toml", "ects = 5", "ects = 0")
    result = courses_cli.invoke(args=["modules", "list"])
    assert result.exit_code == 0
    assert "demo\tAktuelle Entwicklungen und Diskurse\tcurrent: 2025-26\t2025-26 (published)" in result.output
    assert "kaputt\tBROKEN: 1 problem(s)" in result.output


def test_export_then_import_commands(make_module, courses_cli, courses_root: Path, tmp_path: Path) -> None:
    make_module("demo")
    archive = tmp_path / "demo.zip"
    assert courses_cli.invoke(args=["modules", "export", "demo", str(archive)]).exit_code == 0
    with zipfile.ZipFile(archive) as zf:
        assert "demo/2025-26/01-einfuehrung.md" in zf.namelist()
    refused = courses_cli.invoke(args=["modules", "import", str(archive)])
    assert refused.exit_code == 1 and "already exists" in refused.output
    replaced = courses_cli.invoke(args=["modules", "import", str(archive), "--replace"])
    assert replaced.exit_code == 0 and "Imported module demo" in replaced.output
    assert courses_cli.invoke(args=["modules", "check"]).exit_code == 0


def test_init_app_stores_a_reloading_catalogue(courses_app, make_module) -> None:
    assert isinstance(courses_app.extensions[EXTENSION], CatalogueCache)
    assert not catalogue(courses_app).modules
    make_module("demo")
    assert list(catalogue(courses_app).modules) == ["demo"]  # interval 0: seen at once


def test_parsing_code_never_imports_flask() -> None:
    # campus/__init__ builds the app and campus/courses/__init__ installs the pages (both import
    # Flask), so load the engine without running them.
    code = f"""
import importlib, sys, types
for name, folder in (("campus", {str(Path(content.__file__).parents[2])!r}), ("campus.courses", {str(Path(content.__file__).parents[1])!r})):
    pkg = types.ModuleType(name)
    pkg.__path__ = [folder]
    sys.modules[name] = pkg
for name in {FLASK_FREE!r}:
    importlib.import_module("campus.courses.content" + name)
assert "flask" not in sys.modules and "click" not in sys.modules, "Flask imported"
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


FLASK_FREE = [
    "", ".archive", ".assets", ".cache", ".checks", ".diff", ".editions", ".errors", ".files", ".lessons",
    ".loader", ".manifest", ".render", ".rollover", ".tomledit", ".validate",
]  # fmt: skip


def test_check_warns_about_listed_lecturers_without_a_lecturer_account(runner, make_user) -> None:
    make_user(Role.LECTURER, email="dozentin@campus.example")
    make_user(Role.STUDENT, email="jonas.albrecht@campus.example")  # an account, but not a lecturer's
    result = runner.invoke(args=["modules", "check", "onlineberatung"])
    assert result.exit_code == 0, result.output  # a warning, not a problem: the module still works
    assert (
        "warning: onlineberatung/module.toml: lecturers: jonas.albrecht@campus.example has no active "
        "lecturer account, so cannot edit the module"
    ) in result.output
    assert "dozentin@campus.example" not in result.output
    assert runner.invoke(args=["modules", "check", "digitale-prozesse"]).output.count("warning") == 0


@pytest.mark.parametrize(
    "text",
    ["a" + ".a" * 5_000 + " = 1\n", "x = " + "[" * 2_000 + "]" * 2_000 + "\n"],
    ids=["dotted key", "nested arrays"],
)
def test_hostile_manifests_are_reported_by_list_check_and_import(
    text: str, make_module, courses_cli, courses_root: Path, tmp_path: Path
) -> None:
    make_module("heil")
    folder = make_module("demo")
    with (folder / ED).open("a", encoding="utf-8") as f:
        f.write(text)
    listing = courses_cli.invoke(args=["modules", "list"])
    assert listing.exit_code == 0 and listing.exception is None, listing.output
    assert "demo\tBROKEN: 1 problem(s)" in listing.output and "heil\t" in listing.output
    checked = courses_cli.invoke(args=["modules", "check"])
    assert checked.exit_code == 1 and not isinstance(checked.exception, RecursionError | MemoryError)
    assert f"demo/{ED}: refused before parsing: line" in checked.output and "Traceback" not in checked.output
    archive = tmp_path / "demo.zip"
    assert courses_cli.invoke(args=["modules", "export", "demo", str(archive)]).exit_code == 0
    imported = courses_cli.invoke(args=["modules", "import", str(archive), "--replace"])
    assert imported.exit_code == 1 and "refused before parsing" in imported.output
    assert "Error: module demo in the zip does not validate" in imported.output


def test_check_and_import_report_a_lesson_that_does_not_render_in_time(
    make_module, courses_cli, courses_root: Path, tmp_path: Path, quick_limit: float, stalling_lesson: str
) -> None:
    folder = make_module("demo")
    archive = tmp_path / "demo.zip"
    (folder / "2025-26" / "03-eckig.md").write_text(stalling_lesson, "utf-8")
    checked = courses_cli.invoke(args=["modules", "check", "demo"])
    assert checked.exit_code == 1
    assert "demo/2025-26/03-eckig.md: the lesson takes longer than 1 seconds to display" in checked.output
    assert courses_cli.invoke(args=["modules", "export", "demo", str(archive)]).exit_code == 0
    (folder / "2025-26" / "03-eckig.md").unlink()
    imported = courses_cli.invoke(args=["modules", "import", str(archive), "--replace"])
    assert imported.exit_code == 1 and "03-eckig.md: the lesson takes longer" in imported.output
    assert not (folder / "2025-26" / "03-eckig.md").exists()  # nothing was unpacked
