"""A per-process catalogue that notices changes without a restart.

Each worker process holds its own `CatalogueCache`. Two ways tell it that the folder changed:
- the change marker: whoever writes through Campus (a save in the browser, a CLI command) calls
  `mark_changed`, which replaces a hidden file in the modules root. Every `get()` stats that one file
  (cheap), so every process re-reads at its next request, the writing one included;
- the fingerprint: edits made on disk by hand (an editor, git) are found by re-checking a cheap
  digest of the tree (stat only, no reading) at most once per `interval`.
Atomic saves (os.replace) change the inode, so they are noticed even when size and mtime match.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
import time
from pathlib import Path

from .files import replace_file
from .loader import Catalogue, load_catalogue
from .validate import is_ignored

# Hidden, so the loader, the fingerprint and exports skip it.
MARKER = ".campus-changed"


def mark_changed(root: Path) -> None:
    """Tell every process reading `root` that its content changed (the marker gets a new inode)."""
    replace_file(root / MARKER, secrets.token_hex(8).encode())


def marker(root: Path) -> tuple[int, int] | None:
    """The change marker's identity (inode, mtime in ns), None before the first change."""
    try:
        st = os.stat(root / MARKER)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def fingerprint(root: Path) -> str:
    """A digest of every non-ignored folder's path and file's (path, inode, mtime_ns, size) under `root`."""
    digest = hashlib.blake2b(digest_size=16)
    stack, visited = [str(root)], set()
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            digest.update(b"-missing-")
            continue
        for entry in entries:
            if is_ignored(entry.name):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # removed while we walked; the next check sees the new state
                continue
            if entry.is_dir():
                # A folder's own mtime would change with every hidden temp file an editor writes;
                # added and removed entries show up as paths in the digest anyway.
                digest.update(f"{entry.path}/\n".encode())
                # Symlinked folders are followed (a module may link to a checkout), loops are not.
                if (st.st_dev, st.st_ino) not in visited:
                    visited.add((st.st_dev, st.st_ino))
                    stack.append(entry.path)
            else:
                digest.update(f"{entry.path}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return digest.hexdigest()


class CatalogueCache:
    """Hands out the current `Catalogue`, re-scanning when the change marker or the tree's fingerprint changes."""

    def __init__(self, root: Path, interval: float = 1.0) -> None:
        self.root = Path(root).resolve()  # absolute paths in the catalogue, whatever the cwd later
        self.interval = interval
        self._lock = threading.Lock()
        self._checked = float("-inf")
        self._marker: tuple[int, int] | None = None
        self._print: str | None = None
        self._catalogue: Catalogue | None = None

    def get(self) -> Catalogue:
        """The catalogue, reloaded first if the marker moved or (checked once per `interval`) the tree changed."""
        catalogue, seen = self._catalogue, marker(self.root)
        fresh = time.monotonic() - self._checked < self.interval
        if catalogue is not None and seen == self._marker and fresh:
            return catalogue
        with self._lock:
            now = time.monotonic()
            if self._catalogue is not None and seen == self._marker and now - self._checked < self.interval:
                return self._catalogue  # another thread refreshed while we waited
            # Marker first, then fingerprint, then load: a change meanwhile shows up at the next get().
            current = fingerprint(self.root)
            if current != self._print or self._catalogue is None:
                self._catalogue = load_catalogue(self.root)
                self._print = current
            self._marker, self._checked = seen, now
            return self._catalogue

    def invalidate(self) -> None:
        """Force a re-scan on the next `get()` (e.g. right after this process wrote a file)."""
        with self._lock:
            self._print = None
            self._checked = float("-inf")
