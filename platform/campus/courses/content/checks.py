"""Check a file's new text with the loader's own validators before it is written.

A lesson without a "# Title" or an edition.toml with a typo would disable the whole module for
everyone (the loader refuses broken modules), so the editor validates first, on a throw-away copy of
the edition folder, and never writes a text that would break the module.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .editions import parse_edition
from .lessons import parse_lessons
from .manifest import Edition
from .render import render_problem
from .validate import LESSON_FILE, N_, Problem, problem

EDITION_FILE = "edition.toml"
# German transliteration first: "Übung" -> "uebung", not "ubung".
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def normalise_newlines(text: str) -> str:
    """Browsers send a textarea's lines with CRLF; files keep LF (and end with one newline)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") or not text else text + "\n"


def slugify(title: str, limit: int = 50) -> str:
    """A lesson file name part from a title: "Datenschutz & KI" -> "datenschutz-ki"."""
    ascii_text = unicodedata.normalize("NFKD", title.translate(_GERMAN)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-")


def check_lesson(
    filename: str, text: str, edition_dir: Path | None = None, asset_base: str = "/"
) -> list[Problem]:
    """The loader's problems with `text` as lesson file `filename` (empty list: fine to write).

    With `edition_dir`, a file that does not exist yet (a deleted lesson being restored) must not
    take the number of another lesson. A text that does not render within the time limit is refused
    too; one that does is then in the render cache for `asset_base`, ready for the first reader.
    """
    if not LESSON_FILE.match(filename):
        return [problem(filename, "", N_("bad lesson file name: use NN-name.md"))]
    if edition_dir is not None and not (edition_dir / filename).exists():
        taken = sorted(p.name for p in edition_dir.glob(f"{filename[:3]}*.md"))
        if taken:
            return [
                problem(
                    filename,
                    "",
                    N_("lesson number %(number)s is taken by %(name)s"),
                    number=filename[:2],
                    name=taken[0],
                )
            ]
    with tempfile.TemporaryDirectory(prefix="campus-check-") as tmp:
        folder = Path(tmp)
        (folder / filename).write_bytes(text.encode("utf-8"))
        problems: list[Problem] = []
        lessons = parse_lessons(folder, "", problems)
    slow = [render_problem(lesson, filename, asset_base) for lesson in lessons if not problems]
    return [p.moved(filename) for p in problems] + [p for p in slow if p]


def check_edition_file(
    edition_dir: Path, edition_id: str, text: str, keep: Iterable[str] = ()
) -> list[Problem]:
    """The loader's problems with `text` as the edition.toml of the edition in `edition_dir`.

    The edition is copied without its assets (lessons and briefs are what edition.toml refers to),
    the new text is put in the copy, and the copy is parsed exactly as the loader parses editions.
    ``keep`` names assignments that must stay (they have submissions): removing or renaming one is a problem.
    """
    with tempfile.TemporaryDirectory(prefix="campus-check-") as tmp:
        copy = Path(tmp) / edition_id
        shutil.copytree(edition_dir, copy, ignore=shutil.ignore_patterns("assets", ".*"))
        (copy / EDITION_FILE).write_bytes(text.encode("utf-8"))
        edition, problems = parse_edition(copy, edition_id, edition_id)
    if edition is not None:
        problems += kept_assignments(edition, keep, f"{edition_id}/{EDITION_FILE}")
    # Only edition.toml's own problems: a lesson broken on disk by hand is not this text's fault.
    own = f"{edition_id}/{EDITION_FILE}"
    return [p.moved(EDITION_FILE) for p in problems if p.file == own]


def kept_assignments(edition: Edition, keep: Iterable[str], file: str) -> list[Problem]:
    """A problem for every assignment in ``keep`` that the edition no longer has (removed or renamed)."""
    present = {assignment.id for assignment in edition.assignments}
    return [kept_problem(file, aid) for aid in sorted(set(keep) - present)]


def kept_problem(file: str, assignment_id: str) -> Problem:
    """The problem of an assignment that has submissions but is missing from ``file``."""
    return problem(
        file,
        "assignments",
        N_('assignment "%(id)s" has submissions; it cannot be removed or renamed'),
        id=assignment_id,
    )


def describe(problem: Problem) -> str:
    """A problem as "field: message" (the file name when it concerns the whole file)."""
    return f"{problem.field or problem.file}: {problem.message}"
