"""Field checks shared by the manifest parsers.

Parsing never raises on bad content: every finding becomes a `Problem` that names the file (relative to
the modules root), the dotted field (``sessions[2].starts``, 1-based like a lecturer counts) and a plain
English message, so one run can list every mistake in a module at once.

Messages are written as templates marked with `N_` (``"must be between %(low)s and %(high)s"``) and kept
with their parameters, so the web pages can show them in the page's language (the catalogue has
them; `pybabel extract -k N_` finds them) while the CLI prints the English text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

MODULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SLUG = MODULE_ID
EDITION_ID = re.compile(r"(\d{4})-(\d{2})\Z")
LESSON_FILE = re.compile(r"(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md\Z")
# Deliberately simple: catches typos such as a missing "@" or domain; deliverability is not our job.
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+\Z")


def N_(template: str) -> str:
    """Mark a message template for translation; the engine itself keeps the English text."""
    return template


# The TOML type names used in messages ("expected a date, got string"), translated by the pages.
TYPE_NAMES = (N_("boolean"), N_("date-time"), N_("string"), N_("integer"), N_("float"), N_("date"),
              N_("time"), N_("array"), N_("table"))  # fmt: skip


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: `file` relative to the modules root, dotted `field` ("" for the whole file).

    `message` is English; `template` and `params` are what it was made of (see `problem`), for
    translation. A problem made without a template is shown in English everywhere.
    """

    file: str
    field: str
    message: str
    # dataclasses.field, spelt out: the attribute "field" above shadows the bare name in this class body
    template: str = dataclasses.field(default="", compare=False)
    params: tuple[tuple[str, object], ...] = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}" if self.field else f"{self.file}: {self.message}"

    def moved(self, file: str) -> Problem:
        """The same finding reported for another file name (a checked copy stands for the real file)."""
        return Problem(file, self.field, self.message, self.template, self.params)


def problem(file: str, dotted: str, template: str, **params: object) -> Problem:
    """A `Problem` from an `N_`-marked template and its parameters."""
    return Problem(file, dotted, template % params if params else template, template, tuple(params.items()))


def by_file(problems: Iterable[Problem]) -> list[Problem]:
    """Problems grouped by file; within a file they keep the order of the file's fields."""
    return sorted(problems, key=lambda p: p.file)


def is_ignored(name: str) -> bool:
    """Names starting with "." or "_" are ignored everywhere (editor backups, temp folders, __MACOSX)."""
    return name.startswith((".", "_"))


def is_edition_id(name: str) -> bool:
    """True for "YYYY-YY" names whose two years are consecutive, e.g. "2025-26"."""
    m = EDITION_ID.match(name)
    return m is not None and (int(m[1]) + 1) % 100 == int(m[2])


def next_edition_id(edition_id: str) -> str:
    """The academic year after `edition_id`: "2025-26" -> "2026-27"."""
    year = int(edition_id[:4]) + 1
    return f"{year}-{(year + 1) % 100:02d}"


