"""DOCX with python-docx, after the container and its XML have passed the guards."""

from __future__ import annotations

import zipfile

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .outcome import Reason, Refused

_ERRORS = (PackageNotFoundError, KeyError, ValueError, TypeError, AttributeError, zipfile.BadZipFile, OSError)
_TEXT_PROPERTIES = (
    "author", "category", "comments", "content_status", "identifier", "keywords",
    "last_modified_by", "subject", "title", "version",
)  # fmt: skip
_PERSON_ATTRIBUTES = (qn("w:author"), qn("w:initials"))


def open_document(path: str) -> Document:
    """The parsed document at ``path``."""
    try:
        return docx.Document(path)
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error


def extract_text(document: Document) -> str:
    """Every paragraph in document order (body, tables and text boxes), one per line."""
    try:
        paragraphs = (Paragraph(p, document).text for p in document.element.body.iter(qn("w:p")))
        return "\n".join(text for text in paragraphs if text.strip())
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error


def strip_metadata(document: Document, destination: str) -> None:
    """Save a copy without the core properties that name people (author, last editor, ...)
    and without the names on tracked changes in the body."""
    properties = document.core_properties
    try:
        for name in _TEXT_PROPERTIES:
            setattr(properties, name, "")
        properties.revision = 1
        for element in document.element.iter():
            for attribute in _PERSON_ATTRIBUTES:
                if attribute in element.attrib:
                    element.set(attribute, "")
        document.save(destination)
    except _ERRORS as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error
