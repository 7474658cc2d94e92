"""What a file is, by its first bytes: never by its name, which the student's computer chose.

ZIP files are only classified as "zip" here; `containers` looks inside to tell DOCX from ODT (and from
a macro-enabled document wearing a .docx name).
"""

from __future__ import annotations

from enum import StrEnum

from .plaintext import looks_like_text

HEAD_BYTES = 8192


class Kind(StrEnum):
    """The broad kind of a file's content."""

    PDF = "pdf"
    ZIP = "zip"
    OLE2 = "ole2"  # Word 97-2003, or an Office file encrypted with a password
    EXECUTABLE = "executable"
    TEXT = "text"
    UNKNOWN = "unknown"


_EXECUTABLE_MAGIC = (
    b"\x7fELF",  # Linux
    b"MZ",  # Windows (PE/COFF, DOS)
    b"\xfe\xed\xfa\xce",  # macOS Mach-O, both byte orders and word sizes
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binary or Java class file
    b"#!",  # a script with an interpreter line
    b"\x00asm",  # WebAssembly
)
# Text-based formats that are not a paper's text; offering them as .txt would show markers markup.
_MARKUP_STARTS = (b"{\\rtf", b"<?xml", b"<!doctype", b"<html", b"<svg", b"%!ps")
_BOM = b"\xef\xbb\xbf"


def kind_of(head: bytes) -> Kind:
    """Classify a file by ``head``, its first bytes (up to ``HEAD_BYTES``)."""
    if b"%PDF-" in head[:1024]:  # the PDF specification lets a header follow up to 1 KB of junk
        return Kind.PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Kind.ZIP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Kind.OLE2
    if head.startswith(_EXECUTABLE_MAGIC):
        return Kind.EXECUTABLE
    if head.removeprefix(_BOM).lstrip()[:16].lower().startswith(_MARKUP_STARTS):
        return Kind.UNKNOWN
    if looks_like_text(head):
        return Kind.TEXT
    return Kind.UNKNOWN


def read_head(path: str) -> bytes:
    """The first ``HEAD_BYTES`` of the file at ``path``."""
    with open(path, "rb") as handle:
        return handle.read(HEAD_BYTES)
