"""Full-text search over the current editions: SQLite FTS5 by default, PostgreSQL's own search on PostgreSQL.

The index is derived data, not part of the schema: its tables are created on demand (and kept out of
Alembic's sight), filled from the catalogue, and rebuilt whenever the catalogue's content fingerprint
differs from the one stored with the index. Visibility is applied in the query (allowed module ids).

Snippets come back from the database with two private-use characters around each hit; everything is
HTML-escaped first and only then are those characters turned into <mark>, so lesson text can never
inject markup.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Flask
from markupsafe import Markup
from sqlalchemy import bindparam, text

from campus.database import is_sqlite
from campus.extensions import db

from .loader import Catalogue
from .manifest import Module
from .render import render_markdown

PREFIX = "courses_search"
FTS, PG, META = f"{PREFIX}_fts", f"{PREFIX}_pg", f"{PREFIX}_meta"
INDEX_VERSION = (
    "1"  # bump when what is indexed changes: the fingerprint then differs and the index is rebuilt
)
OPEN, CLOSE = "\ue000", "\ue001"
LIMIT = 50
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Hit:
    """One search result: what it is (module, lesson, reading), where, and highlighted title and snippet."""

    module_id: str
    edition_id: str
    kind: str
    ref: str  # the lesson slug for lessons, "" otherwise
    title: Markup
    snippet: Markup


def highlighted(raw: str) -> Markup:
    """Escape `raw` and turn the database's hit markers (and only them) into <mark> elements."""
    escaped = html.escape(raw, quote=False)
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))  # noqa: S704 - escaped above


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
    """Create the index tables if needed and rebuild the index if the catalogue changed since."""
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
    db.session.commit()


def fts5_query(query: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word quoted, as a prefix, all required."""
    return " ".join(f'"{word}"*' for word in _WORD.findall(query)[:12])


_SQLITE_SEARCH = f"""
    SELECT module_id, edition_id, kind, ref,
           highlight({FTS}, 4, :open, :close) AS title,
           snippet({FTS}, 5, :open, :close, ' … ', 24) AS snippet
    FROM {FTS} WHERE {FTS} MATCH :query AND module_id IN :modules
    ORDER BY bm25({FTS}, 0, 0, 0, 0, 4.0, 1.0) LIMIT :limit
"""  # noqa: S608
_PG_OPTIONS = 'StartSel={o}, StopSel={c}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
_PG_SEARCH = f"""
    SELECT module_id, edition_id, kind, ref,
           ts_headline('german', title, q, :title_options) AS title,
           ts_headline('german', body, q, :options) AS snippet
    FROM {PG}, websearch_to_tsquery('german', :query) AS q
    WHERE document @@ q AND module_id IN :modules
    ORDER BY ts_rank(document, q) DESC, id LIMIT :limit
"""  # noqa: S608


def search(app: Flask, catalogue: Catalogue, query: str, modules: list[Module]) -> list[Hit]:
    """Hits for `query` in the current editions of `modules` (those the user may see), best first."""
    if not modules or not _WORD.search(query):
        return []
    ensure_index(app, catalogue)
    params: dict[str, Any] = {
        "modules": [m.id for m in modules],
        "limit": LIMIT,
        "open": OPEN,
        "close": CLOSE,
    }
    if is_sqlite(app):
        sql, params["query"] = _SQLITE_SEARCH, fts5_query(query)
    else:
        sql, params["query"] = _PG_SEARCH, query[:200]
        params["options"] = _PG_OPTIONS.format(o=OPEN, c=CLOSE)
        params["title_options"] = f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"
    statement = text(sql).bindparams(bindparam("modules", expanding=True))
    rows = db.session.execute(statement, params).all()
    db.session.commit()
    return [
        Hit(r.module_id, r.edition_id, r.kind, r.ref, highlighted(r.title), highlighted(r.snippet))
        for r in rows
    ]


def drop_index() -> None:
    """Remove the index tables (tests on a shared PostgreSQL database; it is rebuilt on demand)."""
    for table in (FTS, PG, META):
        db.session.execute(text(f"DROP TABLE IF EXISTS {table}"))
    db.session.commit()


def init_app(app: Flask) -> None:
    """Keep the index tables out of `flask db migrate`: they are derived data, not schema."""
    migrate = app.extensions.get("migrate")
    if migrate is not None:
        migrate.configure_args.setdefault("include_name", _include_name)


def _include_name(name: str | None, type_: str, _parent: Any) -> bool:
    return not (type_ in ("table", "index") and (name or "").startswith(PREFIX))
