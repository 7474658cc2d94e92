"""What a check or an extraction finds: the format, a refusal (or a notice) and the text.

Messages are English message ids marked with ``N_`` so Babel collects them; the Flask side translates
them (German by default). This module stays free of Flask, so the CLI, a job and a notebook share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it here."""
    return message


class Format(StrEnum):
    """A document format Campus accepts, named as in ``edition.toml``'s ``formats``."""

    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    TXT = "txt"
    MD = "md"

    @property
    def label(self) -> str:
        """How the format is named to people."""
        return FORMAT_LABELS[self]

    @property
    def extensions(self) -> tuple[str, ...]:
        """File-name extensions that claim this format (text and Markdown claim each other)."""
        return FORMAT_EXTENSIONS[self]


FORMAT_LABELS = {
    Format.PDF: "PDF",
    Format.DOCX: "Word (DOCX)",
    Format.ODT: "OpenDocument (ODT)",
    Format.TXT: "Text (TXT)",
    Format.MD: "Markdown (MD)",
}
_TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
FORMAT_EXTENSIONS = {
    Format.PDF: (".pdf",),
    Format.DOCX: (".docx",),
    Format.ODT: (".odt",),
    Format.TXT: _TEXT_EXTENSIONS,
    Format.MD: _TEXT_EXTENSIONS,
}


class Reason(StrEnum):
    """Why a file was refused, or (for ``NO_TEXT``) what the student must know about an accepted one."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"
    EXECUTABLE = "executable"
    LEGACY_OFFICE = "legacy_office"
    NAME_MISMATCH = "name_mismatch"
    NOT_ALLOWED = "not_allowed"
    PDF_DAMAGED = "pdf_damaged"
    PDF_TRUNCATED = "pdf_truncated"
    PDF_PASSWORD = "pdf_password"  # noqa: S105 - a reason code, not a password
    MACROS = "macros"
    OFFICE_DAMAGED = "office_damaged"
    CONTAINER_UNSAFE = "container_unsafe"
    XML_UNSAFE = "xml_unsafe"
    TEXT_ENCODING = "text_encoding"
    TIMEOUT = "timeout"
    TOO_COMPLEX = "too_complex"
    UNREADABLE = "unreadable"
    NO_TEXT = "no_text"

    @property
    def message(self) -> str:
        """The English message id; format it with the refusal's ``params`` after translating."""
        return MESSAGES[self]


MESSAGES = {
    Reason.EMPTY: N_(
        "The file is empty (0 bytes). Please choose it again; if it is empty on your computer too, "
        "save your paper again from your word processor."
    ),
    Reason.TOO_LARGE: N_("The file is larger than the %(max_mb)s MB this assignment accepts."),
    Reason.UNSUPPORTED: N_(
        "This file type is not accepted, whatever its name says. Please upload your paper as %(allowed)s."
    ),
    Reason.EXECUTABLE: N_("This file is a program, not a document. Please upload your paper as %(allowed)s."),
    Reason.LEGACY_OFFICE: N_(
        "This is an old Word document (.doc) or a password-protected document, which cannot be read "
        "safely. Please save it as .docx without a password, or export it as PDF."
    ),
    Reason.NAME_MISMATCH: N_(
        "The file is named “%(name)s”, but its content is %(actual)s. Please check that you chose the "
        "right file, or export your paper as %(claimed)s again."
    ),
    Reason.NOT_ALLOWED: N_("This assignment accepts %(allowed)s; your file is %(actual)s."),
    Reason.PDF_DAMAGED: N_(
        "The PDF file is damaged and cannot be read. Please export it again from your word processor "
        "(File → Export as PDF) and upload the new file."
    ),
    Reason.PDF_TRUNCATED: N_(
        "The PDF file is incomplete: it ends too early, perhaps because a download or a copy was "
        "interrupted. Please export it again and upload the new file."
    ),
    Reason.PDF_PASSWORD: N_(
        "The PDF file needs a password to be opened, so the markers could not read it. Please save a "
        "copy without an opening password (in your PDF program: Save as or Print as PDF, with "
        "“password to open” switched off) and upload that copy."
    ),
    Reason.MACROS: N_(
        "The document contains macros (program code), which are not accepted. Please save it as a "
        "normal document without macros (.docx or .odt) or as PDF, and upload that."
    ),
    Reason.OFFICE_DAMAGED: N_(
        "The document is damaged and cannot be read. Please open it in your word processor, save it "
        "again (or export it as PDF) and upload the new file."
    ),
    Reason.CONTAINER_UNSAFE: N_(
        "The document's inner structure is unusual (for example far too much packed content), so it "
        "was not opened, for safety. Please save it again from your word processor or export it as PDF."
    ),
    Reason.XML_UNSAFE: N_(
        "The document contains XML declarations that are not allowed (entities or a DTD), so it was "
        "not opened, for safety. Please save it again from your word processor or export it as PDF."
    ),
    Reason.TEXT_ENCODING: N_(
        "The text file is not saved as UTF-8. Please save it again with the encoding UTF-8 (in most "
        "editors: Save as → Encoding: UTF-8)."
    ),
    Reason.TIMEOUT: N_(
        "The file could not be read in time: it is unusually complex or damaged. Please export it "
        "again as PDF and upload the new file."
    ),
    Reason.TOO_COMPLEX: N_(
        "The file could not be read with the memory available: it is unusually complex or damaged. "
        "Please export it again as PDF and upload the new file."
    ),
    Reason.UNREADABLE: N_(
        "The file could not be read. Please export your paper again as PDF and upload the new file."
    ),
    Reason.NO_TEXT: N_(
        "Your file has been kept, but no text could be read from it: it looks like a scan or a picture "
        "of pages. Markers can still open it. If you have the original document, please export it as "
        "a PDF with text (File → Export as PDF) and upload that as a new version."
    ),
}


@dataclass(frozen=True)
class Finding:
    """A reason with the values its message needs (``params`` are plain strings)."""

    reason: Reason
    params: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form, for a job's result or the CLI."""
        return {"reason": self.reason.value, "params": dict(self.params)}


class Refused(Exception):
    """A file may not be stored (or opened further); ``finding`` says why, in the student's terms."""

    def __init__(self, reason: Reason, **params: str) -> None:
        super().__init__(reason.value)
        self.finding = Finding(reason, params)


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one file. ``refusal`` is None when accepted; ``notice`` is for accepted files."""

    stored_name: str
    size: int
    format: Format | None = None
    refusal: Finding | None = None
    notice: Finding | None = None
    text: str | None = None
    words: int = 0
    language: str | None = None
    pages: int | None = None

    @property
    def accepted(self) -> bool:
        """Whether the file may be stored as a submission version."""
        return self.refusal is None
