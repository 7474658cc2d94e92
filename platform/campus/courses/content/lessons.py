"""Lesson files of an edition: names, titles, hashes, and what a lesson must not contain."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .manifest import Lesson
from .validate import LESSON_FILE, N_, Problem, is_ignored, problem

# A long lesson has about 50,000 characters; the editor accepts a million.
MAX_LESSON_BYTES = 2 * 1024 * 1024
# Every student's browser would fetch it from that server; the renderer drops such images anyway.
EXTERNAL_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:[a-zA-Z][\w+.-]*:|//)[^)\s>]*)")


def parse_lessons(folder: Path, rel: str, problems: list[Problem]) -> list[Lesson]:
    """The lessons (``NN-name.md``) of an edition folder ordered by number; problems are recorded."""
    lessons: dict[int, Lesson] = {}
    for path in sorted(folder.iterdir()):
        name, file = path.name, f"{rel}/{path.name}"
        if is_ignored(name) or path.suffix.lower() != ".md" or not path.is_file():
            continue
        m = LESSON_FILE.match(name)
        if not m:
            problems.append(
                problem(file, "", N_("bad lesson file name: use NN-name.md (lower-case, digits, -)"))
            )
            continue
        if path.stat().st_size > MAX_LESSON_BYTES:
            problems.append(
                problem(file, "", N_("the lesson is larger than %(kb)s KB"), kb=MAX_LESSON_BYTES // 1024)
            )
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(problem(file, "", N_("file is not UTF-8 text")))
            continue
        first = next((line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
        title = first[2:].strip().rstrip("#").strip() if first.startswith("# ") else ""
        if not title:
            problems.append(problem(file, "", N_('a lesson must start with a "# Title" heading')))
        for url in EXTERNAL_IMAGE.findall(text):
            problems.append(
                problem(file, "", N_("external image %(url)s: put the file in assets/ (DSGVO)"), url=url)
            )
        number = int(m[1])
        if number in lessons:
            problems.append(problem(file, "", N_("lesson number %(number)s is used twice"), number=m[1]))
        lessons[number] = Lesson(number, path.stem, title, path, hashlib.sha256(raw).hexdigest(), text)
    return [lessons[n] for n in sorted(lessons)]
