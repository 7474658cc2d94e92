"""Parse and validate one edition folder: edition.toml, its lessons and briefs."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .bounds import MAX_BYTES, ManifestTooLarge, parse_toml
from .defence import parse_defence
from .lessons import parse_lessons
from .manifest import AssignmentSpec, Edition, Reading, Session
from .validate import N_, SLUG, Fields, Problem, problem

STATUSES = ("draft", "published")
FORMATS = ("pdf", "docx", "odt", "txt", "md")
AI_POLICIES = ("none", "declared", "free")


def read_toml(path: Path, rel: str, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse a TOML file within the bounds of `content.bounds`, recording a missing or oversized file
    or a syntax error (tomllib names line and column) instead of raising."""
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # never more than the bound into memory
        if len(raw) > MAX_BYTES:
            raise ManifestTooLarge(
                N_("refused before parsing: the file is larger than %(kb)s KB"), kb=MAX_BYTES // 1024
            )
        return parse_toml(raw.decode("utf-8"))
    except FileNotFoundError:
        problems.append(problem(rel, "", N_("file is missing")))
    except tomllib.TOMLDecodeError as exc:
        problems.append(problem(rel, "", N_("TOML syntax error: %(error)s"), error=str(exc)))
    except ManifestTooLarge as exc:
        # The bound's own template, so the pages can translate it.
        problems.append(problem(rel, "", exc.template, **exc.params))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem(rel, "", N_("cannot read file: %(error)s"), error=str(exc)))
    except (RecursionError, MemoryError, ValueError) as exc:  # whatever else the parser may raise
        problems.append(problem(rel, "", N_("cannot parse file: %(error)s"), error=exc.__class__.__name__))
    return None


def parse_edition(folder: Path, rel: str, edition_id: str) -> tuple[Edition | None, list[Problem]]:
    """Parse the edition in `folder` (`rel` = its path relative to the modules root) as `edition_id`."""
    problems: list[Problem] = []
    lessons = parse_lessons(folder, rel, problems)
    toml_rel = f"{rel}/edition.toml"
    data = read_toml(folder / "edition.toml", toml_rel, problems)
    if data is None:
        return None, problems
    f = Fields(data, toml_rel, "", problems)
    label, topic = f.string("label"), f.string("topic", required=False)
    status = f.string("status")
    if status is not None and status not in STATUSES:
        f.problem("status", N_('unknown status "%(status)s"; use "draft" or "published"'), status=status)
    start, end = f.date("term_start"), f.date("term_end")
    if start and end and start > end:
        f.problem("term_end", N_("term_end is before term_start"))
    slugs = {lesson.slug for lesson in lessons}
    sessions = [_session(s, start, end, slugs) for s in f.tables("sessions")]
    readings = [_reading(r) for r in f.tables("readings", required=False)]
    tables = f.tables("assignments", required=False)
    assignments = [_assignment(a, folder) for a in tables]
    ids = [a.data.get("id") for a in tables]
    for number, aid in enumerate(ids, start=1):
        if isinstance(aid, str) and ids.index(aid) < number - 1:
            f.problem(f"assignments[{number}].id", N_('duplicate assignment id "%(id)s"'), id=aid)
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
        f.problem(
            "starts",
            N_("session on %(day)s is outside the term (%(start)s to %(end)s)"),
            day=starts.date(),
            start=start,
            end=end,
        )
    if lesson is not None and lesson not in slugs:
        if lesson.endswith(".md"):
            f.problem(
                "lesson",
                N_('no lesson file "%(name)s.md" in this edition; write the name without .md'),
                name=lesson,
            )
        else:
            f.problem("lesson", N_('no lesson file "%(name)s.md" in this edition'), name=lesson)
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
            f.problem("url", N_("only http:// or https:// links are allowed, got %(url)s"), url=repr(url))
    f.unknown()
    return None if citation is None else Reading(citation, url, bool(required))


def _brief(f: Fields, folder: Path) -> tuple[str | None, Path | None]:
    brief = f.string("brief")
    if brief is None:
        return None, None
    pure = PurePosixPath(brief)
    if "\\" in brief or pure.is_absolute() or ".." in pure.parts:
        f.problem("brief", N_("must be a path inside the edition folder, e.g. briefs/hausarbeit.md"))
        return None, None
    path = folder / pure
    if not path.is_file():
        f.problem("brief", N_('brief file "%(path)s" does not exist'), path=brief)
        return None, None
    return brief, path


def _assignment(f: Fields, folder: Path) -> AssignmentSpec | None:
    aid, title = f.string("id"), f.string("title")
    if aid is not None and not SLUG.match(aid):
        f.problem("id", N_("use lower-case letters, digits and hyphens"))
    brief, brief_path = _brief(f, folder)
    opens, due, cutoff = f.datetime("opens"), f.datetime("due"), f.datetime("cutoff")
    if opens and due and not opens < due:
        f.problem("due", N_("due must be after opens"))
    if due and cutoff and not due <= cutoff:
        f.problem("cutoff", N_("cutoff must not be before due"))
    formats = f.strings("formats")
    for fmt in formats or ():
        if fmt not in FORMATS:
            f.problem(
                "formats",
                N_('unknown format "%(format)s"; allowed: %(allowed)s'),
                format=fmt,
                allowed=", ".join(FORMATS),
            )
    words = _words(f)
    defence = parse_defence(f.table("defence", required=False), due)
    hand_in = _hand_in(f)
    f.unknown()
    if not (aid and title and brief and brief_path and opens and due and cutoff and formats and words):
        return None
    return AssignmentSpec(
        aid, title, brief, brief_path, opens, due, cutoff, formats, *words, defence, **hand_in
    )


def _hand_in(f: Fields) -> dict[str, Any]:
    """The optional hand-in and marking settings; absent keys keep the defaults of `AssignmentSpec`."""
    values: dict[str, Any] = {
        "max_mb": f.integer("max_mb", 1, 100, required=False),
        "blind": f.boolean("blind", required=False),
        "second_marker": f.boolean("second_marker", required=False),
        "ai_policy": f.string("ai_policy", required=False),
        "declaration": f.string("declaration", required=False),
        "ai_declaration": f.string("ai_declaration", required=False),
    }
    if values["ai_policy"] is not None and values["ai_policy"] not in AI_POLICIES:
        policies = ", ".join(AI_POLICIES)
        f.problem(
            "ai_policy",
            N_('unknown policy "%(policy)s"; use %(policies)s'),
            policy=values["ai_policy"],
            policies=policies,
        )
        values["ai_policy"] = None
    for key in ("declaration", "ai_declaration"):
        if values[key] is not None and len(values[key]) > 4000:
            f.problem(key, N_("at most %(limit)s characters"), limit=4000)
    return {key: value for key, value in values.items() if value is not None}


def _words(f: Fields) -> tuple[int, int] | None:
    words = f.value("words", True, (list,), N_("expected an array [min, max] of integers, got %(got)s"))
    if words is None:
        return None
    if len(words) != 2 or not all(isinstance(w, int) and not isinstance(w, bool) for w in words):
        f.problem("words", N_("expected [min, max] with two integers"))
    elif not 0 < words[0] <= words[1]:
        f.problem("words", N_("need 0 < min <= max, got [%(min)s, %(max)s]"), min=words[0], max=words[1])
    else:
        return words[0], words[1]
    return None
