"""A lesson's words for the search index, straight from its Markdown, in linear time.

The index must never wait for the renderer (a hostile text can make it quadratic), so this strips
the markup with simple, non-backtracking patterns instead: what is left are the words a reader sees,
with link texts instead of their addresses and without images, HTML tags and table rules.
"""

from __future__ import annotations

import html
import re

_FENCE = re.compile(r"^[ \t]*(```|~~~)[^\n]*$", re.MULTILINE)  # the fence lines; the code stays
# No pattern's repeated class contains the character it starts with, so a run of "[" or "<" costs
# one step per character, and every repetition is bounded.
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,300})\]\([^()\[\]\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\[\]\n]{0,2000}\)")
_FOOTNOTE = re.compile(r"\[\^[^\[\]\n]{0,100}\]:?")
_TAG = re.compile(r"<[^<>\n]{0,2000}>")
_TABLE_RULE = re.compile(r"^[ \t|:-]+$", re.MULTILINE)
_MARKS = re.compile(r"[#*_>`|~=]+")
_ADMONITION = re.compile(r"^!!!\s*\w+", re.MULTILINE)


def plain_text(markdown_text: str) -> str:
    """`markdown_text` as plain words, one space between them."""
    text = _FENCE.sub(" ", markdown_text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _TABLE_RULE.sub(" ", text)
    text = _ADMONITION.sub(" ", text)
    text = _MARKS.sub(" ", text)
    return " ".join(html.unescape(text).split())
