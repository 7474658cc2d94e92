"""Plain text and Markdown: UTF-8 only, byte-order mark stripped, binary content refused."""

from __future__ import annotations

import re

from .outcome import Format, Reason, Refused

BOM = b"\xef\xbb\xbf"
# Characters a real text file does not contain (tab, newline, carriage return and form feed are fine).
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MARKDOWN = re.compile(
    r"^(#{1,6} \S|[-*+] \S|\d+\. \S|> \S|```|\|.*\|\s*$)|\*\*\S|\[[^\]\n]+\]\([^)\s]+\)",
    re.MULTILINE,
)


def looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file could be text in some encoding (decode() then insists on UTF-8).

    Text in another encoding (Latin-1, UTF-16 with a byte-order mark) counts as text, so the student
    hears that the encoding is wrong rather than that the file is not a document.
    """
    if head.startswith(_UTF16_BOMS):
        return True
    return not _BINARY_BYTES.search(head)


def decode(data: bytes) -> str:
    """The text of a UTF-8 file (BOM stripped, line ends normalised); refuses anything else."""
    if data.startswith(_UTF16_BOMS):
        raise Refused(Reason.TEXT_ENCODING)
    try:
        text = data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(Reason.TEXT_ENCODING) from error
    if _BINARY.search(text):
        raise Refused(Reason.UNSUPPORTED)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_format(text: str) -> Format:
    """Markdown when the text uses Markdown's marks (headings, lists, links, emphasis), else plain text."""
    return Format.MD if len(_MARKDOWN.findall(text[:100_000])) >= 2 else Format.TXT
