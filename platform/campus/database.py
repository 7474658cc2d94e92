"""Database set-up: SQLite pragmas, migrations folder, and the ``flask db`` commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from campus.extensions import db, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers proceed while a writer commits; SQLite enforces foreign keys only when asked.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def init_app(app: Flask) -> None:
    """Bind SQLAlchemy and Alembic; create the instance folder an SQLite file lives in."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)


def is_sqlite(app: Flask) -> bool:
    """Whether the app talks to SQLite (some features, e.g. full-text search, differ per database)."""
    return str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite")
