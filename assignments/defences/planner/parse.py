"""Reading a scenario (the JSON format in the README) into a validated ``Scenario``.

Every problem found is reported at once, each naming where it is (``students[3] 's4'``) and what is
wrong, so a lecturer can fix a file in one go.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problem import Examiner, Scenario, Span, Student
from .wallclock import WallClock

# Size bounds: a scenario is user input and must not be able to exhaust memory or time.
MAX_FILE_BYTES = 20_000_000
MAX_EXAMINERS = 500
MAX_STUDENTS = 5_000
MAX_RANGES = 1_000  # per examiner or student
MAX_MINUTES = 24 * 60  # slot, buffer and extra minutes
MAX_SPAN_DAYS = 400  # from the first to the last available minute
MAX_EXAMINER_DAYS = 60_000  # examiners x days of the span: bounds the planner's working memory
KNOWN = {
    "scenario": {"timezone", "slot_minutes", "buffer_minutes", "panel_size", "examiners", "students"},
    "examiner": {"id", "available", "max_per_day"},
    "student": {"id", "unavailable", "extra_minutes", "examiners"},
}


class ScenarioError(ValueError):
    """An invalid scenario; ``problems`` lists every problem found, each naming where it is."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = problems[:20] + ([f"... and {len(problems) - 20} more"] if len(problems) > 20 else [])
        super().__init__("invalid scenario: " + "; ".join(shown))


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    path = Path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ScenarioError([f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB"])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError([f"{path.name} is not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise ScenarioError([f"{path.name} is not valid JSON: {exc}"]) from None
    return parse_scenario(data)


def parse_scenario(data: Any) -> Scenario:
    """Validate scenario data (as loaded from JSON) and build a ``Scenario``; raises ScenarioError."""
    return _Reader().scenario(data)


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []
        self.clock: WallClock | None = None

    def scenario(self, data: Any) -> Scenario:
        if not isinstance(data, dict):
            raise ScenarioError(["the scenario must be a JSON object"])
        self._unknown(data, "scenario", "the scenario")
        timezone = data.get("timezone", "Europe/Berlin")
        try:
            self.clock = WallClock(ZoneInfo(timezone)) if isinstance(timezone, str) else None
        except (ZoneInfoNotFoundError, ValueError):
            self.clock = None
        if self.clock is None:
            raise ScenarioError([f"timezone: unknown time zone {timezone!r}"])
        slot = self._number(data, "slot_minutes", "the scenario", 1, MAX_MINUTES, required=True)
        buffer = self._number(data, "buffer_minutes", "the scenario", 0, MAX_MINUTES, default=0)
        panel = self._number(data, "panel_size", "the scenario", 1, MAX_EXAMINERS, default=2)
        examiners = self._list(data, "examiners", MAX_EXAMINERS, self._examiner)
        known = {examiner.id for examiner in examiners}
        students = self._list(
            data, "students", MAX_STUDENTS, lambda raw, where: self._student(raw, where, known)
        )
        self._duplicates("examiner", [e.id for e in examiners])
        self._duplicates("student", [s.id for s in students])
        if panel is not None and panel > len(examiners) and "examiners" in data:
            self.problems.append(
                f"panel_size {panel} is larger than the number of examiners ({len(examiners)})"
            )
        for student in students:
            if panel is not None and len(student.examiners) > panel:
                self.problems.append(
                    f"student {student.id!r} requires {len(student.examiners)} examiners "
                    f"but a panel has only {panel}"
                )
        self._span(examiners)
        if self.problems:
            raise ScenarioError(self.problems)
        assert slot is not None and buffer is not None and panel is not None
        return Scenario(
            timezone, slot, buffer, panel, tuple(examiners), tuple(students), tuple(self.warnings)
        )

    def _unknown(self, data: dict[str, Any], kind: str, where: str) -> None:
        # Unknown keys are probably typos ("slot_minute"); say so, but a key we do not know harms nothing.
        for key in sorted(set(data) - KNOWN[kind]):
            self.warnings.append(f"{where}: unknown key {key!r} ignored")

    def _number(self, data: dict[str, Any], key: str, where: str, low: int, high: int,
                required: bool = False, default: int | None = None) -> int | None:  # fmt: skip
        if key not in data:
            if required:
                self.problems.append(f"{where}: {key} is missing")
            return default
        value = data[key]
        if not _integer(value) or not low <= value <= high:
            self.problems.append(f"{where}: {key} must be a whole number from {low} to {high}, not {value!r}")
            return default
        return int(value)

    def _list(self, data: dict[str, Any], key: str, limit: int, read: Any) -> list[Any]:
        raw = data.get(key)
        if not isinstance(raw, list):
            self.problems.append(f"{key} is missing or not a list")
            return []
        if len(raw) > limit:
            self.problems.append(f"{key}: {len(raw)} entries, at most {limit} are allowed")
            return []
        found = [read(item, f"{key}[{index}]") for index, item in enumerate(raw)]
        return [item for item in found if item is not None]

    def _identity(self, raw: Any, where: str) -> str | None:
        if not isinstance(raw, dict):
            self.problems.append(f"{where} must be an object")
            return None
        ident = raw.get("id")
        if not isinstance(ident, str) or not ident.strip() or len(ident) > 200:
            self.problems.append(f"{where}: id must be a non-empty text of at most 200 characters")
            return None
        return ident

    def _examiner(self, raw: Any, where: str) -> Examiner | None:
        ident = self._identity(raw, where)
        if ident is None:
            return None
        where = f"{where} {ident!r}"
        self._unknown(raw, "examiner", where)
        ranges = self._ranges(raw.get("available"), f"{where}: available")
        most = raw.get("max_per_day")
        if most is not None and (not _integer(most) or most < 0):
            self.problems.append(f"{where}: max_per_day must be a whole number of at least 0, not {most!r}")
            most = None
        return Examiner(ident, ranges, most)

    def _student(self, raw: Any, where: str, known: set[str]) -> Student | None:
        ident = self._identity(raw, where)
        if ident is None:
            return None
        where = f"{where} {ident!r}"
        self._unknown(raw, "student", where)
        ranges = self._ranges(raw.get("unavailable", []), f"{where}: unavailable")
        extra = self._number(raw, "extra_minutes", where, 0, MAX_MINUTES, default=0) or 0
        required = raw.get("examiners", [])
        if not isinstance(required, list) or not all(isinstance(e, str) for e in required):
            self.problems.append(f"{where}: examiners must be a list of examiner ids")
            required = []
        for examiner in required:
            if examiner not in known:
                self.problems.append(f"{where}: unknown examiner {examiner!r}")
        if len(set(required)) < len(required):
            self.problems.append(f"{where}: an examiner is listed twice")
        return Student(ident, ranges, extra, tuple(dict.fromkeys(required)))

    def _ranges(self, raw: Any, where: str) -> tuple[Span, ...]:
        if not isinstance(raw, list):
            self.problems.append(f"{where} must be a list of [start, end] pairs")
            return ()
        if len(raw) > MAX_RANGES:
            self.problems.append(f"{where}: {len(raw)} ranges, at most {MAX_RANGES} are allowed")
            return ()
        assert self.clock is not None
        spans = []
        for index, pair in enumerate(raw):
            here = f"{where}[{index}]"
            if not isinstance(pair, list) or len(pair) != 2:
                self.problems.append(f"{here} must be a [start, end] pair")
                continue
            try:
                start, end = self.clock.minute(pair[0]), self.clock.minute(pair[1])
            except ValueError as exc:
                self.problems.append(f"{here}: {exc}")
                continue
            if end <= start:
                self.problems.append(f"{here}: end {pair[1]} is not after start {pair[0]}")
                continue
            spans.append(Span(start, end))
        return tuple(sorted(spans))

    def _duplicates(self, kind: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for ident in ids:
            if ident in seen:
                self.problems.append(f"duplicate {kind} id {ident!r}")
            seen.add(ident)

    def _span(self, examiners: list[Examiner]) -> None:
        spans = [span for examiner in examiners for span in examiner.available]
        if not spans:
            return
        lo, hi = min(s.start for s in spans), max(s.end for s in spans)
        days = (hi - lo) / (24 * 60)
        if days > MAX_SPAN_DAYS:
            self.problems.append(
                f"the availability spans {days:.0f} days, at most {MAX_SPAN_DAYS} are allowed"
            )
        elif days * len(examiners) > MAX_EXAMINER_DAYS:
            self.problems.append(
                f"{len(examiners)} examiners over {days:.0f} days is too large a scenario "
                f"(at most {MAX_EXAMINER_DAYS} examiner-days)"
            )
        elif self.clock is not None and self.clock.odd_offsets(lo, hi):
            self.problems.append(
                f"timezone: {self.clock.zone.key} has an offset from UTC that is not a whole multiple "
                "of 5 minutes in the planned period"
            )
