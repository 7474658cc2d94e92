"""The database's side of storage: one row per stored content, which features point at."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from campus import clock
from campus.extensions import db


class StoredFile(db.Model):  # type: ignore[name-defined]
    """A content in the blob store, by SHA-256. Identical bytes are stored once, however often sent.

    The row is committed only after the blob is durable, so a row without its file means the disk
    lost it (the sweep reports that); a file without a row is an upload whose request died.
    """

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
