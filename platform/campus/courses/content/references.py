"""Which files of an edition's assets/ a lesson uses, and which of those do not exist.

Read from the lesson as rendered (`render.render_markdown`), where every relative ``assets/...``
link and image already points at the edition's asset URL: so Markdown links, images, reference
definitions and raw HTML are all found the way the student page will request them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from .assets import resolve_asset
from .render import render_markdown


def asset_references(rendered_html: str, asset_base: str) -> list[str]:
    """The asset paths (relative to assets/) the rendered lesson links to or shows, in order, once each."""
    pattern = re.compile(rf'(?:src|href)="{re.escape(html.escape(asset_base))}([^"]*)"')
    found: dict[str, None] = {}
    for match in pattern.finditer(rendered_html):
        relpath = re.split(r"[?#]", html.unescape(match[1]), maxsplit=1)[0]
        found.setdefault(relpath)
    return list(found)


def missing_assets(edition_dir: Path, relpaths: Iterable[str]) -> list[str]:
    """Those of `relpaths` that are no file in the edition's assets/ folder."""
    return [relpath for relpath in relpaths if not relpath or resolve_asset(edition_dir, relpath) is None]


def lessons_using(edition_dir: Path, relpath: str, asset_base: str) -> list[tuple[str, str]]:
    """(file stem, title) of every lesson file of the edition that links to or shows assets/`relpath`.

    Read from the folder, so a lesson saved a moment ago counts; renderings come from the cache.
    """
    users = []
    for path in sorted(edition_dir.glob("[0-9][0-9]-*.md")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if relpath in asset_references(render_markdown(text, asset_base).html, asset_base):
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            users.append((path.stem, first[2:].strip() if first.startswith("# ") else path.stem))
    return users
