"""Write an edition's settings (from the web form) into its edition.toml, keeping everything else.

tomlkit edits the parsed document in place, so the lecturers' comments, the order of keys and any
key the form does not know (another feature's, or one typed in the advanced editor) survive. A
change is a plain mapping (see `Change`); the result is re-read with the standard library and
compared with what the change should give, so nothing but the intended values can differ.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from .errors import ModuleInvalid
from .validate import N_

# Keep one blank line before each table header, and never more than one anywhere (outside strings).
_LAYOUT = re.compile(
    r'''(?P<skip>"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\#[^\n]*\n?)
    |(?P<gap>\n{3,})|(?P<header>(?<=[^\n])\n(?=\[))''',
    re.VERBOSE,
)


@dataclass
class Row:
    """One table of an array of tables: `origin` is its index in the file (None: a new table).

    `values` maps keys to values (None: remove the key); `tables` maps sub-table names to a `Row`
    (its origin unused) or None (remove the sub-table).
    """

    origin: int | None
    values: Mapping[str, Any]
    tables: Mapping[str, Row | None] = field(default_factory=dict)


@dataclass
class Change:
    """New top-level values (None: remove the key) and the new rows of each array of tables."""

    values: Mapping[str, Any]
    groups: Mapping[str, Sequence[Row]]


def _plain_value(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _set(table: Any, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        if value is None:
            if key in table:
                del table[key]
        elif key not in table or _plain_value(table[key]) != value:
            table[key] = value  # only changed values: an unchanged line keeps its layout and comment


def _fill(table: Any, row: Row) -> None:
    _set(table, row.values)
    for name, sub in row.tables.items():
        if sub is None:
            if name in table:
                del table[name]
        else:
            if name not in table or not isinstance(table[name], Mapping):
                table[name] = tomlkit.table()
            _set(table[name], sub.values)


def _table(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _tables(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _plain(table: Mapping[str, Any], row: Row) -> dict[str, Any]:
    result = {k: v for k, v in table.items() if row.values.get(k, v) is not None or k not in row.values}
    result.update({k: v for k, v in row.values.items() if v is not None})
    for name, sub in row.tables.items():
        result.pop(name, None)
        if sub is not None:
            result[name] = _plain(_table(table.get(name)), sub)
    return result


def expected(data: Mapping[str, Any], change: Change) -> dict[str, Any]:
    """What `apply` must produce, computed on the standard library's parse of the old text."""
    top = _plain(data, Row(None, change.values))
    for group, rows in change.groups.items():
        old = _tables(data.get(group))
        new = [
            _plain(_table(old[r.origin]) if r.origin is not None and r.origin < len(old) else {}, r)
            for r in rows
        ]
        if new:
            top[group] = new
        else:
            top.pop(group, None)
    return top


def _tidy(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        return m[0] if m["skip"] is not None else "\n\n"

    return _LAYOUT.sub(sub, text).rstrip("\n") + "\n"


def apply(text: str, change: Change) -> str:
    """edition.toml `text` with `change` made; ModuleInvalid if the result would differ otherwise."""
    doc = tomlkit.parse(text)
    _set(doc, change.values)
    for group, rows in change.groups.items():
        old = doc.get(group)
        old_tables: list[Table] = list(old) if isinstance(old, AoT) else []
        tables = []
        for row in rows:
            table = (
                old_tables[row.origin]
                if row.origin is not None and row.origin < len(old_tables)
                else tomlkit.table()
            )
            _fill(table, row)
            tables.append(table)
        aot = tomlkit.aot()
        for table in tables:
            aot.append(table)
        if not tables:
            doc.pop(group, None)
        elif group in doc:
            doc[group] = aot  # in its old place, after the comments that introduce it
        else:
            doc.append(group, aot)
    new_text = _tidy(tomlkit.dumps(doc))
    if tomllib.loads(new_text) != expected(tomllib.loads(text), change):
        raise ModuleInvalid(N_("edition.toml could not be changed safely; please use the advanced editor"))
    return new_text
