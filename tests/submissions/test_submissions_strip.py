"""Copies for blind marking lose the author metadata of PDF, DOCX and ODT files, and keep the text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import submission_files as files
from odfdo import Document
from pypdf import PdfReader

from assignments.submissions.extract import Format, Reason, Refused, strip_metadata

AUTHOR = "Erika Musterfrau"


def stripped(tmp_path: Path, name: str, data: bytes) -> tuple[Format | None, bytes]:
    source, target = tmp_path / name, tmp_path / f"stripped-{name}"
    source.write_bytes(data)
    found = strip_metadata(source, target)
    return found, target.read_bytes() if target.exists() else b""


def every_member(container: bytes) -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(container))
    return b"".join(archive.read(name) for name in archive.namelist())


def test_pdf_document_information_and_xmp_are_removed(tmp_path: Path) -> None:
    original = files.pdf(author=AUTHOR, xmp_author=AUTHOR)
    assert AUTHOR.encode() in original
    found, copy = stripped(tmp_path, "a.pdf", original)
    reader = PdfReader(io.BytesIO(copy))
    assert found is Format.PDF and AUTHOR.encode() not in copy
    assert reader.metadata is None and reader.xmp_metadata is None
    assert "Soziale Arbeit" in reader.pages[0].extract_text()


def test_docx_core_properties_are_emptied(tmp_path: Path) -> None:
    original = files.docx_file(author=AUTHOR)
    assert AUTHOR.encode() in every_member(original)
    found, copy = stripped(tmp_path, "a.docx", original)
    assert found is Format.DOCX and AUTHOR.encode() not in every_member(copy)
    document = docx.Document(io.BytesIO(copy))
    assert document.core_properties.author == "" and document.core_properties.last_modified_by == ""
    assert "Adressatinnen" in "\n".join(p.text for p in document.paragraphs)


def test_odt_creators_are_removed(tmp_path: Path) -> None:
    original = files.odt_file(author=AUTHOR)
    assert AUTHOR.encode() in every_member(original)
    found, copy = stripped(tmp_path, "a.odt", original)
    assert found is Format.ODT and AUTHOR.encode() not in every_member(copy)
    document = Document(io.BytesIO(copy))
    assert document.meta.get_initial_creator() is None and document.meta.get_creator() is None
    assert "Adressatinnen" in document.get_formatted_text()


def test_plain_text_has_nothing_to_strip(tmp_path: Path) -> None:
    assert stripped(tmp_path, "a.txt", files.PAPER.encode()) == (None, b"")


def test_a_broken_file_raises_refused(tmp_path: Path) -> None:
    with pytest.raises(Refused) as raised:
        stripped(tmp_path, "a.pdf", files.pdf()[:500])
    assert raised.value.finding.reason is Reason.PDF_TRUNCATED
