"""Start next year's edition from the current one, and publish an edition as current.

Roll-over moves every date by 52 weeks (364 days), not by a calendar year, so a Tuesday seminar stays
on a Tuesday. The copy is built in a hidden folder, validated there and only then renamed into place,
so a failed roll-over leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tomllib
from pathlib import Path

from .editions import parse_edition
from .errors import RolloverError
from .files import write_atomic
from .loader import load_module
from .manifest import edition_state
from .tomledit import next_year_label, set_top_level_string, shift_dates, shifted
from .validate import is_edition_id, next_edition_id

SHIFT_DAYS = 364


def rolled_over_text(text: str, days: int = SHIFT_DAYS) -> str:
    """edition.toml text for next year: dates moved, status draft, label years bumped.

    Re-parses the result and compares it with the expected values, so a substitution that touched
    anything else (a date inside a citation, say) is caught instead of written.
    """
    old = tomllib.loads(text)
    label = next_year_label(str(old.get("label", "")))
    new_text = set_top_level_string(shift_dates(text, days), "status", "draft")
    new_text = set_top_level_string(new_text, "label", label)
    expected = shifted(old, days) | {"status": "draft", "label": label}
    if tomllib.loads(new_text) != expected:
        raise RolloverError("edition.toml could not be edited safely; please roll over by hand")
    return new_text


def rollover(root: Path, module_id: str, to_edition: str) -> Path:
    """Copy the current edition of `module_id` to a new draft edition `to_edition`; returns its folder."""
    module, problems = load_module(root, module_id)
    if module is None:
        raise RolloverError(f"module {module_id} has problems; fix them first", problems)
    source = module.current
    if not is_edition_id(to_edition) or to_edition != next_edition_id(source.id):
        raise RolloverError(
            f"the edition after {source.id} is {next_edition_id(source.id)}, not {to_edition}"
        )
    target = module.path / to_edition
    if target.exists():
        raise RolloverError(f"edition {to_edition} already exists")
    staging = module.path / f".rollover-{to_edition}-{secrets.token_hex(4)}"
    shutil.copytree(source.path, staging, ignore=shutil.ignore_patterns(".*", "_*"))
    try:
        toml = staging / "edition.toml"
        # bytes, not read_text/write_text: newline translation would rewrite CRLF files wholesale
        toml.write_bytes(rolled_over_text(toml.read_bytes().decode("utf-8")).encode("utf-8"))
        _edition, problems = parse_edition(staging, f"{module_id}/{to_edition}", to_edition)
        if problems:
            raise RolloverError(f"the new edition {to_edition} does not validate", problems)
        if target.exists():  # created while we copied: never merge into it
            raise RolloverError(f"edition {to_edition} already exists")
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def publish_edition(root: Path, module_id: str, edition_id: str) -> None:
    """Mark `edition_id` published and make it the module's current edition."""
    module, problems = load_module(root, module_id)
    if module is None:
        raise RolloverError(f"module {module_id} has problems; fix them first", problems)
    edition = module.edition(edition_id)
    if edition is None:
        raise RolloverError(f"module {module_id} has no edition {edition_id}")
    if edition_state(module, edition) == "archived":
        raise RolloverError(f"edition {edition_id} is archived (read-only); it cannot become current again")
    for path, key, value in (
        (edition.path / "edition.toml", "status", "published"),
        (module.path / "module.toml", "current_edition", edition_id),
    ):
        raw = path.read_bytes()
        # Guarded by the hash of what we read, so a concurrent editor's save is never overwritten.
        new = set_top_level_string(raw.decode("utf-8"), key, value)
        write_atomic(path, new, hashlib.sha256(raw).hexdigest())
