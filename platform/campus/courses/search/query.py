"""Searching the index: the user's words as a safe query, visibility applied in the query, highlighted hits.

Snippets come back from the database with two private-use characters around each hit; everything is
HTML-escaped first and only then are those characters turned into <mark>, so lesson text can never
inject markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from markupsafe import Markup
from sqlalchemy import bindparam, text

from campus.database import is_sqlite
from campus.extensions import db

from ..content.loader import Catalogue
from ..content.manifest import Module
from .index import CLOSE, FTS, OPEN, PG, ensure_index

LIMIT = 50
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
    """Hits for `query` in the current editions of `modules` (those the user may see), best first.

    A rebuilt index is part of the caller's unit of work: the view commits it.
    """
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
    return [
        Hit(r.module_id, r.edition_id, r.kind, r.ref, highlighted(r.title), highlighted(r.snippet))
        for r in rows
    ]
