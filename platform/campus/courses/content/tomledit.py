"""Small, verifiable edits of TOML text.

The standard library reads TOML but cannot write it, and re-serialising would drop the lecturers'
comments and layout. So edits are substitutions on the text that skip strings and comments, and
callers re-parse the result to prove that exactly the intended values changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

_TOKEN = re.compile(
    r'''(?P<skip>"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#[^\n]*)
    |(?<![\w.:+-])(?P<date>\d{4}-\d{2}-\d{2})(?!\d)''',
    re.VERBOSE,
)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
_STRING = r"""("(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_YEARS = re.compile(r"(?<!\d)(\d{4})(?:([/-])(\d{2}))?(?!\d)")


def shift_dates(text: str, days: int) -> str:
    """Move every TOML date and date-time literal by `days`; the time of day and offset stay as written."""

    def move(m: re.Match[str]) -> str:
        if m["date"] is None:
            return m[0]
        return (date.fromisoformat(m["date"]) + timedelta(days=days)).isoformat()

    return _TOKEN.sub(move, text)


def shifted(value: Any, days: int) -> Any:
    """`value` (parsed TOML) with every date and datetime moved by `days`: the expected re-parse."""
    if isinstance(value, date):  # datetime is a date too; adding days keeps the wall-clock time
        return value + timedelta(days=days)
    if isinstance(value, dict):
        return {k: shifted(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shifted(v, days) for v in value]
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
