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
