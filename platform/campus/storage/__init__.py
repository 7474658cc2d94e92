"""Storage: content-addressed files, written durably before the database row that names them.

    row = storage.save(request_file.stream, max_bytes=20 * 2**20)   # blob durable, row flushed
    db.session.commit()                                              # the caller commits
    with storage.open_file(row.sha256) as stream: ...                # streamed, never read whole

The default store keeps files under ``instance/uploads/`` (``UPLOADS_DIR``); `BlobStore` is the
interface an S3-compatible store would implement. ``flask storage sweep`` compares files and rows.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import jobs  # noqa: F401 - the nightly sweep registers on import
from .blobs import (
    FULL_ERRORS,
    Blob,
    BlobStore,
    LocalBlobStore,
    StagedBlob,
    StorageError,
    StorageFull,
    TooLarge,
)
from .cli import storage_cli
from .models import StoredFile
from .service import SweepReport, keep, open_file, save, staged, store, sweep

__all__ = [
    "FULL_ERRORS",
    "Blob",
    "BlobStore",
    "LocalBlobStore",
    "StagedBlob",
    "StorageError",
    "StorageFull",
    "StoredFile",
    "SweepReport",
    "TooLarge",
    "init_app",
    "keep",
    "open_file",
    "save",
    "staged",
    "store",
    "sweep",
]


def init_app(app: Flask) -> None:
    """Create the app's blob store and register ``flask storage``."""
    root = Path(app.config.get("UPLOADS_DIR") or Path(app.instance_path) / "uploads")
    app.config["UPLOADS_DIR"] = root
    app.extensions["campus.storage"] = LocalBlobStore(root)
    app.cli.add_command(storage_cli)
