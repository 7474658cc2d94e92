"""Lesson rendering: hostile Markdown comes out harmless, the useful markup survives, results are cached."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pygments.styles import get_style_by_name

from campus.courses.content import render, render_process
from campus.courses.content.manifest import Lesson
from campus.courses.content.render import pygments_css, render_markdown

BASE = "/module/demo/2025-26/assets/"

HOSTILE = {
    "script tag": "<script>alert('x')</script>",
    "onerror": "<img src=x onerror=alert(1)>",
    "javascript link": "[klick](javascript:alert(1))",
    "mixed-case javascript": '<a href="JaVaScRiPt:alert(1)">klick</a>',
    "entity-encoded javascript": '<a href="java&#115;cript:alert(1)">klick</a>',
    "iframe": '<iframe src="https://example.org"></iframe>',
    "style": "<style>body { display: none }</style>",
    "comment": "<!-- <script>alert(1)</script> -->",
    "data url link": "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "svg onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "object": '<object data="x.swf"></object>',
    "form": '<form action="https://evil.example"><input name="pw"></form>',
    "inline style": '<p style="background:url(javascript:alert(1))">x</p>',
    "event handler on allowed tag": '<a href="https://example.org" onclick="alert(1)">ok</a>',
}
DANGER = re.compile(
    r"<script|<iframe|<style|<svg|<object|<form|<input|<!--|on\w+=|javascript:|data:|style=|alert\(", re.I
)


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    render.clear_cache()


@pytest.mark.parametrize("markdown", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_markdown_is_rendered_harmless(markdown: str) -> None:
    html = render_markdown(f"# Titel\n\nVorher\n\n{markdown}\n\nNachher {markdown}\n", BASE).html
    assert not DANGER.search(html), html
    assert "Vorher" in html and "Nachher" in html


def test_script_and_style_contents_are_dropped_not_shown() -> None:
    html = render_markdown("<script>geheim()</script>\n\n<style>.x{}</style>\n\nText", BASE).html
    assert "geheim" not in html and ".x{}" not in html and "Text" in html


def test_links_get_rel_and_keep_safe_urls() -> None:
    html = render_markdown("[a](https://example.org) [m](mailto:a@b.de) [r](../andere)", BASE).html
    assert '<a href="https://example.org" rel="noopener noreferrer">a</a>' in html
    assert 'href="mailto:a@b.de"' in html and 'href="../andere"' in html


def test_highlighted_code_keeps_pygments_classes() -> None:
    html = render_markdown("```python\ndef f(x):\n    return x\n```\n", BASE).html
    assert '<div class="highlight"><pre tabindex="0">' in html  # a code block that scrolls takes the focus
    assert '<span class="k">def</span>' in html and '<span class="nf">f</span>' in html


def test_toc_ids_footnotes_tables_and_admonitions() -> None:
    text = (
        "# Lektion\n\n## Erster Teil\n\nText[^1]\n\n### Unterpunkt\n\n"
        "| A | B |\n|:--|--:|\n| 1 | 2 |\n\n"
        '!!! note "Hinweis"\n    Wichtig.\n\n[^1]: Eine Fußnote.\n'
    )
    rendered = render_markdown(text, BASE)
    assert '<h2 id="erster-teil">' in rendered.html and '<h3 id="unterpunkt">' in rendered.html
    assert 'href="#erster-teil"' in rendered.toc_html and 'href="#unterpunkt"' in rendered.toc_html
    assert "Lektion" not in rendered.toc_html  # the title is the page heading, not a TOC entry
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"' in rendered.html
    assert '<li id="fn:1">' in rendered.html
    assert '<th align="left">A</th>' in rendered.html and '<td align="right">2</td>' in rendered.html
    assert '<div class="admonition note">' in rendered.html
    assert '<p class="admonition-title">Hinweis</p>' in rendered.html


@pytest.mark.parametrize(
    "src",
    [
        "\\\\tracker.example/x.png",  # a browser reads \\ as // in a web URL
        " //tracker.example/x.png",  # and strips leading spaces
        "\t//tracker.example/x.png",
        "/\\tracker.example/x.png",
        "\x01//tracker.example/x.png",
        "//tracker.example/x.png",
        "https:tracker.example/x.png",
        "/static/x.png",  # local, but not this edition's assets
        "../../2024-25/assets/x.png",
        "assets/../../../etc/x.png",
        "assets/%2e%2e/%2e%2e/x.png",
        "assets//tracker.example/x.png",
        "data:image/png;base64,AAAA",
    ],
)
def test_images_from_anywhere_but_the_editions_assets_are_dropped(src: str) -> None:
    html = render_markdown(f'# T\n\n<img src="{src}" alt="x">\n', BASE).html
    assert "src=" not in html, html


def test_raw_html_images_into_the_assets_folder_are_kept() -> None:
    html = render_markdown(
        '<img src="assets/sub/a.png" alt="a"> <img src="./assets/b.png" alt="b">', BASE
    ).html
    assert f'src="{BASE}sub/a.png"' in html and f'src="{BASE}b.png"' in html


def test_external_images_are_dropped_but_external_links_kept() -> None:
    html = render_markdown(
        '![a](https://cdn.example.org/a.png) ![b](//cdn.example.org/b.png) <img src="HTTP://x.org/c.png">'
        " ![d](assets/d.png) [Quelle](https://example.org)",
        BASE,
    ).html
    assert "cdn.example.org" not in html and "x.org" not in html
    assert f'src="{BASE}d.png"' in html and 'href="https://example.org"' in html


def test_title_is_plain_text_of_first_h1() -> None:
    assert render_markdown("# Daten & *Schutz* <b>x</b>\n\n# Zweite", BASE).title == "Daten & Schutz x"
    assert render_markdown("kein Titel", BASE).title == ""


def test_asset_links_point_at_asset_base() -> None:
    html = render_markdown(
        "![Bild](assets/a.png) [Daten](./assets/sub/d.csv) [x](https://e.org/assets/x)", BASE
    )
    assert f'src="{BASE}a.png"' in html.html and f'href="{BASE}sub/d.csv"' in html.html
    assert 'href="https://e.org/assets/x"' in html.html


def test_cache_keyed_by_text_and_asset_base() -> None:
    first = render_markdown("# A\n\n![b](assets/b.png)", BASE)
    assert render_markdown("# A\n\n![b](assets/b.png)", BASE) is first
    other = render_markdown("# A\n\n![b](assets/b.png)", "/other/")
    assert other is not first and 'src="/other/b.png"' in other.html
    assert render_markdown("# A\n\n![b](assets/b.png)", BASE, cache=False) is not first


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "CACHE_SIZE", 3)
    for n in range(5):
        render_markdown(f"# {n}", BASE)
    assert len(render._cache) == 3


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_pygments_style_meets_wcag_aa_contrast() -> None:
    style = get_style_by_name(render.PYGMENTS_STYLE)
    background = _luminance(style.background_color)
    for token, definition in style:
        if definition["color"] and "Error" not in str(token):
            fg = _luminance("#" + definition["color"])
            ratio = (max(fg, background) + 0.05) / (min(fg, background) + 0.05)
            assert ratio >= 4.5, (token, definition["color"], ratio)
    css = pygments_css()
    assert ".highlight .k" in css and ".highlight {" in css.replace("  ", " ")


def test_a_text_that_stalls_python_markdown_fails_within_the_limit_and_the_next_one_renders(
    quick_limit: None,
) -> None:
    # Python-Markdown's link parsing is quadratic here: 10,000 "[" take it some 16 seconds.
    stalled = render_markdown("# Eckig\n\n" + "[" * 10_000, BASE)
    assert stalled.failed and stalled.html == ""
    assert render_markdown("# Eckig\n\n" + "[" * 10_000, BASE) is stalled  # remembered: nobody waits again
    after = render_markdown("# Danach\n\nGeht wieder.", BASE)
    assert not after.failed and "Geht wieder." in after.html


def test_the_render_child_has_an_address_space_limit_and_a_dead_child_is_replaced() -> None:
    assert not render_markdown("# Erst", BASE, cache=False).failed
    process = render._child.process
    assert process is not None
    limits = Path(f"/proc/{process.pid}/limits").read_text()
    line = next(line for line in limits.splitlines() if line.startswith("Max address space"))
    assert line.split()[3:5] == [str(render_process.MEMORY_BYTES)] * 2  # soft and hard limit
    process.kill()  # as its memory limit or a crash would end it
    process.wait()
    assert not render_markdown("# Danach", BASE, cache=False).failed  # a fresh child takes over
    assert render._child.process is not process


def test_render_problem_names_the_file(quick_limit: None) -> None:
    slow = Lesson(1, "01-eckig", "Eckig", Path("01-eckig.md"), "f" * 64, "# Eckig\n\n" + "[" * 10_000)
    problem = render.render_problem(slow, "demo/2025-26/01-eckig.md")
    assert problem is not None and problem.file == "demo/2025-26/01-eckig.md"
    assert "longer than 1 seconds" in problem.message
    fine = Lesson(2, "02-gut", "Gut", Path("02-gut.md"), "e" * 64, "# Gut\n")
    assert render.render_problem(fine, "demo/2025-26/02-gut.md") is None


def test_wide_tables_and_code_blocks_can_be_scrolled_by_keyboard() -> None:
    html = render_markdown("# L\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    eingerückter Code\n", BASE).html
    assert '<div class="table-scroll" tabindex="0"><table>' in html and "</table></div>" in html
    assert '<pre tabindex="0">' in html
    raw = render_markdown(
        '# L\n\n<div tabindex="0">x</div><table tabindex="5"><tr><td>y</td></tr></table>\n', BASE
    ).html
    assert raw.count('tabindex="0"') == 1 and 'tabindex="5"' not in raw  # authors cannot add their own
