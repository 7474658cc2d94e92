"""Export a module folder as a zip, and import one after checking all of it first.

An uploaded zip is hostile until proven otherwise: every entry is checked before a byte is written,
the sizes in the headers are enforced while unpacking (headers can lie), the result is validated as a
module in a hidden staging folder, and only then renamed into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from .errors import ArchiveError, ModuleInvalid
from .loader import load_module, render_problems
from .manifest import Module, edition_state
from .salvage import salvage_module
from .validate import MODULE_ID, Problem, is_ignored

MAX_TOTAL = 100 * 1024 * 1024
MAX_ENTRIES = 5_000
MAX_RATIO = 100
# Small files of repeated characters legitimately compress beyond 100:1 and cannot hurt anyone;
# the ratio is what gives a bomb away once the size is worth worrying about.
RATIO_FLOOR = 64 * 1024
CHUNK = 1024 * 1024


def export_module(root: Path, module_id: str, zip_path: Path) -> Path:
    """Write ``root/module_id`` (hidden and symlinked files left out) to `zip_path` under ``module_id/``."""
    folder = root / module_id
    if not MODULE_ID.match(module_id) or not (folder / "module.toml").is_file():
        raise ArchiveError(f"no module {module_id!r} in {root}")
    tmp = zip_path.with_name(f".{zip_path.name}.{secrets.token_hex(4)}")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for dirpath, dirnames, filenames in os.walk(folder):
                dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
                for name in sorted(filenames):
                    path = Path(dirpath, name)
                    if not is_ignored(name) and not path.is_symlink() and path.is_file():
                        zf.write(path, f"{module_id}/{path.relative_to(folder).as_posix()}")
        os.replace(tmp, zip_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return zip_path


def _check_name(name: str) -> list[str]:
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name.split("/")[0]:
        raise ArchiveError(f"unsafe path in zip: {name!r}")
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise ArchiveError(f"unsafe path in zip: {name!r}")
    return parts


def check_archive(zf: zipfile.ZipFile) -> str:
    """Check every entry of `zf` without extracting; returns the module id (the single top folder)."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ArchiveError(f"too many entries ({len(infos)}, at most {MAX_ENTRIES})")
    tops, names, total, packed = set(), set(), 0, 0
    for info in infos:
        # orig_filename: zipfile cuts `filename` at a NUL byte, hiding what the archive really says
        parts = _check_name(info.orig_filename)
        kind = stat.S_IFMT(info.external_attr >> 16)
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: made on a system without Unix modes
            raise ArchiveError(f"links and special files are not allowed: {info.filename!r}")
        if info.filename in names:
            raise ArchiveError(f"duplicate entry {info.filename!r}")
        names.add(info.filename)
        total, packed = total + info.file_size, packed + info.compress_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveError(f"{info.filename!r} is compressed more than {MAX_RATIO}:1 (a zip bomb?)")
        if is_ignored(parts[0]):
            continue
        if len(parts) == 1 and not info.is_dir():
            raise ArchiveError(f"the zip must hold exactly one top folder, not a file {info.filename!r}")
        tops.add(parts[0])
    if total > MAX_TOTAL:
        raise ArchiveError(f"unpacked size {total} bytes is over the limit of {MAX_TOTAL}")
    if total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):
        raise ArchiveError(f"the archive is compressed more than {MAX_RATIO}:1 (a zip bomb?)")
    if len(tops) != 1:
        raise ArchiveError("the zip must hold exactly one top folder, the module")
    (top,) = tops
    if not MODULE_ID.match(top) or f"{top}/module.toml" not in names:
        raise ArchiveError(f"{top!r} is not a module folder (needs a valid name and module.toml)")
    return top


def _extract(zf: zipfile.ZipFile, dest: Path) -> None:
    for info in zf.infolist():
        parts = _check_name(info.filename)
        if any(is_ignored(part) for part in parts):
            continue
        target = dest.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zf.open(info) as src, target.open("xb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                if written > info.file_size:  # the header understated the size
                    raise ArchiveError(f"{info.filename!r} is larger than its header says")
                out.write(chunk)


def import_module(
    root: Path, zip_path: Path, replace: bool = False, vet: Callable[[Module], list[Problem]] | None = None
) -> str:
    """Unpack a module zip into `root` after checking and validating it; returns the module id.

    ``vet`` may refuse the validated module with problems of its own (the CLI passes the assignment
    guard: a replacement must keep every assignment that has submissions)."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ArchiveError(f"not a readable zip file: {exc}") from exc
    staging = root / f".import-{secrets.token_hex(6)}"
    with zf:
        module_id = check_archive(zf)
        target = root / module_id
        if target.exists() and not replace:
            raise ArchiveError(f"module {module_id} already exists (use replace)")
        try:
            staging.mkdir(parents=True)
            _extract(zf, staging)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise ArchiveError(f"the zip is damaged: {exc}") from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    try:
        module, problems = load_module(staging, module_id)
        if module is None or (problems := render_problems(module)):
            raise ModuleInvalid(f"module {module_id} in the zip does not validate", problems)
        _keep_archive(root, module)
        refusals = vet(module) if vet is not None else []
        if refusals:
            raise ModuleInvalid(
                f"module {module_id} in the zip would lose assignments that have submissions", refusals
            )
        _swap(staging / module_id, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return module_id


def _files(folder: Path) -> dict[str, str]:
    """Every non-ignored file under `folder` as {relative path: sha256}."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not is_ignored(d)]
        for name in filenames:
            path = Path(dirpath, name)
            if not is_ignored(name):
                found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _keep_archive(root: Path, new: Module) -> None:
    """Refuse a replacement that would change an archived (read-only) edition of the module it replaces."""
    old = salvage_module(root, new.id)
    if old is None:
        return
    archived = [e for e in old.editions.values() if edition_state(old, e) == "archived"]
    changed = [
        e.id
        for e in archived
        if e.id not in new.editions or _files(e.path) != _files(new.editions[e.id].path)
    ]
    if changed:
        raise ArchiveError(
            f"the zip changes the archived edition(s) {', '.join(changed)}, which are read-only; "
            "change only the current edition and drafts"
        )
    if new.current_edition < old.current_edition:
        raise ArchiveError(
            f"the zip makes the archived edition {new.current_edition} current again "
            f"(now {old.current_edition}); archived editions are read-only"
        )


def _swap(new: Path, target: Path) -> None:
    # Keep the old folder under a hidden name until the new one is in place, then drop it.
    backup = target.with_name(f".backup-{target.name}-{secrets.token_hex(4)}")
    had_old = target.exists()
    if had_old:
        os.rename(target, backup)
    try:
        os.rename(new, target)
    except BaseException:
        if had_old:
            os.rename(backup, target)
        raise
    if had_old:
        shutil.rmtree(backup)
