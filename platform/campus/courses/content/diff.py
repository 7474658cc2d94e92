"""What changed between two editions of a module, down to the words of a lesson, shortened for reading."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .manifest import Edition, Lesson, Module, Reading, Session

Op = Literal["equal", "insert", "delete"]
_TOKENS = re.compile(r"\w+|[^\w\s]+|\s+")


@dataclass(frozen=True)
class EditionDiff:
    """Lessons matched by slug (or, failing that, by name when only the number changed)."""

    old: Edition
    new: Edition
    lessons_added: tuple[Lesson, ...]
    lessons_removed: tuple[Lesson, ...]
    lessons_changed: tuple[tuple[Lesson, Lesson], ...]
    lessons_unchanged: tuple[tuple[Lesson, Lesson], ...]
    sessions_added: tuple[Session, ...]
    sessions_removed: tuple[Session, ...]
    readings_added: tuple[Reading, ...]
    readings_removed: tuple[Reading, ...]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _pair_lessons(
    old: Edition, new: Edition
) -> tuple[list[tuple[Lesson, Lesson]], list[Lesson], list[Lesson]]:
    pairs, removed = [], []
    unmatched = {lesson.slug: lesson for lesson in new.lessons}
    for lesson in old.lessons:
        match = unmatched.pop(lesson.slug, None)
        if match is None:  # renumbered (reordered) lessons keep their name
            match = next((n for n in unmatched.values() if n.name == lesson.name), None)
            if match is not None:
                del unmatched[match.slug]
        if match is None:
            removed.append(lesson)
        else:
            pairs.append((lesson, match))
    return pairs, removed, list(unmatched.values())


def compare_editions(module: Module, old_id: str, new_id: str) -> EditionDiff:
    """Lessons, sessions (by title) and readings (by citation) added or removed from old to new.

    Raises KeyError for an unknown edition id.
    """
    old, new = module.editions[old_id], module.editions[new_id]
    pairs, removed, added = _pair_lessons(old, new)
    # Sessions move every year, so the title (not the date) says whether a session is new.
    old_sessions, new_sessions = (
        {_norm(s.title) for s in old.sessions},
        {_norm(s.title) for s in new.sessions},
    )
    old_reads, new_reads = (
        {_norm(r.citation) for r in old.readings},
        {_norm(r.citation) for r in new.readings},
    )
    return EditionDiff(
        old=old,
        new=new,
        lessons_added=tuple(added),
        lessons_removed=tuple(removed),
        lessons_changed=tuple((a, b) for a, b in pairs if a.sha256 != b.sha256),
        lessons_unchanged=tuple((a, b) for a, b in pairs if a.sha256 == b.sha256),
        sessions_added=tuple(s for s in new.sessions if _norm(s.title) not in old_sessions),
        sessions_removed=tuple(s for s in old.sessions if _norm(s.title) not in new_sessions),
        readings_added=tuple(r for r in new.readings if _norm(r.citation) not in old_reads),
        readings_removed=tuple(r for r in old.readings if _norm(r.citation) not in new_reads),
    )


def _words(a: str, b: str) -> list[tuple[Op, str]]:
    ta, tb = _TOKENS.findall(a), _TOKENS.findall(b)
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(ta[i1:i2])))
            continue
        if i1 < i2:
            out.append(("delete", "".join(ta[i1:i2])))
        if j1 < j2:
            out.append(("insert", "".join(tb[j1:j2])))
    return out


def _groups(ops: list[tuple[Op, str]]) -> list[list[str]]:
    # [text] is an equal run, [deleted, inserted] a change; neighbours of one kind are joined.
    groups: list[list[str]] = []
    for op, text in ops:
        if op == "equal":
            if groups and len(groups[-1]) == 1:
                groups[-1][0] += text
            else:
                groups.append([text])
            continue
        if not groups or len(groups[-1]) == 1:
            groups.append(["", ""])
        groups[-1][op == "insert"] += text
    return groups


def _coalesce(ops: list[tuple[Op, str]]) -> list[tuple[Op, str]]:
    """Fold a short equal run into the changes around it when it is no longer than either of them.

    The rule of diff-match-patch's semantic clean-up: "-Die Katze- +Der Hund+ sitzt" stays, but
    "-Fachtagungen- +Politik+ , -Medien- +Träger+" reads better as one change. Paragraph breaks stay.
    """
    groups = _groups(ops)
    i = 1
    while i < len(groups) - 1:
        before, middle, after = groups[i - 1], groups[i], groups[i + 1]
        small = len(middle[0]) <= min(max(map(len, before)), max(map(len, after)))
        if len(middle) == 1 and len(before) == len(after) == 2 and small and "\n\n" not in middle[0]:
            groups[i - 1 : i + 2] = [[before[0] + middle[0] + after[0], before[1] + middle[0] + after[1]]]
            i = max(i - 2, 1)  # the bigger change may now swallow the short runs on either side
        else:
            i += 1
    out: list[tuple[Op, str]] = []
    for group in groups:
        if len(group) == 1:
            out.append(("equal", group[0]))
        else:
            change: tuple[tuple[Op, str], ...] = (("delete", group[0]), ("insert", group[1]))
            out.extend(part for part in change if part[1])
    return out


def word_diff(old_text: str, new_text: str) -> list[tuple[Op, str]]:
    """A readable word-level diff: [(op, text)] with op "equal", "insert" or "delete", whitespace kept.

    Lines are compared first so an unchanged paragraph is never torn apart, then words within the
    changed lines; joining the "equal"+"delete" parts gives `old_text`, "equal"+"insert" `new_text`.
    """
    a, b = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    ops: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
        else:
            ops.extend(_words("".join(a[i1:i2]), "".join(b[j1:j2])))
    return _coalesce([op for op in ops if op[1]])


# The word diff shortened for reading: long unchanged runs keep only their ends.
CONTEXT = 160  # characters of unchanged text kept on each side of a change


def _cut(text: str, at: int, forward: bool) -> int:
    # Move a cut to the nearest whitespace, so no word is split.
    where = text.find(" ", at) if forward else text.rfind(" ", 0, at)
    return at if where == -1 else where


def condense(ops: Sequence[tuple[str, str]], context: int = CONTEXT) -> list[tuple[str, str]]:
    """`diff.word_diff` output with long unchanged runs shortened to their ends, joined by ("gap", "")."""
    out: list[tuple[str, str]] = []
    last = len(ops) - 1
    for i, (op, chunk) in enumerate(ops):
        keep_head, keep_tail = i > 0, i < last  # text next to a change on that side
        if op != "equal" or len(chunk) <= context * (keep_head + keep_tail) + 40:
            out.append((op, chunk))
            continue
        head = chunk[: _cut(chunk, context, True)] if keep_head else ""
        tail = chunk[_cut(chunk, len(chunk) - context, False) :] if keep_tail else ""
        out += [(o, t) for o, t in (("equal", head), ("gap", ""), ("equal", tail)) if t or o == "gap"]
    return out
