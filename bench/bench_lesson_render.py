"""How long a 5,000-word lesson takes to render: first (cold), fresh renders (median), cached lookup.

Run: .venv/bin/python bench/bench_lesson_render.py  (target: first render <= 50 ms)
Prints one line per figure; exit status 1 when the first render misses the target.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import sys
import time
from pathlib import Path

from campus.courses.content import render
from campus.courses.content.manifest import Lesson
from campus.courses.content.render import render_lesson, render_markdown

TARGET_MS = 50.0
WORDS = [
    "Datenschutz",
    "Beratung",
    "Klientin",
    "Einwilligung",
    "Verarbeitung",
    "Fachkraft",
    "Teilhabe",
    "Sozialraum",
    "Hilfeplan",
    "Dokumentation",
    "Schweigepflicht",
    "Onlineberatung",
    "Erreichbarkeit",
    "Kanal",
    "Träger",
    "Verwaltung",
    "Prozess",
    "die",
    "der",
    "und",
    "mit",
    "für",
    "auf",
    "ist",
    "nicht",
    "werden",
    "kann",
    "eine",
    "zur",
    "von",
    "bei",
]
CODE = '''```python
def einwilligung_pruefen(formular: dict[str, str]) -> bool:
    """Nur mit ausdrücklicher Einwilligung speichern (Art. 6 DSGVO)."""
    return formular.get("einwilligung") == "ja" and bool(formular.get("zweck"))
```
'''
TABLE = "| Kanal | Erreichbarkeit | Datenschutz |\n|:--|:-:|--:|\n" + "| Chat | abends | hoch |\n" * 8


def lesson(words: int = 5000, seed: int = 1) -> str:
    """A German-looking lesson of `words` words (whitespace-separated, all markup included) with
    headings, a table, code blocks, emphasis, links and footnotes in the density of a real lesson."""
    rng = random.Random(seed)
    parts = ["# Digitale Beratung in der Praxis\n", TABLE, CODE]
    notes: list[str] = []
    section = 0
    while len("\n".join(parts + notes).split()) < words:
        section += 1
        parts.append(f"## Abschnitt {section}\n")
        for paragraph in range(3):
            sentence = " ".join(rng.choice(WORDS) for _ in range(55)).capitalize()
            link = "[Leitfaden](https://example.org/leitfaden)" if paragraph == 1 else "*wichtig*"
            parts.append(f"{sentence}. Das ist **{rng.choice(WORDS)}** und {link}.")
        if len(notes) < 30:
            notes.append(f"[^{len(notes) + 1}]: Quelle {len(notes) + 1}, S. 12.")
            parts[-1] += f"[^{len(notes)}]"
        if section % 8 == 0:  # a code example every few sections
            parts.append(CODE)
    return "\n\n".join(parts + notes)


def ms(seconds: float) -> float:
    """Seconds to milliseconds."""
    return seconds * 1000


def timed(text: str, base: str) -> float:
    """Seconds for one render_markdown call."""
    start = time.perf_counter()
    render_markdown(text, base)
    return time.perf_counter() - start


def main() -> int:
    """Measure and print the figures; the target applies to a new lesson in a running worker."""
    base = "/module/demo/2025-26/assets/"
    render.clear_cache()
    # A brand-new process without warm_up(): Pygments lexers and regexes load on this call.
    cold = timed(lesson(seed=1), base)
    # What a worker does: init_app() calls warm_up() at start-up; then a lesson nobody has opened yet.
    render.warm_up()
    text = lesson(seed=2)
    first = timed(text, base)
    fresh = [timed(text + f"\n\nVariante {n}\n", base) for n in range(9)]  # new hash: never cached
    runs = 1000
    start = time.perf_counter()
    for _ in range(runs):
        render_markdown(text, base)
    cached = (time.perf_counter() - start) / runs
    digest = hashlib.sha256(text.encode()).hexdigest()
    loaded = Lesson(1, "01-bench", "Bench", Path("01-bench.md"), digest, text)
    start = time.perf_counter()
    for _ in range(runs):
        render_lesson(loaded, base)  # the lesson page's path: the loader's hash is the key
    by_lesson = (time.perf_counter() - start) / runs
    print(f"lesson: {len(text.split())} words, {len(text)} characters, {text.count('```') // 2} code blocks")
    print(
        f"first render of a new lesson (uncached, warmed worker): {ms(first):.1f} ms (target <= {TARGET_MS:.0f} ms)"
    )
    print(f"fresh render, median of {len(fresh)}: {ms(statistics.median(fresh)):.1f} ms")
    print(f"cached lookup: {ms(cached) * 1000:.1f} µs by text, {ms(by_lesson) * 1000:.1f} µs by Lesson")
    print(f"(cold process, no warm_up: first render {ms(cold):.1f} ms)")
    return 0 if ms(first) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
