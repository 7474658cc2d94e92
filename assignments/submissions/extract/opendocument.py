"""ODT with odfdo, after the container and its XML have passed the guards."""

from __future__ import annotations

import zipfile

from lxml.etree import LxmlError
from odfdo import Document

from .outcome import Reason, Refused

_ERRORS = (LxmlError, KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile, OSError)
_BLOCKS = "descendant::text:h | descendant::text:p[not(ancestor::text:p) and not(ancestor::text:h)]"
# meta.xml entries that name people or carry free text an author may have signed.
_PERSONAL_META = (
    "meta:initial-creator", "dc:creator", "meta:printed-by", "dc:description", "dc:subject",
    "dc:title", "meta:keyword", "meta:user-defined",
)  # fmt: skip


def open_document(path: str) -> Document:
    """The parsed text document at ``path``."""
    try:
        document = Document(path)
        kind = document.get_type()
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error
    if kind != "text":
        raise Refused(Reason.UNSUPPORTED)
    return document


def extract_text(document: Document) -> str:
    """Headings and paragraphs in document order (tables and frames included), one per line."""
    try:
        blocks = (element.text_recursive for element in document.body.get_elements(_BLOCKS))
        return "\n".join(text for text in blocks if text.strip())
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error


def strip_metadata(document: Document, destination: str) -> None:
    """Save a copy without the metadata that names people, and without the names on tracked
    changes and comments in the body."""
    try:
        for name in _PERSONAL_META:
            for element in document.meta.get_elements(f"descendant::{name}"):
                element.delete()
        for element in document.body.get_elements("descendant::dc:creator"):
            element.text = ""
        document.save(destination)
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error
