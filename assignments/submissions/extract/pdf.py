"""PDF with pypdf: open (refusing truncated, damaged and password-locked files), text, metadata strip."""

from __future__ import annotations

import logging
import os

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject

from .outcome import Reason, Refused
from .textstats import word_count

_TAIL_BYTES = 2048
# Errors pypdf or the decoders below it raise on broken input (besides its own PyPdfError family).
READ_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    RecursionError,
    OSError,
    ZeroDivisionError,
)
# Author traces besides /Info and the catalogue's XMP stream: application-private data per page.
_PAGE_METADATA = ("/Metadata", "/PieceInfo")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are expected; we report them ourselves


def _ends_properly(path: str) -> bool:
    """Whether the file ends with a PDF trailer (``%%EOF``), as every complete PDF does."""
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - _TAIL_BYTES))
        return b"%%EOF" in handle.read()


def open_reader(path: str) -> PdfReader:
    """A reader for the PDF at ``path``, decrypted if it has an empty user password."""
    if not _ends_properly(path):
        raise Refused(Reason.PDF_TRUNCATED)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused(Reason.PDF_PASSWORD)
        if len(reader.pages) == 0:
            raise Refused(Reason.PDF_DAMAGED)
    except Refused:
        raise
    except READ_ERRORS as error:
        raise Refused(Reason.PDF_DAMAGED) from error
    return reader


def extract_text(reader: PdfReader, enough_words: int | None = None) -> str:
    """The text layer, pages separated by a blank line; stops early once ``enough_words`` are found.

    A page whose text cannot be extracted (a broken content stream) counts as a page without text;
    a broken page tree (a loop, a missing page) refuses the file.
    """
    parts: list[str] = []
    found = 0
    try:
        pages = list(reader.pages)
    except READ_ERRORS as error:
        raise Refused(Reason.PDF_DAMAGED) from error
    for page in pages:
        try:
            text = page.extract_text() or ""
        except READ_ERRORS:
            text = ""
        parts.append(text.strip())
        found += word_count(text)
        if enough_words is not None and found >= enough_words:
            break
    return "\n\n".join(part for part in parts if part)


def page_count(reader: PdfReader) -> int:
    """How many pages the document has."""
    return len(reader.pages)


def strip_metadata(reader: PdfReader, destination: str) -> None:
    """Write a copy without document information, XMP or per-page metadata (for blind marking)."""
    try:
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.xmp_metadata = None
        for name in _PAGE_METADATA:
            writer.root_object.pop(NameObject(name), None)
        for page in writer.pages:
            for name in _PAGE_METADATA:
                page.pop(NameObject(name), None)
        # The cloned objects that held the metadata are still in the file until orphans are dropped.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        with open(destination, "wb") as handle:
            writer.write(handle)
    except READ_ERRORS as error:
        raise Refused(Reason.PDF_DAMAGED) from error
