"""A stand-in for a broken module: what still parses, plain defaults for the rest.

A broken module is hidden from readers (the loader disables it), but the people responsible must be
able to open its editing pages to repair it, and an import must know which of its editions are
archived. `salvage_module` gives both a `Module` to work with; it is never shown to students.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .editions import STATUSES, parse_edition, read_toml
from .lessons import parse_lessons
from .manifest import Edition, Module
from .validate import is_edition_id, is_ignored


def _text(value: Any, default: str) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else default


def _edition(folder: Path, rel: str) -> Edition:
    edition, _problems = parse_edition(folder, rel, folder.name)
    if edition is not None:
        return edition
    data = read_toml(folder / "edition.toml", f"{rel}/edition.toml", []) or {}
    year = int(folder.name[:4])
    start, end = data.get("term_start"), data.get("term_end")
    status = str(data["status"]) if data.get("status") in STATUSES else "draft"
    return Edition(
        folder.name, folder, _text(data.get("label"), folder.name), status, None,
        start if isinstance(start, date) else date(year, 10, 1),
        end if isinstance(end, date) else date(year + 1, 3, 31),
        (), (), (), tuple(parse_lessons(folder, rel, [])),
    )  # fmt: skip


def salvage_module(root: Path, module_id: str) -> Module | None:
    """The module `module_id` as far as it parses (None without a module folder).

    Unreadable lecturers give an empty list (only admins may then repair it); an unusable
    ``current_edition`` becomes the newest edition folder.
    """
    folder = root / module_id
    if not (folder / "module.toml").is_file():
        return None
    data: dict[str, Any] = read_toml(folder / "module.toml", f"{module_id}/module.toml", []) or {}
    editions = {
        path.name: _edition(path, f"{module_id}/{path.name}")
        for path in sorted(folder.iterdir())
        if path.is_dir() and not is_ignored(path.name) and is_edition_id(path.name)
    }
    if not editions:
        return None
    current = data.get("current_edition")
    current = current if isinstance(current, str) and current in editions else max(editions)
    raw_lecturers = data.get("lecturers")
    lecturers = (
        tuple(e.strip() for e in raw_lecturers if isinstance(e, str))
        if isinstance(raw_lecturers, list)
        else ()
    )
    raw_title = data.get("title")
    title: dict[str, Any] = raw_title if isinstance(raw_title, dict) else {}
    ects, semester = data.get("ects"), data.get("semester")
    return Module(
        module_id, folder, MappingProxyType({"de": _text(title.get("de"), module_id)}),
        MappingProxyType({"de": ""}), MappingProxyType({"de": ()}),
        ects if isinstance(ects, int) else 0, semester if isinstance(semester, int) else 0,
        lecturers, current, MappingProxyType(editions),
    )  # fmt: skip
