"""Safe writes to module folders: compare-and-swap saves and lesson file operations.

Files on disk are the source of truth and several worker processes may edit them, so every save
checks the hash the editor started from under an flock on the folder, writes a hidden temp file in
the same folder, fsyncs it and renames it over the old file: readers see the old or the new file,
never half of one, and a stale editor gets `EditConflict` instead of overwriting someone's work.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from .bounds import parse_toml
from .checks import check_lesson
from .errors import EditConflict, LessonFileError, LessonLinked
from .tomledit import replace_string_values
from .validate import LESSON_FILE, N_, SLUG


def sha256_file(path: Path) -> str | None:
    """The hex sha256 of the file's bytes, or None if it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive flock on `folder` (across processes) for a read-compare-write."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (hidden temp file, fsync, rename); no hash check."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")  # hidden: the loader skips it
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # make the rename itself durable
    finally:
        os.close(dir_fd)


def write_atomic(path: Path, text: str, expected_sha256: str | None) -> str:
    """Write `text` to `path` if it still has hash `expected_sha256` (None: must not exist yet).

    Raises `EditConflict` (writing nothing) otherwise; returns the new file's sha256.
    """
    data = text.encode("utf-8")
    with locked(path.parent):
        current = sha256_file(path)
        if current != expected_sha256:
            what = "was created" if expected_sha256 is None else "changed or was deleted"
            raise EditConflict(f"{path.name} {what} since it was opened; nothing was saved", current)
        replace_file(path, data)
    return hashlib.sha256(data).hexdigest()


def _lesson_files(edition_dir: Path) -> list[str]:
    return sorted(p.name for p in edition_dir.glob("*.md") if LESSON_FILE.match(p.name))


def _check_name(filename: str, edition_dir: Path, exists: bool) -> Path:
    if not LESSON_FILE.match(filename):
        raise LessonFileError(N_("bad lesson file name %(name)s: use NN-name.md"), name=repr(filename))
    path = edition_dir / filename
    if path.exists() != exists:
        message = N_("%(name)s does not exist") if exists else N_("%(name)s already exists")
        raise LessonFileError(message, name=filename)
    return path


def _relink(edition_dir: Path, links: dict[str, str]) -> None:
    # Sessions refer to lessons by stem; keep them pointing at the renamed files.
    toml = edition_dir / "edition.toml"
    before = toml.read_bytes().decode("utf-8")
    after = replace_string_values(before, "lesson", links)
    if after != before:
        replace_file(toml, after.encode("utf-8"))


def _linked(edition_dir: Path) -> set[str]:
    try:
        data = parse_toml((edition_dir / "edition.toml").read_bytes().decode("utf-8"))
    except (OSError, ValueError):  # unreadable, not UTF-8, over the bounds, bad TOML
        return set()  # a broken edition.toml is reported by the loader, not here
    sessions = data.get("sessions")
    if not isinstance(sessions, list):
        return set()
    return {str(s.get("lesson")) for s in sessions if isinstance(s, dict) and "lesson" in s}


def create_lesson(edition_dir: Path, name: str, title: str) -> Path:
    """Create ``NN-name.md`` after the last lesson, containing just ``# title``.

    The new file is validated as the loader will read it first, so a title that would break the
    module (a second line, a remote image) is refused instead of written.
    """
    if not SLUG.match(name) or not title.strip():
        raise LessonFileError(
            N_("lesson name: use lower-case letters, digits and hyphens; title must not be empty")
        )
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in title):
        raise LessonFileError("the title must be a single line without control characters")
    text = f"# {title.strip()}\n"
    problems = check_lesson(f"01-{name}.md", text)  # the number does not change what the text says
    if problems:
        raise LessonFileError("; ".join(p.message for p in problems), problems)
    with locked(edition_dir):
        numbers = [int(n[:2]) for n in _lesson_files(edition_dir)]
        number = max(numbers, default=0) + 1
        if number > 99:
            raise LessonFileError(N_("an edition holds at most 99 lessons"))
        path = _check_name(f"{number:02d}-{name}.md", edition_dir, exists=False)
        replace_file(path, text.encode())
    return path


def rename_lesson(edition_dir: Path, filename: str, new_name: str) -> Path:
    """Give lesson `filename` the name `new_name`, keeping its number and its session links."""
    with locked(edition_dir):
        old = _check_name(filename, edition_dir, exists=True)
        new = _check_name(f"{filename[:2]}-{new_name}.md", edition_dir, exists=False)
        os.rename(old, new)
        _relink(edition_dir, {old.stem: new.stem})
    return new


def reorder_lessons(edition_dir: Path, order: list[str]) -> list[Path]:
    """Renumber the lessons 01, 02, ... in the given order of their current file names."""
    with locked(edition_dir):
        current = _lesson_files(edition_dir)
        if sorted(order) != current:
            raise LessonFileError(N_("the new order must list every lesson file exactly once"))
        targets = [f"{n:02d}-{name[3:]}" for n, name in enumerate(order, start=1)]
        moves = [(edition_dir / old, edition_dir / new) for old, new in zip(order, targets, strict=True)]
        # Two phases through hidden names, so 01-a -> 02-a never collides with an existing 02-a.
        for i, (old, _new) in enumerate(moves):
            os.rename(old, edition_dir / f".reorder-{i}")
        for i, (_old, new) in enumerate(moves):
            os.rename(edition_dir / f".reorder-{i}", new)
        _relink(edition_dir, {old.stem: new.stem for old, new in moves if old != new})
    return [new for _old, new in moves]


def delete_lesson(edition_dir: Path, filename: str, expected_sha256: str) -> None:
    """Delete a lesson unless it changed since it was opened or a session still links to it."""
    with locked(edition_dir):
        path = _check_name(filename, edition_dir, exists=True)
        current = sha256_file(path)
        if current != expected_sha256:
            raise EditConflict(f"{filename} changed since it was opened; nothing was deleted", current)
        if path.stem in _linked(edition_dir):
            raise LessonLinked(N_("a session links to %(name)s; change the session first"), name=path.stem)
        path.unlink()
