"""Start next year's edition from the current one, and publish an edition as current.

Roll-over keeps what a timetable is built on. The term (`term_start`, `term_end`) keeps its calendar
dates: 1 October stays 1 October. Every other date moves by 52 weeks (364 days), so a Tuesday
seminar stays on a Tuesday and a deadline on a Friday evening stays one; a session that would then
fall before the new term's first day moves on by whole weeks until it is inside the term.

`plan_rollover` shows all of this before anything is written (the web page's preview). The copy is
built in a hidden folder, validated there and only then renamed into place, so a failed roll-over
leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .editions import parse_edition
from .errors import RolloverError
from .files import write_atomic
from .loader import load_module
from .manifest import Module, edition_state
from .tomledit import Path as Field
from .tomledit import map_dates, map_parsed, next_year_label, set_top_level_string
from .validate import N_, Problem, is_edition_id, next_edition_id

SHIFT_DAYS = 364
WEEK = timedelta(days=7)
TERM_FIELDS = (("term_start",), ("term_end",))


@dataclass(frozen=True)
class DateChange:
    """One date of the edition and what roll-over makes of it.

    `field` is the parsed place (``("sessions", 1, "starts")``, 0-based); `rule` says why:
    "calendar" (same day next year), "weekday" (52 weeks on) or "into-term" (52 weeks and more).
    """

    field: Field
    old: date
    new: date
    rule: str


@dataclass(frozen=True)
class RolloverPlan:
    """What `rollover` would create: the new edition's id, label, every moved date, and its problems."""

    source: str
    target: str
    label: str
    changes: tuple[DateChange, ...]
    problems: tuple[Problem, ...]
    exists: bool


def same_day_next_year(day: date) -> date:
    """The calendar date one year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _mover(old: dict[str, Any]) -> Any:
    start = old.get("term_start")
    new_start = same_day_next_year(start) if isinstance(start, date) else None

    def move(field: Field, day: date) -> date:
        if field in TERM_FIELDS:
            return same_day_next_year(day)
        moved = day + timedelta(days=SHIFT_DAYS)
        if new_start and len(field) == 3 and field[0] == "sessions" and field[2] == "starts":
            while moved < new_start:
                moved += WEEK
        return moved

    return move


def rolled_over_text(text: str) -> str:
    """edition.toml text for next year: dates moved (see the module docstring), status draft, label years bumped.

    Re-parses the result and compares it with the expected values, so a substitution that touched
    anything else (a date inside a citation, say) is caught instead of written.
    """
    old = tomllib.loads(text)
    move = _mover(old)
    label = next_year_label(str(old.get("label", "")))
    new_text = set_top_level_string(map_dates(text, move), "status", "draft")
    new_text = set_top_level_string(new_text, "label", label)
    expected = map_parsed(old, move) | {"status": "draft", "label": label}
    if tomllib.loads(new_text) != expected:
        raise RolloverError(N_("edition.toml could not be edited safely; please roll over by hand"))
    return new_text


def _dates(value: Any, field: Field = ()) -> Iterator[tuple[Field, Any]]:
    if isinstance(value, date):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _dates(item, (*field, key))
    elif isinstance(value, list):
        tables = all(isinstance(v, dict) for v in value)
        for i, item in enumerate(value):
            yield from _dates(item, (*field, i) if tables else field)


def date_changes(text: str) -> list[DateChange]:
    """Every date of an edition.toml text with its rolled-over value, in the order of the file."""
    old = tomllib.loads(text)
    move = _mover(old)
    changes = []
    for field, value in _dates(old):
        new = map_parsed(value, move, field)
        if field in TERM_FIELDS:
            rule = "calendar"
        else:
            rule = "weekday" if new - value == timedelta(days=SHIFT_DAYS) else "into-term"
        changes.append(DateChange(field, value, new, rule))
    return changes


def _source(root: Path, module_id: str) -> Module:
    module, problems = load_module(root, module_id)
    if module is None:
        raise RolloverError(N_("module %(module)s has problems; fix them first"), problems, module=module_id)
    return module


def _build(module: Module, to_edition: str, staging: Path, *ignore: str) -> list[Problem]:
    shutil.copytree(module.current.path, staging, ignore=shutil.ignore_patterns(".*", "_*", *ignore))
    toml = staging / "edition.toml"
    # bytes, not read_text/write_text: newline translation would rewrite CRLF files wholesale
    toml.write_bytes(rolled_over_text(toml.read_bytes().decode("utf-8")).encode("utf-8"))
    _edition, problems = parse_edition(staging, f"{module.id}/{to_edition}", to_edition)
    return problems


def plan_rollover(root: Path, module_id: str) -> RolloverPlan:
    """What rolling the current edition of `module_id` over to the next academic year would do.

    Builds the new edition in a throw-away folder to find its problems, and writes nothing else.
    """
    module = _source(root, module_id)
    source = module.current
    target = next_edition_id(source.id)
    text = (source.path / "edition.toml").read_bytes().decode("utf-8")
    # Outside the modules folder and without assets/ (nothing there is validated): a preview is cheap
    # and leaves no trace for the catalogue to notice.
    with tempfile.TemporaryDirectory(prefix="campus-rollover-") as tmp:
        problems = _build(module, target, Path(tmp) / target, "assets")
    return RolloverPlan(
        source.id, target, next_year_label(source.label), tuple(date_changes(text)), tuple(problems),
        (module.path / target).exists(),
    )  # fmt: skip


def rollover(root: Path, module_id: str, to_edition: str) -> Path:
    """Copy the current edition of `module_id` to a new draft edition `to_edition`; returns its folder."""
    module = _source(root, module_id)
    source = module.current
    if not is_edition_id(to_edition) or to_edition != next_edition_id(source.id):
        raise RolloverError(
            N_("the edition after %(source)s is %(next)s, not %(target)s"),
            source=source.id, next=next_edition_id(source.id), target=to_edition,
        )  # fmt: skip
    target = module.path / to_edition
    if target.exists():
        raise RolloverError(N_("edition %(edition)s already exists"), edition=to_edition)
    staging = module.path / f".rollover-{to_edition}-{secrets.token_hex(4)}"
    try:
        problems = _build(module, to_edition, staging)
        if problems:
            raise RolloverError(
                N_("the new edition %(edition)s does not validate"), problems, edition=to_edition
            )
        if target.exists():  # created while we copied: never merge into it
            raise RolloverError(N_("edition %(edition)s already exists"), edition=to_edition)
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def publish_edition(root: Path, module_id: str, edition_id: str) -> None:
    """Mark `edition_id` published and make it the module's current edition."""
    module = _source(root, module_id)
    edition = module.edition(edition_id)
    if edition is None:
        raise RolloverError(
            N_("module %(module)s has no edition %(edition)s"), module=module_id, edition=edition_id
        )
    if edition_state(module, edition) == "archived":
        raise RolloverError(
            N_("edition %(edition)s is archived (read-only); it cannot become current again"),
            edition=edition_id,
        )
    for path, key, value in (
        (edition.path / "edition.toml", "status", "published"),
        (module.path / "module.toml", "current_edition", edition_id),
    ):
        raw = path.read_bytes()
        # Guarded by the hash of what we read, so a concurrent editor's save is never overwritten.
        new = set_top_level_string(raw.decode("utf-8"), key, value)
        write_atomic(path, new, hashlib.sha256(raw).hexdigest())
