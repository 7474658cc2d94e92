"""Parse and validate one edition folder: edition.toml, its lessons and briefs."""

from __future__ import annotations

import hashlib
import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .manifest import AssignmentSpec, DefenceSpec, Edition, Lesson, Reading, Session
from .validate import LESSON_FILE, SLUG, Fields, Problem, is_ignored

STATUSES = ("draft", "published")
FORMATS = ("pdf", "docx", "odt", "txt")
# Every student's browser would fetch it from that server; the renderer drops such images anyway.
EXTERNAL_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:[a-zA-Z][\w+.-]*:|//)[^)\s>]*)")


def read_toml(path: Path, rel: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse a TOML file, recording a missing file or a syntax error (tomllib names line and column)."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        problems.append(Problem(rel, "", "file is missing"))
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(rel, "", f"TOML syntax error: {exc}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(rel, "", f"cannot read file: {exc}"))
    return None


def parse_edition(folder: Path, rel: str, edition_id: str) -> tuple[Edition | None, list[Problem]]:
    """Parse the edition in `folder` (`rel` = its path relative to the modules root) as `edition_id`."""
    problems: list[Problem] = []
    lessons = _lessons(folder, rel, problems)
    toml_rel = f"{rel}/edition.toml"
    data = read_toml(folder / "edition.toml", toml_rel, problems)
    if data is None:
        return None, problems
    f = Fields(data, toml_rel, "", problems)
    label, topic = f.string("label"), f.string("topic", required=False)
    status = f.string("status")
    if status is not None and status not in STATUSES:
        f.problem("status", f'unknown status "{status}"; use "draft" or "published"')
    start, end = f.date("term_start"), f.date("term_end")
    if start and end and start > end:
        f.problem("term_end", "term_end is before term_start")
    slugs = {lesson.slug for lesson in lessons}
    sessions = [_session(s, start, end, slugs) for s in f.tables("sessions")]
    readings = [_reading(r) for r in f.tables("readings", required=False)]
    tables = f.tables("assignments", required=False)
    assignments = [_assignment(a, folder) for a in tables]
    ids = [a.data.get("id") for a in tables]
    for number, aid in enumerate(ids, start=1):
        if isinstance(aid, str) and ids.index(aid) < number - 1:
            f.problem(f"assignments[{number}].id", f'duplicate assignment id "{aid}"')
    f.unknown()
    if problems:
        return None, problems
    assert label and status and start and end  # no problems means every required field was read
    edition = Edition(
        edition_id, folder, label, status, topic, start, end,
        tuple(sorted((s for s in sessions if s), key=lambda s: s.starts)),
        tuple(r for r in readings if r), tuple(a for a in assignments if a), tuple(lessons),
    )  # fmt: skip
    return edition, problems


def _session(f: Fields, start: Any, end: Any, slugs: set[str]) -> Session | None:
    starts, minutes, title = f.datetime("starts"), f.integer("minutes", 15, 480), f.string("title")
    lesson, room = f.string("lesson", required=False), f.string("room", required=False)
    if starts and start and end and not start <= starts.date() <= end:
        f.problem("starts", f"session on {starts.date()} is outside the term ({start} to {end})")
    if lesson is not None and lesson not in slugs:
        hint = "; write the name without .md" if lesson.endswith(".md") else ""
        f.problem("lesson", f'no lesson file "{lesson}.md" in this edition{hint}')
    f.unknown()
    if starts is None or minutes is None or title is None:
        return None
    return Session(starts, minutes, title, lesson, room)


def _reading(f: Fields) -> Reading | None:
    citation, url = f.string("citation"), f.string("url", required=False)
    required = f.boolean("required", required=False)
    if url is not None:
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            f.problem("url", f"only http:// or https:// links are allowed, got {url!r}")
    f.unknown()
    return None if citation is None else Reading(citation, url, bool(required))


def _brief(f: Fields, folder: Path) -> tuple[str | None, Path | None]:
    brief = f.string("brief")
    if brief is None:
        return None, None
    pure = PurePosixPath(brief)
    if "\\" in brief or pure.is_absolute() or ".." in pure.parts:
        f.problem("brief", "must be a path inside the edition folder, e.g. briefs/hausarbeit.md")
        return None, None
    path = folder / pure
    if not path.is_file():
        f.problem("brief", f'brief file "{brief}" does not exist')
        return None, None
    return brief, path


def _assignment(f: Fields, folder: Path) -> AssignmentSpec | None:
    aid, title = f.string("id"), f.string("title")
    if aid is not None and not SLUG.match(aid):
        f.problem("id", "use lower-case letters, digits and hyphens")
    brief, brief_path = _brief(f, folder)
    opens, due, cutoff = f.datetime("opens"), f.datetime("due"), f.datetime("cutoff")
    if opens and due and not opens < due:
        f.problem("due", "due must be after opens")
    if due and cutoff and not due <= cutoff:
        f.problem("cutoff", "cutoff must not be before due")
    formats = f.strings("formats")
    for fmt in formats or ():
        if fmt not in FORMATS:
            f.problem("formats", f'unknown format "{fmt}"; allowed: {", ".join(FORMATS)}')
    words = _words(f)
    defence = _defence(f.table("defence", required=False), due)
    f.unknown()
    if not (aid and title and brief and brief_path and opens and due and cutoff and formats and words):
        return None
    return AssignmentSpec(aid, title, brief, brief_path, opens, due, cutoff, formats, *words, defence)


def _words(f: Fields) -> tuple[int, int] | None:
    words = f.value("words", True, (list,), "an array [min, max] of integers")
    if words is None:
        return None
    if len(words) != 2 or not all(isinstance(w, int) and not isinstance(w, bool) for w in words):
        f.problem("words", "expected [min, max] with two integers")
    elif not 0 < words[0] <= words[1]:
        f.problem("words", f"need 0 < min <= max, got [{words[0]}, {words[1]}]")
    else:
        return words[0], words[1]
    return None


def _defence(f: Fields | None, due: Any) -> DefenceSpec | None:
    if f is None:
        return None
    required, minutes = f.boolean("required"), f.integer("minutes", 10, 90)
    start, end = f.date("window_start"), f.date("window_end")
    if start and due and not start > due.date():
        f.problem("window_start", f"the defence window must start after the due date ({due.date()})")
    if start and end and start > end:
        f.problem("window_end", "window_end is before window_start")
    f.unknown()
    if required is None or minutes is None or not start or not end:
        return None
    return DefenceSpec(required, start, end, minutes)


def _lessons(folder: Path, rel: str, problems: list[Problem]) -> list[Lesson]:
    lessons: dict[int, Lesson] = {}
    for path in sorted(folder.iterdir()):
        name, file = path.name, f"{rel}/{path.name}"
        if is_ignored(name) or path.suffix.lower() != ".md" or not path.is_file():
            continue
        m = LESSON_FILE.match(name)
        if not m:
            problems.append(Problem(file, "", "bad lesson file name: use NN-name.md (lower-case, digits, -)"))
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(file, "", "file is not UTF-8 text"))
            continue
        first = next((line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
        title = first[2:].strip().rstrip("#").strip() if first.startswith("# ") else ""
        if not title:
            problems.append(Problem(file, "", 'a lesson must start with a "# Title" heading'))
        for url in EXTERNAL_IMAGE.findall(text):
            problems.append(Problem(file, "", f"external image {url}: put the file in assets/ (DSGVO)"))
        number = int(m[1])
        if number in lessons:
            problems.append(Problem(file, "", f"lesson number {m[1]} is used twice"))
        lessons[number] = Lesson(number, path.stem, title, path, hashlib.sha256(raw).hexdigest(), text)
    return [lessons[n] for n in sorted(lessons)]
