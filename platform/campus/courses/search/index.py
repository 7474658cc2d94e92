"""The search index of course modules: what is indexed, its tables, and rebuilding it when content changes.

SQLite FTS5 by default, PostgreSQL's own full-text search on PostgreSQL. The index is derived data,
not part of the schema: its tables are created on demand (and kept out of Alembic's sight), filled
from the catalogue, and rebuilt whenever the catalogue's content fingerprint differs from the one
stored with the index.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from typing import Any

from flask import Flask
from sqlalchemy import text

from campus.database import is_sqlite
from campus.extensions import db

from ..content.loader import Catalogue
from ..content.render import render_markdown

PREFIX = "courses_search"
FTS, PG, META = f"{PREFIX}_fts", f"{PREFIX}_pg", f"{PREFIX}_meta"
INDEX_VERSION = (
    "1"  # bump when what is indexed changes: the fingerprint then differs and the index is rebuilt
)
# The markers the database puts around each hit in a snippet (private-use characters; see query.py).
OPEN, CLOSE = "\ue000", "\ue001"
_TAG = re.compile(r"<[^>]+>")


def _plain(value: str) -> str:
    return " ".join(value.replace(OPEN, "").replace(CLOSE, "").split())


def _rows(catalogue: Catalogue) -> Iterator[dict[str, str]]:
    """The documents to index: per current edition the module, each lesson and each reading."""
    for module in catalogue.modules.values():
        edition = module.current
        base = {"module_id": module.id, "edition_id": edition.id}
        titles = " · ".join(dict.fromkeys(module.title.values()))
        summaries = "\n".join(dict.fromkeys(module.summary.values()))
        yield {**base, "kind": "module", "ref": "", "title": _plain(titles), "body": _plain(summaries)}
        for lesson in edition.lessons:
            rendered = render_markdown(
                lesson.text, "/", cache=False
            )  # not cached: keep the page cache for pages
            body = html.unescape(_TAG.sub(" ", rendered.html)).replace("\u21a9", "")  # footnote back-links
            yield {
                **base,
                "kind": "lesson",
                "ref": lesson.slug,
                "title": _plain(lesson.title),
                "body": _plain(body),
            }
        for number, reading in enumerate(edition.readings, start=1):
            yield {
                **base,
                "kind": "reading",
                "ref": str(number),
                "title": "",
                "body": _plain(reading.citation),
            }


_fingerprints: list[tuple[Catalogue, str]] = []


def fingerprint(catalogue: Catalogue) -> str:
    """A digest of everything the index holds; remembered for the last catalogue object seen."""
    if _fingerprints and _fingerprints[0][0] is catalogue:
        return _fingerprints[0][1]
    digest = hashlib.blake2b(INDEX_VERSION.encode(), digest_size=16)
    for module in catalogue.modules.values():
        edition = module.current
        parts = [module.id, edition.id, *module.title.values(), *module.summary.values()]
        parts += [f"{lesson.slug}:{lesson.sha256}" for lesson in edition.lessons]
        parts += [reading.citation for reading in edition.readings]
        digest.update("\0".join(parts).encode() + b"\1")
    value = digest.hexdigest()
    _fingerprints[:] = [(catalogue, value)]
    return value


# Table names are constants of this module, never user input.
_COLUMNS = "module_id, edition_id, kind, ref, title, body"
_VALUES = ":module_id, :edition_id, :kind, :ref, :title, :body"
_PG_DOCUMENT = "setweight(to_tsvector('german', :title), 'A') || to_tsvector('german', :body)"
_CREATE_META = f"CREATE TABLE IF NOT EXISTS {META} (name VARCHAR(40) PRIMARY KEY, value VARCHAR(64))"
_CREATE = {
    True: [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(module_id UNINDEXED, edition_id UNINDEXED, "
        "kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')"
    ],
    False: [
        f"CREATE TABLE IF NOT EXISTS {PG} (id SERIAL PRIMARY KEY, module_id VARCHAR(80), edition_id VARCHAR(16), "
        "kind VARCHAR(16), ref VARCHAR(120), title TEXT, body TEXT, document TSVECTOR)",
        f"CREATE INDEX IF NOT EXISTS {PG}_document ON {PG} USING GIN (document)",
    ],
}
_CLEAR = {True: f"DELETE FROM {FTS}", False: f"DELETE FROM {PG}"}  # noqa: S608
_INSERT = {
    True: f"INSERT INTO {FTS} ({_COLUMNS}) VALUES ({_VALUES})",  # noqa: S608
    False: f"INSERT INTO {PG} ({_COLUMNS}, document) VALUES ({_VALUES}, {_PG_DOCUMENT})",  # noqa: S608
}
_GET_PRINT = f"SELECT value FROM {META} WHERE name = 'fingerprint'"  # noqa: S608
_DEL_PRINT = f"DELETE FROM {META} WHERE name = 'fingerprint'"  # noqa: S608
_SET_PRINT = f"INSERT INTO {META} (name, value) VALUES ('fingerprint', :value)"  # noqa: S608


def ensure_index(app: Flask, catalogue: Catalogue) -> None:
    """Create the index tables if needed and rebuild the index if the catalogue changed since.

    The caller commits (the search view does, once, after reading the hits).
    """
    sqlite, wanted = is_sqlite(app), fingerprint(catalogue)
    for statement in (_CREATE_META, *_CREATE[sqlite]):
        db.session.execute(text(statement))
    if db.session.scalar(text(_GET_PRINT)) != wanted:
        db.session.execute(text(_CLEAR[sqlite]))
        rows = list(_rows(catalogue))
        if rows:
            db.session.execute(text(_INSERT[sqlite]), rows)
        db.session.execute(text(_DEL_PRINT))
        db.session.execute(text(_SET_PRINT), {"value": wanted})


def drop_index() -> None:
    """Remove the index tables (tests on a shared PostgreSQL database; it is rebuilt on demand).

    The caller commits.
    """
    for table in (FTS, PG, META):
        db.session.execute(text(f"DROP TABLE IF EXISTS {table}"))


def init_app(app: Flask) -> None:
    """Keep the index tables out of `flask db migrate`: they are derived data, not schema."""
    migrate = app.extensions.get("migrate")
    if migrate is not None:
        migrate.configure_args.setdefault("include_name", _include_name)


def _include_name(name: str | None, type_: str, _parent: Any) -> bool:
    return not (type_ in ("table", "index") and (name or "").startswith(PREFIX))
