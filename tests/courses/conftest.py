"""Fixtures for campus.courses: a valid module written to a temporary folder, and a bare Flask app.

The module below is the smallest one that exercises every field of docs/module-format.md; tests
break it one field at a time.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from campus.courses import init_app
from campus.courses.content import render
from campus.courses.current import DEFAULT_MODULES_DIR
from campus.courses.search import index
from campus.extensions import db

MODULE_TOML = """\
# Der stabile Rahmen des Moduls
current_edition = "2025-26"
ects = 5
semester = 2
lecturers = ["anna.beispiel@hs-example.de"]

[title]
de = "Aktuelle Entwicklungen und Diskurse"
en = "Current Developments and Debates"

[summary]
de = "Jedes Jahr ein neues Thema."

[learning_outcomes]
de = ["Die Studierenden ordnen aktuelle Entwicklungen ein."]
"""

EDITION_TOML = """\
# Ein Kommentar, der erhalten bleiben muss
label = "Wintersemester 2025/26"
status = "published"
topic = "KI in Beratung und Verwaltung"
term_start = 2025-10-01
term_end = 2026-03-31

[[sessions]]
starts = 2025-10-14T10:00:00  # Dienstag
minutes = 90
title = "Einführung"
lesson = "01-einfuehrung"
room = "A 101"

[[sessions]]
starts = 2025-10-21T10:00:00
minutes = 90
title = "Datenschutz"
lesson = "02-datenschutz"

[[readings]]
citation = "Muster, M. (2024-05-01). Ein Titel, der 2024-05-01 erwähnt."
url = "https://example.org/buch"
required = true

[[assignments]]
id = "hausarbeit"
title = "Hausarbeit"
brief = "briefs/hausarbeit.md"
opens = 2025-11-01T00:00:00
due = 2026-02-15T23:59:00
cutoff = 2026-02-18T23:59:00
formats = ["pdf", "docx"]
words = [4000, 6000]

[assignments.defence]
required = true
window_start = 2026-02-23
window_end = 2026-03-06
minutes = 30
"""

LESSONS = {
    "01-einfuehrung.md": "# Einführung\n\nWillkommen. ![Schaubild](assets/bild.png)\n\n## Ziele\n\nText.\n",
    "02-datenschutz.md": "# Datenschutz\n\n```python\ndef einwilligung(): return True\n```\n",
}

MakeModule = Callable[..., Path]


@pytest.fixture
def courses_root(tmp_path: Path) -> Path:
    """An empty modules folder."""
    root = tmp_path / "modules"
    root.mkdir()
    return root


def write_module(root: Path, module_id: str = "demo", edition: str = "2025-26") -> Path:
    """Write the valid example module to ``root/module_id`` and return its folder."""
    folder = root / module_id
    ed = folder / edition
    (ed / "briefs").mkdir(parents=True)
    (ed / "assets").mkdir()
    (folder / "module.toml").write_text(MODULE_TOML.replace("2025-26", edition), "utf-8")
    (ed / "edition.toml").write_text(EDITION_TOML, "utf-8")
    for name, text in LESSONS.items():
        (ed / name).write_text(text, "utf-8")
    (ed / "briefs" / "hausarbeit.md").write_text("# Aufgabe\n\nSchreiben Sie.\n", "utf-8")
    (ed / "assets" / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder


@pytest.fixture
def make_module(courses_root: Path) -> MakeModule:
    """Factory: ``make_module("id")`` writes a valid module into `courses_root`."""

    def make(module_id: str = "demo", edition: str = "2025-26") -> Path:
        return write_module(courses_root, module_id, edition)

    return make


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must occur) by `new` in a text file."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def edit_file() -> Callable[[Path, str, str], None]:
    """The `edit` helper as a fixture, so test modules need not import conftest."""
    return edit


@pytest.fixture
def courses_app(courses_root: Path) -> Flask:
    """A bare Flask app with only the courses extension, reading `courses_root`."""
    app = Flask(__name__)
    app.config.update(MODULES_DIR=str(courses_root), MODULES_RELOAD_INTERVAL=0)
    init_app(app)
    return app


@pytest.fixture
def courses_cli(courses_app: Flask) -> FlaskCliRunner:
    """CLI runner for `flask modules ...` on the bare app."""
    return courses_app.test_cli_runner()


@pytest.fixture
def app_config(tmp_path: Path) -> dict[str, Any]:
    """Web tests run on a copy of the shipped modules (a test may change files), re-read on every request."""
    root = tmp_path / "modules"
    shutil.copytree(DEFAULT_MODULES_DIR, root)
    return {"MODULES_DIR": str(root), "MODULES_RELOAD_INTERVAL": 0}


@pytest.fixture
def stalling_lesson() -> str:
    """A lesson on which Python-Markdown's link parsing is quadratic: 10,000 "[" take it some 16 seconds."""
    return "# Eckig\n\nText " + "[" * 10_000 + "\n"


@pytest.fixture
def quick_limit() -> Iterator[float]:
    """One second per lesson render (instead of two), so pathological texts fail fast."""
    before = render.time_limit()
    render.configure(seconds=1.0)
    yield 1.0
    render.configure(seconds=before)


@pytest.fixture(autouse=True)
def _drop_search_index(request: pytest.FixtureRequest) -> Iterator[None]:
    """The search index is derived data outside the models (saves update it): after a test with the app,
    remove its tables as the `app` fixture removes the models' (they would stay on a shared PostgreSQL)."""
    if "app" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("app")  # set up first, so it is still there when this one cleans up
    yield
    db.session.rollback()
    index.drop_index()
    db.session.commit()
