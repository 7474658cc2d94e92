"""A per-process catalogue that notices changes on disk without a restart.

Each worker process holds its own `CatalogueCache`, so there is no shared state to coordinate: every
process re-checks a cheap fingerprint of the tree (stat only, no reading) at most once per `interval`
and re-parses only when something changed. Atomic saves (os.replace) change the inode, so they are
noticed even when size and mtime happen to match.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from pathlib import Path

from .loader import Catalogue, load_catalogue
from .validate import is_ignored


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
    """Hands out the current `Catalogue`, re-scanning only when the tree's fingerprint changes."""

    def __init__(self, root: Path, interval: float = 1.0) -> None:
        self.root = Path(root).resolve()  # absolute paths in the catalogue, whatever the cwd later
        self.interval = interval
        self._lock = threading.Lock()
        self._checked = float("-inf")
        self._print: str | None = None
        self._catalogue: Catalogue | None = None

    def get(self) -> Catalogue:
        """The catalogue, reloaded first if the tree changed (checked at most once per `interval`)."""
        catalogue = self._catalogue
        if catalogue is not None and time.monotonic() - self._checked < self.interval:
            return catalogue
        with self._lock:
            now = time.monotonic()
            if self._catalogue is not None and now - self._checked < self.interval:
                return self._catalogue  # another thread refreshed while we waited
            current = fingerprint(self.root)
            if current != self._print or self._catalogue is None:
                # Fingerprint first, then load: a change during loading shows up at the next check.
                self._catalogue = load_catalogue(self.root)
                self._print = current
            self._checked = now
            return self._catalogue

    def invalidate(self) -> None:
        """Force a re-scan on the next `get()` (e.g. right after this process wrote a file)."""
        with self._lock:
            self._print = None
            self._checked = float("-inf")
