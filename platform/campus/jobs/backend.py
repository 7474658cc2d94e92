"""Which Huey storage the queue lives in: chosen by configuration, with one code path for all of them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask
from huey import Huey, MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey

from campus.jobs.serializer import JsonSerializer

QUEUE_NAME = "campus"


def broker_url(app: Flask) -> str:
    """``JOBS_BROKER_URL``, else ``REDIS_URL``, else an SQLite file in the instance folder."""
    return str(
        app.config.get("JOBS_BROKER_URL")
        or app.config.get("REDIS_URL")
        or f"sqlite:///{Path(app.instance_path) / 'jobs.db'}"
    )


def describe(url: str) -> str:
    """The broker without credentials, for status pages and logs."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        return f"SQLite {parts.path.removeprefix('/')}"
    host = parts.hostname or "localhost"
    return f"{parts.scheme.split('+')[0]} {host}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def create_huey(app: Flask) -> Huey:
    """A Huey instance for this app's configuration (immediate mode runs jobs in-process, for tests)."""
    url = broker_url(app)
    scheme = urlsplit(url).scheme
    options = {
        "name": QUEUE_NAME,
        "results": False,  # jobs write their outcome to the database; the queue keeps no results
        "serializer": JsonSerializer(),
        "immediate": bool(app.config.get("JOBS_IMMEDIATE")),
        "utc": True,
    }
    if scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        # fsync on: a queued job must survive a crash or a killed `make run`.
        return SqliteHuey(filename=str(path), fsync=True, **options)
    if scheme in {"redis", "rediss", "unix"}:
        return RedisHuey(url=url, **options)
    if scheme.startswith("postgres"):
        # Huey speaks psycopg directly: drop SQLAlchemy's "+psycopg" driver suffix.
        return PostgresHuey(dsn=url.replace("+psycopg", "", 1), **options)
    if scheme == "memory":
        return MemoryHuey(**options)
    raise ValueError(f"JOBS_BROKER_URL: unsupported queue {url!r} (sqlite, redis or postgresql)")
