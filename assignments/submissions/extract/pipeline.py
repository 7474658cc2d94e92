"""The work done inside the sandbox: identify a file by content, guard it, parse it, strip it.

Everything here may meet a hostile file, so it runs only in the child process that `sandbox` starts;
it returns plain JSON-ready dictionaries, never objects, to the parent.
"""

from __future__ import annotations

from typing import Any

import markdown

from . import containers, opendocument, pdf, plaintext, word
from .outcome import Format, Reason, Refused
from .sniff import Kind, kind_of, read_head

# In a quick check a PDF is read only until this many words show it has a text layer.
CHECK_ENOUGH_WORDS = 50
MAX_TEXT_CHARS = 2_000_000  # about 300,000 words: far beyond any term paper; the rest is not kept

_KIND_REFUSALS = {
    Kind.OLE2: Reason.LEGACY_OFFICE,
    Kind.EXECUTABLE: Reason.EXECUTABLE,
    Kind.UNKNOWN: Reason.UNSUPPORTED,
}


def failure(reason: str) -> dict[str, Any]:
    """The answer for a file that made the child fail (``reason`` is a `Reason` value)."""
    return {"refusal": {"reason": Reason(reason).value, "params": {}}}


def inspect(path: str, full: bool, zip_limits: dict[str, int]) -> dict[str, Any]:
    """Check the file at ``path`` and read its text (all of it when ``full``, else enough to judge)."""
    try:
        document_format, text, pages = _read(path, full, containers.ZipLimits(**zip_limits))
    except Refused as refusal:
        return {"refusal": refusal.finding.as_dict()}
    return {"format": document_format.value, "text": text[:MAX_TEXT_CHARS], "pages": pages}


def strip(path: str, destination: str, zip_limits: dict[str, int]) -> dict[str, Any]:
    """Write a copy of the document at ``path`` without author metadata to ``destination``."""
    try:
        kind = kind_of(read_head(path))
        if kind is Kind.PDF:
            pdf.strip_metadata(pdf.open_reader(path), destination)
            return {"format": Format.PDF.value}
        if kind is Kind.ZIP:
            archive, document_format = containers.open_checked(path, containers.ZipLimits(**zip_limits))
            archive.close()
            if document_format is Format.DOCX:
                word.strip_metadata(word.open_document(path), destination)
            else:
                opendocument.strip_metadata(opendocument.open_document(path), destination)
            return {"format": document_format.value}
        return {"format": None}  # plain text carries no metadata: the caller serves the original
    except Refused as refusal:
        return {"refusal": refusal.finding.as_dict()}


def markdown_to_html(text: str) -> dict[str, Any]:
    """Markdown to (unsanitised) HTML: here because Python-Markdown can take quadratic time on
    pathological input, and the sandbox's timer bounds it. The caller sanitises the result."""
    return {"html": markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")}


def _read(path: str, full: bool, limits: containers.ZipLimits) -> tuple[Format, str, int | None]:
    kind = kind_of(read_head(path))
    if kind in _KIND_REFUSALS:
        raise Refused(_KIND_REFUSALS[kind])
    if kind is Kind.PDF:
        reader = pdf.open_reader(path)
        text = pdf.extract_text(reader, enough_words=None if full else CHECK_ENOUGH_WORDS)
        return Format.PDF, text, pdf.page_count(reader)
    if kind is Kind.ZIP:
        archive, document_format = containers.open_checked(path, limits)
        archive.close()
        if document_format is Format.DOCX:
            return document_format, word.extract_text(word.open_document(path)), None
        return document_format, opendocument.extract_text(opendocument.open_document(path)), None
    with open(path, "rb") as handle:
        text = plaintext.decode(handle.read())
    return plaintext.text_format(text), text, None
