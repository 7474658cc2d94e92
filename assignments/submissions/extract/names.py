"""The display name a file is stored under: what the student called it, made harmless.

The name is only ever shown and offered as a download name; files are stored by their SHA-256, so a
name can never choose a path. Still, a name is shown to markers and written into zip archives, so it
loses path parts, control and bidirectional-override characters, and is cut to 255 bytes of UTF-8.
"""

from __future__ import annotations

import re
import unicodedata

MAX_BYTES = 255
FALLBACK_STEM = "Abgabe"
# Characters that Windows refuses in file names; a marker unpacking the zip of all papers may be on it.
_RESERVED = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}\Z")


def _visible(char: str) -> bool:
    # Cc: control characters; Cf: format characters, among them the bidirectional overrides and
    # isolates (U+202A..U+202E, U+2066..U+2069), zero-width characters and the byte-order mark;
    # Cs/Co/Cn: surrogates, private use and unassigned code points.
    return unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"}


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, on a character boundary."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    cut = encoded[:limit].decode("utf-8", errors="ignore")
    # Cutting between a letter and its combining accents would leave another letter: drop it whole.
    if unicodedata.combining(text[len(cut) : len(cut) + 1] or "a"):
        while cut and unicodedata.combining(cut[-1]):
            cut = cut[:-1]
        cut = cut[:-1]
    return cut


def split_extension(name: str) -> tuple[str, str]:
    """``("Hausarbeit", ".pdf")`` for "Hausarbeit.pdf"; the extension is empty when there is none."""
    match = _EXTENSION.search(name)
    if not match or match.start() == 0:
        return name, ""
    return name[: match.start()], match.group()


def sanitise_name(claimed: str | None) -> str:
    """A safe display name for ``claimed`` (a browser's or a user's file name, possibly hostile).

    Only the last path part is kept (both ``/`` and ``\\`` separate parts), invisible and reserved
    characters go, whitespace collapses, and the result is at most 255 bytes of UTF-8 with the
    extension kept.
    """
    name = unicodedata.normalize("NFC", claimed or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(char for char in name if _visible(char))
    name = _RESERVED.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" .")
    stem, extension = split_extension(name)
    stem = stem.strip(" .")
    if not stem:
        stem = FALLBACK_STEM
    stem = _cut(stem, MAX_BYTES - len(extension.encode("utf-8"))).rstrip(" .") or FALLBACK_STEM
    return stem + extension
