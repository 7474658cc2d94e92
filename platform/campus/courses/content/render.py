"""Lesson Markdown to sanitised HTML (`markup`), bounded in time and memory, cached by content hash.

Python-Markdown can take quadratic time on hostile text (20 KB of "[" took 70 s), so no web process
ever converts Markdown itself: a child process does (`render_child.py`, fed by `render_process`). A
render that is not back within the time limit (2 s unless `configure` says otherwise) gets the child
killed and comes back as a `Rendered` with ``failed`` set, which the pages show as a notice; that
failure is remembered for a minute, so readers do not wait again. Saves, imports and
`flask modules check` refuse a lesson that fails (`render_problem`).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from pygments.formatters import HtmlFormatter

from .manifest import Lesson
from .markup import sanitise as sanitise  # other features clean their HTML with the lesson allow-list
from .render_process import RenderProcess
from .validate import N_, Problem, problem

CACHE_SIZE = 256
RETRY_FAILED_SECONDS = 60.0
_limits = {"seconds": 2.0}


def configure(seconds: float) -> None:
    """Set the time limit of one render (the app passes MODULES_RENDER_SECONDS)."""
    _limits["seconds"] = float(seconds)


def time_limit() -> float:
    """The time limit of one render, in seconds."""
    return _limits["seconds"]


@dataclass(frozen=True)
class Rendered:
    """Sanitised lesson HTML, its table of contents (h2-h4), the plain-text title (first h1); `failed`
    when it did not render within the limits (then there is nothing to show)."""

    html: str
    toc_html: str
    title: str
    failed: bool = False


FAILED = Rendered("", "", "", failed=True)


_child = RenderProcess()
_cache: OrderedDict[tuple[str, str], tuple[Rendered, float]] = OrderedDict()
_cache_lock = threading.Lock()


def _render(text: str, asset_base: str) -> Rendered:
    answer = _child.render(text, asset_base, time_limit())
    if answer is None:
        return FAILED
    return Rendered(answer["html"], answer["toc"], answer["title"])


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


def is_cached(lesson: Lesson, asset_base: str) -> bool:
    """Whether `render_lesson` would answer from the cache (start-up pre-rendering skips those)."""
    with _cache_lock:
        return (lesson.sha256, asset_base) in _cache


def _cached(digest: str, text: str, asset_base: str) -> Rendered:
    key = (digest, asset_base)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and not (hit[0].failed and time.monotonic() - hit[1] > RETRY_FAILED_SECONDS):
            _cache.move_to_end(key)
            return hit[0]
    rendered = _render(text, asset_base)  # outside the lock: a slow render must not block cache hits
    with _cache_lock:
        _cache[key] = (rendered, time.monotonic())
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return rendered


def render_problem(lesson: Lesson, file: str, asset_base: str = "/") -> Problem | None:
    """A `Problem` for `file` when the lesson does not render within the limits (saves, imports, check).

    The rendering is cached: with the page's `asset_base`, a saved lesson is ready for its readers.
    """
    if not render_lesson(lesson, asset_base).failed:
        return None
    return problem(
        file,
        "",
        N_(
            "the lesson takes longer than %(seconds)s seconds to display (or too much memory); "
            "simplify it, e.g. close long runs of [ brackets"
        ),
        seconds=f"{time_limit():g}",
    )


def warm_up() -> None:
    """Start this process's render child now (it loads Pygments and Markdown), not in a request."""
    render_markdown("# Warm-up\n", "/", cache=False)


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
