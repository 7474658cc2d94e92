"""Where the bytes live: a content-addressed blob store, named by the SHA-256 of the content.

`LocalBlobStore` keeps them under ``instance/uploads/`` (``ab/abcdef…``). A write streams into a
temporary file in ``uploads/.incoming/`` (same file system, so the rename is atomic), fsyncs it,
renames it into place and fsyncs the folder: when `write` returns, the file survives a power cut.
Only then may the caller commit the database row that points at it. An S3-compatible store would
implement the same `BlobStore` protocol (``write`` = multipart upload, then the object appears whole).
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_BYTES = 1024 * 1024
INCOMING = ".incoming"
# A full disk, an exhausted quota, or a file-size limit: to the student, all three are a full disk.
FULL_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class StorageError(Exception):
    """A file could not be stored; nothing was kept."""


class StorageFull(StorageError):
    """The disk (or the quota, or the file-size limit) is full."""


class TooLarge(StorageError):
    """The stream had more bytes than allowed; reading stopped there."""


@dataclass(frozen=True)
class Blob:
    """A stored content: its SHA-256 (hex) and its size in bytes."""

    sha256: str
    size: int


@dataclass(frozen=True)
class StagedBlob(Blob):
    """Bytes received and fsynced in a temporary file (``path``), not yet stored: check them, then
    `BlobStore.keep` or `BlobStore.discard` them."""

    path: Path


class BlobStore(Protocol):
    """What Campus needs from a file store."""

    def stage(self, stream: BinaryIO, max_bytes: int | None = None) -> StagedBlob:
        """Receive the stream into a local temporary file; raises `TooLarge` or `StorageFull`, keeping nothing."""
        ...

    def keep(self, staged: StagedBlob) -> Blob:
        """Store staged bytes durably under their SHA-256 (the temporary file is used up)."""
        ...

    def discard(self, staged: StagedBlob) -> None:
        """Throw staged bytes away."""
        ...

    def write(self, stream: BinaryIO, max_bytes: int | None = None) -> Blob:
        """`stage` and `keep` in one step."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """A binary stream of the content (read it in chunks); `FileNotFoundError` if missing."""
        ...

    def exists(self, sha256: str) -> bool:
        """Whether the content is stored."""
        ...

    def local_path(self, sha256: str) -> AbstractContextManager[Path]:
        """A context giving a file-system path to the content (a remote store downloads it)."""
        ...

    def delete(self, sha256: str) -> None:
        """Remove the content (no error when it is already gone)."""
        ...

    def contents(self) -> Iterator[tuple[str, float]]:
        """Every stored SHA-256 with its modification time (for the sweep)."""
        ...

    def abandoned_writes(self, older_than: float, delete: bool = False) -> int:
        """Count (and with ``delete`` remove) writes that never finished and began before ``older_than``."""
        ...


def _is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class LocalBlobStore:
    """Blobs as files under ``root``: ``root/ab/abcdef…`` for the SHA-256 ``abcdef…``."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.incoming = self.root / INCOMING

    def path(self, sha256: str) -> Path:
        """Where the content with this SHA-256 lives (refuses anything that is not a SHA-256)."""
        if not _is_sha256(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def stage(self, stream: BinaryIO, max_bytes: int | None = None) -> StagedBlob:
        self.incoming.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        descriptor, temporary = tempfile.mkstemp(dir=self.incoming)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                while chunk := stream.read(CHUNK_BYTES):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise TooLarge(f"more than {max_bytes} bytes")
                    digest.update(chunk)
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            if error.errno in FULL_ERRORS:
                raise StorageFull(str(error)) from error
            raise StorageError(str(error)) from error
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return StagedBlob(digest.hexdigest(), size, Path(temporary))

    def keep(self, staged: StagedBlob) -> Blob:
        final = self.path(staged.sha256)
        try:
            if not final.parent.exists():
                final.parent.mkdir(exist_ok=True)
                _fsync_folder(self.root)
            os.replace(staged.path, final)
            _fsync_folder(final.parent)
        except OSError as error:
            self.discard(staged)
            if error.errno in FULL_ERRORS:
                raise StorageFull(str(error)) from error
            raise StorageError(str(error)) from error
        return Blob(staged.sha256, staged.size)

    def discard(self, staged: StagedBlob) -> None:
        staged.path.unlink(missing_ok=True)

    def write(self, stream: BinaryIO, max_bytes: int | None = None) -> Blob:
        return self.keep(self.stage(stream, max_bytes))

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    @contextmanager
    def local_path(self, sha256: str) -> Iterator[Path]:
        path = self.path(sha256)
        if not path.is_file():
            raise FileNotFoundError(sha256)
        yield path

    def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)

    def contents(self) -> Iterator[tuple[str, float]]:
        if not self.root.is_dir():
            return
        for shard in sorted(self.root.iterdir()):
            if shard.name == INCOMING or not shard.is_dir():
                continue
            for entry in sorted(shard.iterdir()):
                if _is_sha256(entry.name) and entry.name.startswith(shard.name):
                    yield entry.name, entry.stat().st_mtime

    def abandoned_writes(self, older_than: float, delete: bool = False) -> int:
        if not self.incoming.is_dir():
            return 0
        stale = [entry for entry in self.incoming.iterdir() if entry.stat().st_mtime < older_than]
        if delete:
            for entry in stale:
                entry.unlink(missing_ok=True)
        return len(stale)
