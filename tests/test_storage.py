"""campus.storage: content-addressed files, durable before their row, and a sweep that finds strays."""

from __future__ import annotations

import hashlib
import io
import os
import resource
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from campus import storage
from campus.extensions import db
from campus.storage import LocalBlobStore, StorageFull, StoredFile, TooLarge


@pytest.fixture
def blobs(app: Flask) -> LocalBlobStore:
    store = storage.store()
    assert isinstance(store, LocalBlobStore)
    return store


def leftovers(store: LocalBlobStore) -> list[Path]:
    """Every file under the store's root (finished blobs and temporary files)."""
    return [path for path in store.root.rglob("*") if path.is_file()]


def test_a_saved_file_is_stored_under_its_sha256_and_gets_a_row(blobs: LocalBlobStore) -> None:
    data = os.urandom(3 * 1024 * 1024 + 17)  # several chunks
    row = storage.save(io.BytesIO(data))
    db.session.commit()
    digest = hashlib.sha256(data).hexdigest()
    assert row.sha256 == digest and row.size == len(data)
    assert blobs.path(digest) == blobs.root / digest[:2] / digest
    with storage.open_file(digest) as stream:
        assert stream.read() == data
    assert db.session.get(StoredFile, digest) is not None
    assert leftovers(blobs) == [blobs.path(digest)]


def test_identical_content_is_stored_once(blobs: LocalBlobStore) -> None:
    first = storage.save(io.BytesIO(b"dieselbe Arbeit"))
    second = storage.save(io.BytesIO(b"dieselbe Arbeit"))
    db.session.commit()
    assert first.sha256 == second.sha256
    assert db.session.query(StoredFile).count() == 1 and len(leftovers(blobs)) == 1


def test_a_stream_over_the_limit_stops_and_keeps_nothing(blobs: LocalBlobStore) -> None:
    class Endless(io.RawIOBase):
        reads = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            self.reads += 1
            buffer[:] = b"x" * len(buffer)
            return len(buffer)

    stream = Endless()
    with pytest.raises(TooLarge):
        storage.save(io.BufferedReader(stream), max_bytes=2 * 1024 * 1024)
    assert stream.reads < 10  # it stopped reading right after the limit
    assert leftovers(blobs) == [] and db.session.query(StoredFile).count() == 0


def test_a_stream_that_breaks_keeps_nothing(blobs: LocalBlobStore) -> None:
    class Broken(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            raise ConnectionResetError("client went away")

    with pytest.raises(Exception, match="client went away"):
        storage.save(io.BufferedReader(Broken()))
    assert leftovers(blobs) == []


@pytest.fixture
def file_size_limit() -> Iterator[None]:
    """Files this process writes may not exceed 64 KB (the kernel answers EFBIG, as a full disk would)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_full_disk_raises_storage_full_and_keeps_earlier_files(blobs: LocalBlobStore, request) -> None:
    earlier = storage.save(io.BytesIO(b"Version 1"))
    db.session.commit()
    request.getfixturevalue("file_size_limit")
    with pytest.raises(StorageFull):
        storage.save(io.BytesIO(os.urandom(256 * 1024)))
    assert leftovers(blobs) == [blobs.path(earlier.sha256)]
    assert blobs.path(earlier.sha256).read_bytes() == b"Version 1"


def test_the_blob_is_fsynced_before_the_rename_and_the_folder_after(
    blobs: LocalBlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        steps.append("fsync folder" if os.path.isdir(f"/proc/self/fd/{fd}") else "fsync file")
        real_fsync(fd)

    def replace(source: str, target: str) -> None:
        steps.append("rename")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    storage.save(io.BytesIO(b"durable"))
    assert steps[0] == "fsync file" and steps[-2:] == ["rename", "fsync folder"]


def test_only_sha256_names_reach_the_file_system(blobs: LocalBlobStore) -> None:
    for hostile in ("../../etc/passwd", "a" * 63, "A" * 64, "/" + "a" * 63):
        with pytest.raises(ValueError):
            blobs.path(hostile)


def test_the_sweep_reports_orphans_and_missing_files(blobs: LocalBlobStore) -> None:
    kept = storage.save(io.BytesIO(b"kept"))
    lost = storage.save(io.BytesIO(b"lost"))
    db.session.commit()
    orphan = blobs.write(io.BytesIO(b"orphan")).sha256  # a request that died before its commit
    blobs.path(lost.sha256).unlink()
    (blobs.incoming / "tmp-abandoned").write_bytes(b"half a file")
    report = storage.sweep()
    assert report.orphans == [orphan] and report.missing == [lost.sha256] and not report.healthy
    assert report.abandoned == 0  # too young to call abandoned
    assert kept.sha256 not in report.orphans + report.missing


def test_the_sweep_deletes_only_old_orphans(blobs: LocalBlobStore) -> None:
    orphan = blobs.write(io.BytesIO(b"orphan")).sha256
    (blobs.incoming / "tmp-abandoned").write_bytes(b"half a file")
    young = storage.sweep(delete_orphans=True)
    assert young.deleted == [] and blobs.exists(orphan)
    later = os.path.getmtime(blobs.path(orphan)) + storage.service.ORPHAN_GRACE_SECONDS + 1
    old = storage.sweep(delete_orphans=True, now=later)
    assert old.deleted == [orphan] and not blobs.exists(orphan)
    assert old.abandoned == 1 and list(blobs.incoming.iterdir()) == []


def test_the_sweep_command(app: Flask, runner: FlaskCliRunner, blobs: LocalBlobStore) -> None:
    healthy = runner.invoke(args=["storage", "sweep"])
    assert healthy.exit_code == 0 and "rows without a file: 0" in healthy.output
    row = storage.save(io.BytesIO(b"paper"))
    db.session.commit()
    blobs.path(row.sha256).unlink()
    broken = runner.invoke(args=["storage", "sweep"])
    assert broken.exit_code == 1 and row.sha256 in broken.output


def test_staged_bytes_are_stored_only_when_kept(blobs: LocalBlobStore) -> None:
    with storage.staged(io.BytesIO(b"refused paper")) as refused:
        assert refused.path.read_bytes() == b"refused paper"
    assert leftovers(blobs) == [] and db.session.query(StoredFile).count() == 0
    with storage.staged(io.BytesIO(b"accepted paper")) as accepted:
        row = storage.keep(accepted)
    db.session.commit()
    assert leftovers(blobs) == [blobs.path(row.sha256)] and row.size == len(b"accepted paper")
