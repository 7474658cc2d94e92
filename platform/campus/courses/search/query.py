"""Searching the index: the user's words as a safe query, visibility applied in the query, highlighted hits.

Who sees what is decided by the caller as a list of scopes ("module/edition", see `index.scope`).
German typed without umlauts finds them: every word is also looked for with ä, ö, ü, ß where it has
ae, oe, ue, ss ("laendlich" finds "ländlich"); the databases themselves fold ä to a (SQLite's
remove_diacritics, PostgreSQL's German stemmer), so "landlich" and "ländlich" find it too.

Snippets come back from the database with two private-use characters around each hit; everything is
HTML-escaped first and only then are those characters turned into <mark>, so lesson text can never
inject markup.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from typing import Any

from flask import Flask
from markupsafe import Markup
from sqlalchemy import bindparam, text

from campus.database import is_sqlite
from campus.extensions import db

from ..content.loader import Catalogue
from .index import CLOSE, FTS, OPEN, PG, ensure_index

LIMIT = 50
MAX_WORDS = 12
_WORD = re.compile(r"\w+")
_DIGRAPH = re.compile(r"ae|oe|ue|ss")
_UMLAUT = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}


@dataclass(frozen=True)
class Hit:
    """One search result: what it is (module, lesson, reading), where, and highlighted title and snippet."""

    module_id: str
    edition_id: str  # "" for a module's description
    kind: str
    ref: str  # the lesson slug for lessons, "" otherwise
    title: Markup
    snippet: Markup


def highlighted(raw: str) -> Markup:
    """Escape `raw` and turn the database's hit markers (and only them) into <mark> elements."""
    escaped = html.escape(raw, quote=False)
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))  # noqa: S704 - escaped above


def spellings(word: str, limit: int = 8) -> list[str]:
    """`word` (lower-cased) and its spellings with umlauts or ß for its first ae, oe, ue, ss, at most `limit`.

    Every combination, since "steuerungsfaehig" has one ue that stays and one ae that is an ä.
    """
    lowered = word.lower()
    spots = [m.span() for m in _DIGRAPH.finditer(lowered)][:3]
    found = []
    for choice in itertools.product((False, True), repeat=len(spots)):
        parts, at = [], 0
        for (start, end), umlaut in zip(spots, choice, strict=True):
            parts += [lowered[at:start], _UMLAUT[lowered[start:end]] if umlaut else lowered[start:end]]
            at = end
        found.append("".join([*parts, lowered[at:]]))
    return found[:limit]


def words(query: str) -> list[str]:
    """The words of a query (at most `MAX_WORDS`)."""
    return _WORD.findall(query)[:MAX_WORDS]


def fts5_query(query: str) -> str:
    """A user's words as an FTS5 query that cannot be a syntax error: every word quoted, as a prefix,
    in each of its spellings; all words required."""
    groups = [" OR ".join(f'"{s}"*' for s in spellings(word)) for word in words(query)]
    return " AND ".join(f"({group})" for group in groups)


def _pg_query(query: str, params: dict[str, Any]) -> str:
    """A tsquery expression: per word, any of its spellings; all words required."""
    groups = []
    for i, word in enumerate(words(query)):
        alternatives = []
        for j, spelling in enumerate(spellings(word)):
            params[f"w{i}_{j}"] = spelling
            alternatives.append(f"plainto_tsquery('german', :w{i}_{j})")
        groups.append("(" + " || ".join(alternatives) + ")")
    return " && ".join(groups)


_SQLITE_SEARCH = f"""
    SELECT module_id, edition_id, kind, ref,
           highlight({FTS}, 6, :open, :close) AS title,
           snippet({FTS}, 7, :open, :close, ' … ', 24) AS snippet
    FROM {FTS} WHERE {FTS} MATCH :query AND scope IN :scopes
    ORDER BY bm25({FTS}, 0, 0, 0, 0, 0, 0, 4.0, 1.0) LIMIT :limit
"""  # noqa: S608
_PG_OPTIONS = 'StartSel={o}, StopSel={c}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
_PG_SEARCH = """
    SELECT module_id, edition_id, kind, ref,
           ts_headline('german', title, q, :title_options) AS title,
           ts_headline('german', body, q, :options) AS snippet
    FROM {table}, ({tsquery}) AS found(q)
    WHERE document @@ q AND scope IN :scopes
    ORDER BY ts_rank(document, q) DESC, id LIMIT :limit
"""


def search(app: Flask, catalogue: Catalogue, query: str, scopes: list[str]) -> list[Hit]:
    """Hits for `query` among the documents of `scopes` (what the user may see and chose), best first.

    Bringing the index up to date is part of the caller's unit of work: the view commits it.
    """
    if not scopes or not words(query):
        return []
    ensure_index(app, catalogue)
    params: dict[str, Any] = {"scopes": scopes, "limit": LIMIT, "open": OPEN, "close": CLOSE}
    if is_sqlite(app):
        sql, params["query"] = _SQLITE_SEARCH, fts5_query(query)
    else:
        tsquery = "SELECT " + _pg_query(query, params)
        sql = _PG_SEARCH.format(table=PG, tsquery=tsquery)  # both are built here, never from input
        params["options"] = _PG_OPTIONS.format(o=OPEN, c=CLOSE)
        params["title_options"] = f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"
    statement = text(sql).bindparams(bindparam("scopes", expanding=True))
    rows = db.session.execute(statement, params).all()
    return [
        Hit(r.module_id, r.edition_id, r.kind, r.ref, highlighted(r.title), highlighted(r.snippet))
        for r in rows
    ]
