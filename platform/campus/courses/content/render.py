"""Lesson Markdown to safe HTML: Python-Markdown, then nh3, then an LRU cache by content hash.

Python-Markdown passes raw HTML through untouched (<script>, onerror=, javascript:), so its output is
never trusted: nh3 re-parses it with an allow-list. The allow-list keeps exactly what the extensions
produce, including Pygments' classes and the ids that table-of-contents and footnote links point to.
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict
from dataclasses import dataclass

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from pygments.formatters import HtmlFormatter

from .manifest import Lesson

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
CACHE_SIZE = 256


@dataclass(frozen=True)
class Rendered:
    """Sanitised lesson HTML, its table of contents (h2-h4) and the plain-text title (first h1)."""

    html: str
    toc_html: str
    title: str


class _AssetLinks(Treeprocessor):
    """Point relative ``assets/...`` links and images at the URL that serves the edition's assets."""

    base = ""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            attr = {"img": "src", "a": "href"}.get(element.tag)
            value = element.get(attr) if attr else None
            if attr and value and value.startswith(("assets/", "./assets/")):
                element.set(attr, self.base + value.split("assets/", 1)[1])


class _Converter(threading.local):
    # Markdown objects are stateful and not thread-safe: one per thread, reset between documents.
    def __init__(self) -> None:
        self.md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        self.assets = _AssetLinks(self.md)
        # After the inline processor (20) has turned [x](y) into elements.
        self.md.treeprocessors.register(self.assets, "campus_assets", 15)


_converter = _Converter()
_cache: OrderedDict[tuple[str, str], Rendered] = OrderedDict()
_cache_lock = threading.Lock()


def _local_images_only(tag: str, attribute: str, value: str) -> str | None:
    # DSGVO: an image from another server is fetched by every student's browser, telling that server
    # who reads what. Links are fine (the student decides); embedded images must come from assets/.
    if tag == "img" and attribute == "src" and (value.startswith("//") or ":" in value.split("/")[0]):
        return None
    return value


def sanitise(fragment: str) -> str:
    """Clean an HTML fragment with the lesson allow-list."""
    return nh3.clean(
        fragment,
        attribute_filter=_local_images_only,
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _title(clean_html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", clean_html, re.S)
    return html.unescape(nh3.clean(m[1], tags=set())).strip() if m else ""


_TABLE_OPEN = re.compile(r"<table(?=[\s>])")
_PRE_OPEN = re.compile(r"<pre(?=[\s>])")


def scrollable_regions(clean_html: str) -> str:
    """Make what may scroll sideways reachable by keyboard: code blocks, and tables in a box that scrolls.

    A region that scrolls must take the keyboard focus (WCAG 2.1.1; axe: scrollable-region-focusable).
    Done on the sanitised HTML, so no author can put tabindex anywhere else.
    """
    wrapped = _TABLE_OPEN.sub('<div class="table-scroll" tabindex="0"><table', clean_html)
    return _PRE_OPEN.sub('<pre tabindex="0"', wrapped.replace("</table>", "</table></div>"))


def _render(text: str, asset_base: str) -> Rendered:
    md = _converter.md
    md.reset()
    _converter.assets.base = asset_base
    body = scrollable_regions(sanitise(md.convert(text)))
    toc = sanitise(getattr(md, "toc", ""))
    return Rendered(body, toc, _title(body))


def render_markdown(text: str, asset_base: str, *, cache: bool = True) -> Rendered:
    """Render lesson Markdown to sanitised HTML, cached by (sha256 of `text`, `asset_base`).

    `asset_base` is the URL prefix serving the edition's ``assets/`` folder, ending in "/":
    ``assets/fig.png`` becomes ``asset_base + "fig.png"``. Pass ``cache=False`` for throw-away
    renderings such as the editor's live preview, so they do not evict real lessons.
    """
    if not cache:
        return _render(text, asset_base)
    return _cached(hashlib.sha256(text.encode()).hexdigest(), text, asset_base)


def render_lesson(lesson: Lesson, asset_base: str) -> Rendered:
    """`render_markdown` for a loaded lesson, reusing the hash the loader already computed.

    `Lesson.sha256` hashes the file's bytes and `Lesson.text` is exactly those bytes decoded, so the
    cache key is the same as `render_markdown(lesson.text, ...)` would use, without hashing again.
    """
    return _cached(lesson.sha256, lesson.text, asset_base)


def _cached(digest: str, text: str, asset_base: str) -> Rendered:
    key = (digest, asset_base)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    rendered = _render(text, asset_base)  # outside the lock: a slow render must not block cache hits
    with _cache_lock:
        _cache[key] = rendered
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return rendered


WARM_UP_LANGUAGES = ("python", "json", "toml", "bash", "html", "sql", "yaml")


def warm_up() -> None:
    """Load Pygments lexers and compile Markdown's patterns once, at start-up, not in a request.

    Otherwise the first lesson a fresh worker renders pays some 20-30 ms of one-off imports.
    """
    fences = "\n".join(f"```{lang}\nx\n```\n" for lang in WARM_UP_LANGUAGES)
    _render(f"# T\n\n## A\n\n| a |\n|---|\n| b |\n\n*x*[^1]\n\n{fences}\n[^1]: n\n", "/")


def clear_cache() -> None:
    """Forget every cached rendering (tests, benchmarks)."""
    with _cache_lock:
        _cache.clear()


# Pygments' "default" style has token colours down to 1.8:1 contrast; "xcode" keeps every token at
# 5:1 or better on white, which WCAG 2.1 AA (4.5:1 for text) asks for.
PYGMENTS_STYLE = "xcode"


def pygments_css(style: str = PYGMENTS_STYLE) -> str:
    """The Pygments stylesheet for ``.highlight`` blocks, to be served as a static file."""
    return str(HtmlFormatter(style=style).get_style_defs(".highlight"))
