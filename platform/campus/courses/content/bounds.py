"""Bounds on a TOML manifest, checked in one linear pass before the parser sees it.

Python's TOML parser is fine on honest files, but a dotted key of 58 KB (``a.a.a…``) costs it
memory quadratic in the key's length (3.5 GB), and 2,000 nested "[" overflow its recursion. So a
manifest is refused unless it is at most `MAX_BYTES` long, nests arrays and inline tables at most
`MAX_DEPTH` deep and has no key (dotted, table headers included) longer than `MAX_KEY` characters.
The scan skips strings and comments exactly as TOML delimits them, so text inside them is free.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from .validate import N_

MAX_BYTES = 256 * 1024  # the longest shipped manifest has about 12 KB
MAX_DEPTH = 16
MAX_KEY = 200
_SPECIAL = re.compile(r"[\"'#\n\[\]{}=,]")


class ManifestTooLarge(ValueError):
    """A manifest is over one of the bounds; the message says which (plain English, for the CLI).

    `template` and `params` are what the message was made of, for the pages' translation.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params)
        self.template, self.params = template, params


def _string_end(text: str, start: int) -> int:
    """The index after the string starting at `start` (len(text) when it never closes)."""
    for quote in ('"""', "'''", '"', "'"):
        if text.startswith(quote, start):
            break
    i, escapes = start + len(quote), quote[0] == '"'
    while i < len(text):
        if escapes and text[i] == "\\":
            i += 2
            continue
        if text.startswith(quote, i):
            # A multi-line string may end in up to two extra quotes: """a"""" is a" plus the delimiter.
            end = i + len(quote)
            while len(quote) == 3 and text.startswith(quote[0], end) and end - i < 5:
                end += 1
            return end
        if len(quote) == 1 and text[i] == "\n":
            return i  # an unclosed one-line string: the parser will say so
        i += 1
    return len(text)


def check_bounds(text: str) -> None:
    """Raise `ManifestTooLarge` when `text` is over a bound; return quietly otherwise."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ManifestTooLarge(
            N_("refused before parsing: the file is larger than %(kb)s KB"), kb=MAX_BYTES // 1024
        )
    stack: list[str] = []  # the open "[" and "{", a table header's brackets included
    in_key, header, key_length, line, i = True, False, 0, 1, 0
    while i < len(text):
        char = text[i]
        if char in "\"'":
            end = _string_end(text, i)
            key_length += end - i if in_key else 0
            line, i = line + text.count("\n", i, end), end
        elif char == "#":
            newline = text.find("\n", i)
            i = len(text) if newline == -1 else newline
        else:
            if char == "\n":
                line += 1
                if not stack:  # a new line outside brackets starts with a key (or a table header)
                    in_key, header, key_length = True, False, 0
            elif char == "[":
                header = in_key and key_length == 0 and (not stack or header)  # "[table]", "[[array]]"
                in_key = header
                stack.append(char)
            elif char == "{":
                in_key, header, key_length = True, False, 0
                stack.append(char)
            elif char in "]}":
                if stack:
                    stack.pop()
                if not stack or stack[-1] == "{":  # a value (or a header) ends here
                    in_key = header = False
            elif char == "=":
                in_key = False
            elif char == ",":
                if stack and stack[-1] == "{":  # the next key of an inline table
                    in_key, key_length = True, 0
            else:  # ordinary text up to the next character that matters, in one step
                found = _SPECIAL.search(text, i + 1)
                end = found.start() if found else len(text)
                key_length += len("".join(text[i:end].split())) if in_key else 0
                i = end - 1
            i += 1
            if len(stack) > MAX_DEPTH:
                raise ManifestTooLarge(
                    N_("refused before parsing: line %(line)s: nested more than %(depth)s levels deep"),
                    line=line,
                    depth=MAX_DEPTH,
                )
        if in_key and key_length > MAX_KEY:
            raise ManifestTooLarge(
                N_("refused before parsing: line %(line)s: a key longer than %(limit)s characters"),
                line=line,
                limit=MAX_KEY,
            )


def parse_toml(text: str) -> dict[str, Any]:
    """`text` parsed, within the bounds; raises `ManifestTooLarge` or `tomllib.TOMLDecodeError`."""
    check_bounds(text)
    try:
        return tomllib.loads(text)
    except RecursionError as exc:  # cannot happen within the bounds; kept so no parser error escapes
        raise ManifestTooLarge(N_("refused before parsing: nested too deeply")) from exc
