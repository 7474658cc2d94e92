"""The version history of files edited in the browser, and saves that record it.

Files stay the source of truth; a `FileVersion` row keeps every state a browser save produced, and
the first save of a file also keeps the state it replaced ("original"). Saves go through
`files.write_atomic`, so a stale editor gets `EditConflict` and nothing is written or recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from .content.files import sha256_file, write_atomic
from .models import FileVersion

# What happened to a file, as the history names it.
ACTION_LABELS = {
    "original": _l("state before the first browser edit"),
    "save": _l("saved"),
    "create": _l("created"),
    "rename": _l("renamed"),
    "delete": _l("deleted"),
    "restore": _l("restored"),
    "publish": _l("published"),
}
ACTIONS = tuple(ACTION_LABELS)


def sha256_text(text: str) -> str:
    """The hex sha256 of `text` as a file holds it (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(path: Path) -> tuple[str, str | None]:
    """The file's text and the sha256 of its bytes; ("", None) if it does not exist."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return "", None
    return raw.decode("utf-8", errors="replace"), hashlib.sha256(raw).hexdigest()


def record(
    module_id: str, edition_id: str, relpath: str, action: str, content: str,
    author: User | None, note: str | None = None,
) -> FileVersion:  # fmt: skip
    """Add one version row to the session (the caller commits)."""
    assert action in ACTIONS, action
    version = FileVersion(
        module_id=module_id, edition_id=edition_id, path=relpath, action=action, content=content,
        sha256=sha256_text(content), author_id=getattr(author, "id", None), note=note,
    )  # fmt: skip
    db.session.add(version)
    return version


def _has_history(module_id: str, edition_id: str, relpath: str) -> bool:
    query = select(FileVersion.id).filter_by(module_id=module_id, edition_id=edition_id, path=relpath)
    return db.session.scalar(query.limit(1)) is not None


def save(
    module_id: str, edition_id: str, edition_dir: Path, relpath: str, text: str,
    expected_sha256: str | None, author: User | None, action: str = "save", note: str | None = None,
) -> str:  # fmt: skip
    """Write `text` to ``edition_dir/relpath`` if it still has `expected_sha256`, and record it.

    Raises `EditConflict` (nothing written, nothing recorded) when the file changed meanwhile.
    Returns the new sha256. The caller commits (the view, after its audit entry).
    """
    path = edition_dir / relpath
    # The state the editor opened is the state replaced: read it before the first browser save.
    original = None
    opened_unchanged = expected_sha256 is not None and sha256_file(path) == expected_sha256
    if opened_unchanged and not _has_history(module_id, edition_id, relpath):
        original, _sha = read_text(path)
    new_sha = write_atomic(path, text, expected_sha256)  # EditConflict: nothing written, nothing recorded
    if original is not None:
        record(module_id, edition_id, relpath, "original", original, None)
    record(module_id, edition_id, relpath, action, text, author, note)
    db.session.flush()
    return new_sha


def record_change(
    module_id: str, edition_id: str, relpath: str, before: str, after: str, action: str,
    author: User | None, note: str | None = None,
) -> None:  # fmt: skip
    """Record a file another operation changed (edition.toml after a rename), with its original."""
    if before == after:
        return
    if not _has_history(module_id, edition_id, relpath):
        record(module_id, edition_id, relpath, "original", before, None)
    record(module_id, edition_id, relpath, action, after, author, note)


def history(module_id: str, edition_id: str, relpath: str) -> list[FileVersion]:
    """Every recorded version of a file, newest first."""
    query = (
        select(FileVersion)
        .filter_by(module_id=module_id, edition_id=edition_id, path=relpath)
        .order_by(FileVersion.at.desc(), FileVersion.id.desc())
    )
    return list(db.session.scalars(query))


def numbered(module_id: str, edition_id: str, relpath: str) -> list[tuple[int, FileVersion]]:
    """Every version of a file with its number for this file (1 = the oldest), newest first."""
    rows = history(module_id, edition_id, relpath)
    return [(len(rows) - i, version) for i, version in enumerate(rows)]


def get(module_id: str, edition_id: str, relpath: str, version_id: int) -> FileVersion | None:
    """One version of this file (None if the id belongs to another file)."""
    version = db.session.get(FileVersion, version_id)
    if version is None or (version.module_id, version.edition_id, version.path) != (
        module_id, edition_id, relpath,
    ):  # fmt: skip
        return None
    return version


def restore(
    version: FileVersion, edition_dir: Path, expected_sha256: str | None, author: User | None, number: int
) -> str:
    """Write `version` (number `number` of its file) back, conflict-checked, and record a "restore"."""
    return save(
        version.module_id, version.edition_id, edition_dir, version.path, version.content,
        expected_sha256, author, action="restore", note=f"Version {number}",
    )  # fmt: skip


def move_history(module_id: str, edition_id: str, renames: Mapping[str, str]) -> None:
    """Let the history follow renamed files ({old relpath: new relpath}); the caller commits.

    All rows are looked up before any is changed, so swaps (01-a <-> 02-a) cannot mix histories.
    """
    moves = {old: new for old, new in renames.items() if old != new}
    if not moves:
        return
    query = select(FileVersion).filter(
        FileVersion.module_id == module_id,
        FileVersion.edition_id == edition_id,
        FileVersion.path.in_(list(moves)),
    )
    for version in list(db.session.scalars(query)):
        version.path = moves[version.path]
