"""The search index of course modules: what is indexed, its tables, and keeping it in step with the content.

SQLite FTS5 by default, PostgreSQL's own full-text search on PostgreSQL. The index is derived data,
not part of the schema: its tables are created on demand (and kept out of Alembic's sight).

Every edition of every working module is indexed, drafts and archives too (lecturers may search
their own; the query decides who sees what), each document with a digest of its source. Bringing
the index up to date compares digests per module and rewrites only the documents that changed: a
save touches its lesson, nothing else. Nothing here renders Markdown: a lesson's words come from its
text (`content.plaintext`), so no lesson can stall a search.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask
from sqlalchemy import Connection, bindparam, text

from campus.database import is_sqlite
from campus.extensions import db

from ..content.loader import Catalogue
from ..content.manifest import Module
from ..content.plaintext import plain_text

PREFIX = "courses_search"
FTS, PG, META = f"{PREFIX}_fts", f"{PREFIX}_pg", f"{PREFIX}_meta"
INDEX_VERSION = "2"  # bump when what is indexed changes: the tables are then built anew
# The markers the database puts around each hit in a snippet (private-use characters; see query.py).
OPEN, CLOSE = "\ue000", "\ue001"

Doc = dict[str, str]


def _plain(value: str) -> str:
    return " ".join(value.replace(OPEN, "").replace(CLOSE, "").split())


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def scope(module_id: str, edition_id: str = "") -> str:
    """The key a document is filtered by: "module/edition", or "module/" for the module's description."""
    return f"{module_id}/{edition_id}"


def documents(module: Module) -> Iterator[Doc]:
    """What is indexed of a module: its description, and per edition each lesson and each reading."""
    titles = " · ".join(dict.fromkeys(module.title.values()))
    summaries = "\n".join(dict.fromkeys(module.summary.values()))
    base = {"module_id": module.id, "edition_id": "", "scope": scope(module.id)}
    yield {**base, "kind": "module", "ref": "", "digest": _digest(titles, summaries),
           "title": _plain(titles), "body": _plain(summaries)}  # fmt: skip
    for edition in module.editions.values():
        base = {"module_id": module.id, "edition_id": edition.id, "scope": scope(module.id, edition.id)}
        for lesson in edition.lessons:
            yield {**base, "kind": "lesson", "ref": lesson.slug, "digest": lesson.sha256,
                   "title": _plain(lesson.title), "body": _plain(plain_text(lesson.text))}  # fmt: skip
        for number, reading in enumerate(edition.readings, start=1):
            yield {**base, "kind": "reading", "ref": str(number), "digest": _digest(reading.citation),
                   "title": "", "body": _plain(reading.citation)}  # fmt: skip


def _key(doc: Any) -> tuple[str, str, str, str]:
    return doc["edition_id"], doc["kind"], doc["ref"], doc["digest"]


_fingerprints: list[tuple[Catalogue, dict[str, str]]] = []


def fingerprints(catalogue: Catalogue) -> dict[str, str]:
    """{module id: digest of its documents' digests}; remembered for the last catalogue object seen."""
    if _fingerprints and _fingerprints[0][0] is catalogue:
        return _fingerprints[0][1]
    value = {
        m.id: _digest(INDEX_VERSION, *("/".join(_key(d)) for d in documents(m)))
        for m in catalogue.modules.values()
    }
    _fingerprints[:] = [(catalogue, value)]
    return value