def type_name(value: object) -> str:
    """The TOML name of a parsed value's type, for messages."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, datetime):
        return "date-time"
    for kind, name in ((str, "string"), (int, "integer"), (float, "float"), (date, "date"), (time, "time")):
        if isinstance(value, kind):
            return name
    return "array" if isinstance(value, list) else "table"


def berlin(local: datetime) -> datetime | None:
    """Attach Europe/Berlin to a local date-time; None when the clock change skips that time."""
    aware = local.replace(tzinfo=BERLIN)
    if aware.astimezone(UTC).astimezone(BERLIN).replace(tzinfo=None) != local:
        return None
    return aware


class Fields:
    """Typed, problem-recording access to one TOML table; call `unknown()` last to flag typos."""

    def __init__(self, data: Mapping[str, Any], file: str, prefix: str, problems: list[Problem]) -> None:
        self.data, self.file, self.prefix, self.problems = data, file, prefix, problems
        self.seen: set[str] = set()

    def name(self, key: str) -> str:
        """The dotted field name of `key` in this table."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def problem(self, key: str, template: str, **params: object) -> None:
        """Record a problem on `key` ("" for the table itself) from an `N_` template."""
        self.problems.append(problem(self.file, self.name(key) if key else self.prefix, template, **params))

    def value(self, key: str, required: bool, kinds: tuple[type, ...], expected: str) -> Any:
        """The raw value of `key` if it has one of `kinds`, else None with the `expected` problem (an
        `N_` template with ``%(got)s``) recorded."""
        self.seen.add(key)
        if key not in self.data:
            if required:
                self.problem(key, N_("required field is missing"))
            return None
        value = self.data[key]
        # bool is an int and datetime is a date in Python; TOML keeps them apart, so do we.
        wrong = not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)
        if wrong or (isinstance(value, datetime) and datetime not in kinds):
            self.problem(key, expected, got=type_name(value))
            return None
        return value

    def string(self, key: str, required: bool = True) -> str | None:
        """A non-blank string."""
        value = self.value(key, required, (str,), N_("expected a string, got %(got)s"))
        if value is not None and not value.strip():
            self.problem(key, N_("must not be empty"))
            return None
        return value

    def integer(self, key: str, low: int, high: int, required: bool = True) -> int | None:
        """An integer within low..high."""
        value = self.value(key, required, (int,), N_("expected an integer, got %(got)s"))
        if value is not None and not low <= value <= high:
            self.problem(
                key,
                N_("must be between %(low)s and %(high)s, got %(value)s"),
                low=low,
                high=high,
                value=value,
            )
            return None
        return value

    def boolean(self, key: str, required: bool = True) -> bool | None:
        """true or false."""
        return self.value(key, required, (bool,), N_("expected true or false, got %(got)s"))

    def date(self, key: str, required: bool = True) -> date | None:
        """A TOML local date."""
        return self.value(key, required, (date,), N_("expected a date like 2025-10-14, got %(got)s"))

    def datetime(self, key: str, required: bool = True) -> datetime | None:
        """A TOML local date-time, returned aware in Europe/Berlin."""
        value = self.value(
            key, required, (datetime,), N_("expected a date-time like 2025-10-14T10:00:00, got %(got)s")
        )
        if value is None:
            return None
        if value.tzinfo is not None:
            self.problem(key, N_("write a local date-time without offset; all times are Europe/Berlin"))
            return None
        aware = berlin(value)
        if aware is None:
            self.problem(key, N_("this time does not exist in Europe/Berlin (clock change)"))
        return aware

    def strings(self, key: str, required: bool = True) -> tuple[str, ...] | None:
        """A non-empty array of non-blank strings."""
        value = self.value(key, required, (list,), N_("expected an array of strings, got %(got)s"))
        if value is None:
            return None
        if not value:
            self.problem(key, N_("needs at least one entry"))
            return None
        if not all(isinstance(item, str) and item.strip() for item in value):
            self.problem(key, N_("every entry must be a non-empty string"))
            return None
        return tuple(value)

    def table(self, key: str, required: bool = True) -> Fields | None:
        """A sub-table as its own `Fields`."""
        value = self.value(key, required, (dict,), N_("expected a table, got %(got)s"))
        return None if value is None else Fields(value, self.file, self.name(key), self.problems)

    def tables(self, key: str, required: bool = True) -> list[Fields]:
        """An array of tables (``[[key]]``), each with a 1-based ``key[n]`` prefix."""
        value = self.value(key, required, (list,), N_("expected an array of tables, got %(got)s"))
        if value is None:
            return []
        if required and not value:
            self.problem(key, N_("needs at least one entry"))
        result = []
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                result.append(Fields(item, self.file, f"{self.name(key)}[{number}]", self.problems))
            else:
                self.problem(f"{key}[{number}]", N_("expected a table, got %(got)s"), got=type_name(item))
        return result

    def unknown(self) -> None:
        """Flag every key that no reader asked for: almost always a typo."""
        for key in sorted(set(self.data) - self.seen):
            self.problem(key, N_("unknown field (a typo?)"))
