"""Small, verifiable edits of TOML text.

The standard library reads TOML but cannot write it, and re-serialising would drop the lecturers'
comments and layout. So edits are substitutions on the text that skip strings and comments, and
callers re-parse the result to prove that exactly the intended values changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

# A field's place in the parsed document: ("sessions", 0, "starts"); array indexes are 0-based.
Path = tuple[str | int, ...]

_TOKEN = re.compile(
    r'''(?P<skip>"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#[^\n]*)
    |^[ \t]*(?P<open>\[\[?)[ \t]*(?P<header>[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\]\]?
    |^[ \t]*(?P<key>[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*=
    |(?<![\w.:+-])(?P<date>\d{4}-\d{2}-\d{2})(?!\d)''',
    re.VERBOSE | re.MULTILINE,
)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_STRING = r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_YEARS = re.compile(r"(?<!\d)(\d{4})(?:([/-])(\d{2}))?(?!\d)")


def _names(dotted: str) -> list[str]:
    return [part.strip() for part in dotted.split(".")]


class _Places:
    """Follows table headers and keys through the text, so each date literal knows its field."""

    def __init__(self) -> None:
        self.table: Path = ()
        self.key: Path = ()
        self.arrays: dict[tuple[str, ...], int] = {}  # array-of-tables name -> index of its last element

    def resolve(self, names: list[str]) -> Path:
        path: list[str | int] = []
        for n, name in enumerate(names, start=1):
            path.append(name)
            if tuple(names[:n]) in self.arrays:
                path.append(self.arrays[tuple(names[:n])])
        return tuple(path)

    def header(self, opening: str, dotted: str) -> None:
        names = _names(dotted)
        if opening == "[[":
            name = tuple(names)
            self.arrays[name] = self.arrays.get(name, -1) + 1
            for nested in [k for k in self.arrays if len(k) > len(name) and k[: len(name)] == name]:
                del self.arrays[nested]  # a new element starts its own sub-arrays
        self.table = self.key = self.resolve(names)

    def assign(self, dotted: str) -> None:
        self.key = self.table + tuple(_names(dotted))


def map_dates(text: str, move: Callable[[Path, date], date]) -> str:
    """Replace the date part of every TOML date and date-time literal by ``move(field, day)``.

    The time of day and offset stay as written; strings and comments are left alone. `field` is the
    key the literal is the value of (inside an array: the array's key).
    """
    places = _Places()

    def sub(m: re.Match[str]) -> str:
        if m["header"] is not None:
            places.header(m["open"], m["header"])
        elif m["key"] is not None:
            places.assign(m["key"])
        elif m["date"] is not None:
            return move(places.key, date.fromisoformat(m["date"])).isoformat()
        return m[0]

    return _TOKEN.sub(sub, text)


def map_parsed(value: Any, move: Callable[[Path, date], date], path: Path = ()) -> Any:
    """`value` (parsed TOML) with every date and date-time moved as `map_dates` moves the text.

    A date-time keeps its time of day: it moves by as many days as its date does.
    """
    if isinstance(value, date):  # datetime is a date too
        day = value.date() if isinstance(value, datetime) else value
        return value + (move(path, day) - day)
    if isinstance(value, dict):
        return {k: map_parsed(v, move, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        tables = all(isinstance(v, dict) for v in value)
        return [map_parsed(v, move, (*path, i) if tables else path) for i, v in enumerate(value)]
    return value


def toml_string(value: str) -> str:
    """`value` as a TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def set_top_level_string(text: str, key: str, value: str) -> str:
    """Replace the string value of a top-level `key` (before the first [table]); ValueError if absent."""
    header = _TABLE_HEADER.search(text)
    end = header.start() if header else len(text)
    pattern = re.compile(rf"^([ \t]*{re.escape(key)}[ \t]*=[ \t]*){_STRING}", re.MULTILINE)
    head, count = pattern.subn(lambda m: m[1] + toml_string(value), text[:end], count=1)
    if not count:
        raise ValueError(f"no top-level string field {key!r}")
    return head + text[end:]


def replace_string_values(text: str, key: str, mapping: Mapping[str, str]) -> str:
    """Rewrite ``key = "old"`` to ``key = "new"`` for every old -> new in `mapping`, in one pass
    (so swaps work), in [[tables]] and inline tables alike: e.g. the lesson links of sessions."""
    pattern = re.compile(rf"(^|[{{,])([ \t]*{re.escape(key)}[ \t]*=[ \t]*){_STRING}", re.MULTILINE)

    def sub(m: re.Match[str]) -> str:
        value = m[3][1:-1]  # lesson stems never contain escapes, so the quotes are all there is
        return m[1] + m[2] + toml_string(mapping[value]) if value in mapping else m[0]

    return pattern.sub(sub, text)


def next_year_label(label: str) -> str:
    """Move the years in a label on by one: "Wintersemester 2025/26" -> "Wintersemester 2026/27"."""

    def bump(m: re.Match[str]) -> str:
        year = str(int(m[1]) + 1)
        return year if m[2] is None else f"{year}{m[2]}{(int(m[3]) + 1) % 100:02d}"

    return _YEARS.sub(bump, label)
