"""Lesson Markdown to safe HTML: Python-Markdown, then nh3 with an allow-list. No caching, no limits.

This module runs inside the render child (`render_child.py`), which loads it by its file name so
that the child imports nothing but Markdown, nh3 and Pygments: keep it free of relative imports.
Everything else calls it through `render`, which bounds the time and caches the results.

Python-Markdown passes raw HTML through untouched (<script>, onerror=, javascript:), so its output is
never trusted: nh3 re-parses it with an allow-list. The allow-list keeps exactly what the extensions
produce, including Pygments' classes and the ids that table-of-contents and footnote links point to.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from posixpath import normpath
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["tables", "fenced_code", "codehilite", "toc", "footnotes", "admonition", "sane_lists"]
EXTENSION_CONFIGS = {
    "codehilite": {"css_class": "highlight", "guess_lang": False},
    # align="..." instead of style="text-align: ...": no inline styles, so a strict CSP keeps working.
    "tables": {"use_align_attribute": True},
    "toc": {"toc_depth": "2-4"},  # the h1 is the lesson title, shown by the page itself
    "footnotes": {"BACKLINK_TITLE": "Zurück zum Text (Fußnote %d)"},
}

_HEADINGS = {f"h{n}": {"id", "class"} for n in range(1, 7)}
ATTRIBUTES: dict[str, set[str]] = {
    **_HEADINGS,
    "a": {"href", "title", "class", "id"},
    "img": {"src", "alt", "title"},
    "ol": {"class", "start"},
    **{tag: {"class", "id"} for tag in ("li", "sup", "div", "p")},
    **{tag: {"class"} for tag in ("span", "code", "pre", "table")},
    **{tag: {"align"} for tag in ("th", "td")},
}
TAGS = set(ATTRIBUTES) | {
    "abbr", "blockquote", "br", "caption", "cite", "dd", "del", "details", "dl", "dt", "em", "hr", "ins",
    "kbd", "mark", "q", "s", "small", "strong", "sub", "summary", "tbody", "tfoot", "thead", "tr", "ul",
}  # fmt: skip
# Removed with everything inside them, not just unwrapped (a script's text must not become prose).
CLEAN_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"}
URL_SCHEMES = {"http", "https", "mailto"}
# What a URL parser strips or drops before it reads a URL (WHATWG URL standard): leading and trailing
# C0 controls and spaces, and tabs and newlines anywhere; browsers read "\" as "/" in web URLs.
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_TAB_NEWLINE = re.compile(r"[\t\n\r]")


class _AssetLinks(Treeprocessor):
    """Point relative ``assets/...`` links and images at the URL that serves the edition's assets."""

    base = ""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            attr = {"img": "src", "a": "href"}.get(element.tag)
            value = element.get(attr) if attr else None
            if attr and value and value.startswith(("assets/", "./assets/")):
                element.set(attr, self.base + value.split("assets/", 1)[1])


def asset_path(value: str, asset_base: str) -> str | None:
    """The file under the edition's assets/ that an image's `value` names, or None for anything else.

    The value is normalised as a browser's URL parser would read it first, so ``\\\\host/x.png`` or
    `` //host/x.png`` count as the other server they name. Only ``assets/...``, ``./assets/...`` and
    the asset base itself pass, and nothing that climbs out of the folder (``..``, also encoded).
    """
    url = _TAB_NEWLINE.sub("", value.strip(_C0_AND_SPACE)).replace("\\", "/")
    for prefix in ("assets/", "./assets/", asset_base):
        if prefix and url.startswith(prefix):
            rest = url[len(prefix) :]
            break
    else:
        return None
    parts = urlsplit(rest)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if normpath(path) != path.rstrip("/") or path.startswith("../") or "/../" in f"/{path}":
        return None
    return rest


def _local_images_only(asset_base: str) -> Callable[[str, str, str], str | None]:
    # DSGVO: an image from another server is fetched by every student's browser, telling that server
    # who reads what. Links are fine (the student decides); embedded images must come from assets/.
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            rest = asset_path(value, asset_base)
            return None if rest is None else asset_base + rest
        return value

    return keep


def sanitise(fragment: str, asset_base: str = "") -> str:
    """Clean an HTML fragment with the lesson allow-list; images only from under `asset_base`."""
    return nh3.clean(
        fragment,
        attribute_filter=_local_images_only(asset_base),
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


_TABLE_OPEN = re.compile(r"<table(?=[\s>])")
_PRE_OPEN = re.compile(r"<pre(?=[\s>])")


def scrollable_regions(clean_html: str) -> str:
    """Make what may scroll sideways reachable by keyboard: code blocks, and tables in a box that scrolls.

    A region that scrolls must take the keyboard focus (WCAG 2.1.1; axe: scrollable-region-focusable).
    Done on the sanitised HTML, so no author can put tabindex anywhere else.
    """
    wrapped = _TABLE_OPEN.sub('<div class="table-scroll" tabindex="0"><table', clean_html)
    return _PRE_OPEN.sub('<pre tabindex="0"', wrapped.replace("</table>", "</table></div>"))


def _title(clean_html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", clean_html, re.S)
    return html.unescape(nh3.clean(m[1], tags=set())).strip() if m else ""


class Converter:
    """One Markdown converter, reused: Markdown objects are stateful and not thread-safe."""

    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self.assets = _AssetLinks(self.md)
        # After the inline processor (20) has turned [x](y) into elements.
        self.md.treeprocessors.register(self.assets, "campus_assets", 15)

    def convert(self, text: str, asset_base: str) -> dict[str, Any]:
        """`text` as {"html", "toc", "title"}: sanitised body, table of contents (h2-h4), plain h1."""
        self.md.reset()
        self.assets.base = asset_base
        body = scrollable_regions(sanitise(self.md.convert(text), asset_base))
        return {"html": body, "toc": sanitise(getattr(self.md, "toc", "")), "title": _title(body)}


WARM_UP_LANGUAGES = ("python", "json", "toml", "bash", "html", "sql", "yaml")


def warm_up(converter: Converter) -> None:
    """Load Pygments lexers and compile Markdown's patterns once, before the first real lesson."""
    fences = "\n".join(f"```{lang}\nx\n```\n" for lang in WARM_UP_LANGUAGES)
    converter.convert(f"# T\n\n## A\n\n| a |\n|---|\n| b |\n\n*x*[^1]\n\n{fences}\n[^1]: n\n", "/")