# Table names are constants of this module, never user input.
_COLUMNS = "module_id, edition_id, kind, ref, scope, digest, title, body"
_VALUES = ":module_id, :edition_id, :kind, :ref, :scope, :digest, :title, :body"
_PG_DOCUMENT = "setweight(to_tsvector('german', :title), 'A') || to_tsvector('german', :body)"
_CREATE_META = f"CREATE TABLE IF NOT EXISTS {META} (name VARCHAR(120) PRIMARY KEY, value VARCHAR(64))"
_CREATE = {
    True: [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(module_id UNINDEXED, edition_id UNINDEXED, "
        "kind UNINDEXED, ref UNINDEXED, scope UNINDEXED, digest UNINDEXED, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    ],
    False: [
        f"CREATE TABLE IF NOT EXISTS {PG} (id SERIAL PRIMARY KEY, module_id VARCHAR(80), edition_id VARCHAR(16), "
        "kind VARCHAR(16), ref VARCHAR(120), scope VARCHAR(100), digest VARCHAR(64), title TEXT, body TEXT, "
        "document TSVECTOR)",
        f"CREATE INDEX IF NOT EXISTS {PG}_document ON {PG} USING GIN (document)",
        f"CREATE INDEX IF NOT EXISTS {PG}_module ON {PG} (module_id)",
    ],
}
_ROW_ID = {True: "rowid", False: "id"}
_TABLE = {True: FTS, False: PG}
_INSERT = {
    True: f"INSERT INTO {FTS} ({_COLUMNS}) VALUES ({_VALUES})",  # noqa: S608
    False: f"INSERT INTO {PG} ({_COLUMNS}, document) VALUES ({_VALUES}, {_PG_DOCUMENT})",  # noqa: S608
}
_GET_META = f"SELECT name, value FROM {META}"  # noqa: S608
_DEL_META = f"DELETE FROM {META} WHERE name = :name"  # noqa: S608
_SET_META = f"INSERT INTO {META} (name, value) VALUES (:name, :value)"  # noqa: S608


Run = Callable[..., Any]  # db.session.execute, or a connection's execute


def _create(run: Run, sqlite: bool) -> None:
    run(text(_CREATE_META))
    version = run(text(_GET_META)).tuples().all()
    if ("version", INDEX_VERSION) not in version:  # a first run, or an index of an older shape
        for table in (FTS, PG):
            run(text(f"DROP TABLE IF EXISTS {table}"))
        run(text(f"DELETE FROM {META}"))  # noqa: S608
        run(text(_SET_META), {"name": "version", "value": INDEX_VERSION})
    for statement in _CREATE[sqlite]:
        run(text(statement))


def _sync_module(run: Run, sqlite: bool, module_id: str, docs: list[Doc]) -> None:
    """Make the rows of `module_id` be `docs`: delete what went or changed, insert what is new."""
    table, row_id = _TABLE[sqlite], _ROW_ID[sqlite]
    query = f"SELECT {row_id}, edition_id, kind, ref, digest FROM {table} WHERE module_id = :m"  # noqa: S608
    have = {tuple(row[1:]): row[0] for row in run(text(query), {"m": module_id})}
    wanted = {_key(doc): doc for doc in docs}
    gone = [rid for key, rid in have.items() if key not in wanted]
    if gone:
        delete = text(f"DELETE FROM {table} WHERE {row_id} IN :ids")  # noqa: S608
        run(delete.bindparams(bindparam("ids", expanding=True)), {"ids": gone})
    new = [doc for key, doc in wanted.items() if key not in have]
    if new:
        run(text(_INSERT[sqlite]), new)


_LOCK = {
    # One writer at a time, so two workers never insert the same documents twice.
    True: f"UPDATE {META} SET value = value WHERE name = 'version'",  # noqa: S608 - a write takes SQLite's lock
    False: "SELECT pg_advisory_xact_lock(72636)",
}


def _stored(run: Run) -> dict[str, str]:
    return {
        name.removeprefix("module:"): value
        for name, value in run(text(_GET_META)).tuples()
        if name.startswith("module:")
    }


def ensure_index(app: Flask, catalogue: Catalogue, connection: Connection | None = None) -> None:
    """Bring the index up to date with `catalogue`, rewriting only the documents that changed.

    Without changes it only reads. On the session (the caller commits: the search view does, once,
    after reading the hits), or on `connection` (a transaction of its own, after a save).
    """
    run: Run = connection.execute if connection is not None else db.session.execute
    sqlite, wanted = is_sqlite(app), fingerprints(catalogue)
    _create(run, sqlite)
    if _stored(run) == wanted:
        return
    run(text(_LOCK[sqlite]))
    stored = _stored(run)  # another worker may have done it while we waited
    for module_id in sorted(set(stored) | set(wanted)):
        if stored.get(module_id) == wanted.get(module_id):
            continue
        module = catalogue.get(module_id)
        _sync_module(run, sqlite, module_id, list(documents(module)) if module else [])
        run(text(_DEL_META), {"name": f"module:{module_id}"})
        if module_id in wanted:
            run(text(_SET_META), {"name": f"module:{module_id}", "value": wanted[module_id]})


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
