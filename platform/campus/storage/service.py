"""Storing and finding files: the blob first, durably, then the row (which the caller commits)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from campus.extensions import db

from .blobs import Blob, BlobStore, StagedBlob
from .models import StoredFile

# An orphan younger than this may belong to a request that has not committed yet: report, keep.
ORPHAN_GRACE_SECONDS = 3600


def store() -> BlobStore:
    """The app's blob store."""
    return current_app.extensions["campus.storage"]


def save(stream: BinaryIO, max_bytes: int | None = None) -> StoredFile:
    """Store ``stream`` durably and add its row to the session (flushed, not committed).

    Raises `TooLarge` or `StorageFull` (nothing kept, the session untouched). Identical content sent
    twice at once (a double click) is one row: the insert ignores a row that is already there.
    """
    return _row(store().write(stream, max_bytes))


@contextmanager
def staged(stream: BinaryIO, max_bytes: int | None = None) -> Iterator[StagedBlob]:
    """Receive ``stream`` into a temporary file to check it before storing; discarded unless `keep` ran.

    with storage.staged(request_file.stream, max_bytes) as upload:
        check(upload.path)            # refuse: nothing is stored
        row = storage.keep(upload)    # durable, row flushed
    """
    blobs = store()
    upload = blobs.stage(stream, max_bytes)
    try:
        yield upload
    finally:
        blobs.discard(upload)  # a no-op once kept: the temporary file has been renamed into place


def keep(upload: StagedBlob) -> StoredFile:
    """Store staged bytes durably and add their row to the session (flushed, not committed)."""
    return _row(store().keep(upload))


def _row(blob: Blob) -> StoredFile:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(StoredFile)
        .values(sha256=blob.sha256, size=blob.size)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    row = db.session.get(StoredFile, blob.sha256)
    assert row is not None
    return row


def open_file(sha256: str) -> BinaryIO:
    """A binary stream of a stored content, to be read in chunks (e.g. by ``send_file``)."""
    return store().open(sha256)


@dataclass
class SweepReport:
    """What the sweep found: files nobody points at, rows whose file is gone, abandoned temp files."""

    orphans: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    abandoned: int = 0

    @property
    def healthy(self) -> bool:
        """No row has lost its file."""
        return not self.missing


def sweep(delete_orphans: bool = False, now: float | None = None) -> SweepReport:
    """Compare the blob store with the ``stored_file`` rows.

    With ``delete_orphans``, files without a row that are older than an hour are removed, and so are
    temporary files of writes that never finished; a missing file is only ever reported.
    """
    now = time.time() if now is None else now
    blobs = store()
    report = SweepReport()
    known = set(db.session.scalars(select(StoredFile.sha256)))
    on_disk = set()
    for sha256, modified in blobs.contents():
        on_disk.add(sha256)
        if sha256 not in known:
            report.orphans.append(sha256)
            if delete_orphans and modified < now - ORPHAN_GRACE_SECONDS:
                blobs.delete(sha256)
                report.deleted.append(sha256)
    report.missing = sorted(known - on_disk)
    report.abandoned = blobs.abandoned_writes(now - ORPHAN_GRACE_SECONDS, delete=delete_orphans)
    return report
