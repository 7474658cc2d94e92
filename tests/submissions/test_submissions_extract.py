"""The checks every upload passes: type by content, hostile files refused with the student's message."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import submission_files as files

from assignments.submissions.extract import CheckResult, Format, Limits, Reason

Check = Callable[..., CheckResult]


def refused_for(result: CheckResult) -> Reason:
    assert not result.accepted, "the file was accepted"
    assert result.refusal is not None and result.text is None
    return result.refusal.reason


def test_a_pdf_paper_is_accepted_with_its_text(check: Check) -> None:
    result = check(files.pdf([files.PAPER * 3, files.PAPER]), "Hausarbeit.pdf")
    assert result.accepted and result.format is Format.PDF
    assert result.text is not None and "Digitalisierung verändert die Soziale Arbeit" in result.text
    assert result.words > 100 and result.language == "de" and result.pages == 2
    assert result.stored_name == "Hausarbeit.pdf" and result.notice is None


@pytest.mark.parametrize(
    ("make", "name", "expected"),
    [
        (files.docx_file, "Hausarbeit.docx", Format.DOCX),
        (files.odt_file, "Hausarbeit.odt", Format.ODT),
        (lambda: files.PAPER.encode(), "Hausarbeit.txt", Format.TXT),
        (lambda: b"# Titel\n\n" + files.PAPER.encode() + b"\n\n- ein **Punkt**\n", "Arbeit.md", Format.MD),
    ],
)
def test_word_opendocument_text_and_markdown_are_accepted(
    check: Check, make: Callable[[], bytes], name: str, expected: Format
) -> None:
    result = check(make(), name)
    assert result.accepted and result.format is expected
    assert result.text is not None and "Adressatinnen" in result.text and result.language == "de"


def test_the_byte_order_mark_is_stripped_and_line_ends_normalised(check: Check) -> None:
    result = check(b"\xef\xbb\xbfErste Zeile\r\nzweite Zeile", "a.txt")
    assert result.text == "Erste Zeile\nzweite Zeile"


def test_text_in_another_encoding_is_asked_for_again_as_utf8(check: Check) -> None:
    assert refused_for(check(files.PAPER.encode("latin-1"), "a.txt")) is Reason.TEXT_ENCODING
    assert refused_for(check(files.PAPER.encode("utf-16"), "a.txt")) is Reason.TEXT_ENCODING


def test_the_type_comes_from_the_content_and_a_missing_extension_is_added(check: Check) -> None:
    result = check(files.pdf(), "Hausarbeit final")
    assert result.accepted and result.format is Format.PDF and result.stored_name == "Hausarbeit final.pdf"


def test_a_text_file_renamed_pdf_is_refused(check: Check) -> None:
    result = check(files.PAPER.encode(), "Hausarbeit.pdf")
    assert refused_for(result) is Reason.NAME_MISMATCH
    assert result.refusal is not None and result.refusal.params["claimed"] == "PDF"


def test_an_executable_renamed_pdf_is_refused(check: Check) -> None:
    assert refused_for(check(files.ELF, "Hausarbeit.pdf")) is Reason.EXECUTABLE
    assert refused_for(check(b"MZ\x90\x00" + b"\x00" * 300, "Hausarbeit.pdf")) is Reason.EXECUTABLE
    assert refused_for(check(b"#!/bin/sh\nrm -rf ~\n", "Hausarbeit.pdf")) is Reason.EXECUTABLE


def test_a_truncated_pdf_is_refused(check: Check) -> None:
    document = files.pdf()
    assert refused_for(check(document[: len(document) // 2])) is Reason.PDF_TRUNCATED


def test_a_pdf_with_a_broken_body_is_refused(check: Check) -> None:
    broken = b"%PDF-1.7\n" + b"\x00garbage\xff" * 200 + b"\n%%EOF\n"
    assert refused_for(check(broken)) is Reason.PDF_DAMAGED


def test_a_pdf_that_needs_a_password_is_refused(check: Check) -> None:
    assert refused_for(check(files.encrypted_pdf("geheim"))) is Reason.PDF_PASSWORD


def test_a_pdf_encrypted_without_a_user_password_is_accepted(check: Check) -> None:
    result = check(files.encrypted_pdf(""))
    assert result.accepted and result.text is not None and "Soziale Arbeit" in result.text


def test_a_pdf_whose_page_tree_loops_is_refused(check: Check) -> None:
    assert refused_for(check(files.pdf(page_loop=True))) is Reason.PDF_DAMAGED


def test_a_scan_without_text_is_kept_with_a_notice(check: Check) -> None:
    result = check(files.pdf(["", ""], image_only=True))
    assert result.accepted and result.format is Format.PDF
    assert result.notice is not None and result.notice.reason is Reason.NO_TEXT
    assert result.text is None and result.words == 0


def test_a_docx_zip_bomb_is_refused_before_inflating(check: Check) -> None:
    bomb = files.docx_bomb(gigabytes=1.1)
    declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared > 2**30 and len(bomb) < 2 * 2**20  # a real bomb: over 1 GB from under 2 MB
    assert refused_for(check(bomb, "Hausarbeit.docx")) is Reason.CONTAINER_UNSAFE


def test_a_zip_member_that_inflates_beyond_its_declared_size_is_refused(check: Check) -> None:
    lying = files.docx_bomb(gigabytes=0.1)
    # The last central-directory entry is document.xml's: declare 1 MB there instead of 100 MB.
    entry = lying.rfind(b"PK\x01\x02")
    patched = lying[: entry + 24] + (2**20).to_bytes(4, "little") + lying[entry + 28 :]
    assert zipfile.ZipFile(io.BytesIO(patched)).getinfo("word/document.xml").file_size == 2**20
    assert refused_for(check(patched, "Hausarbeit.docx")) is Reason.OFFICE_DAMAGED


def test_an_xml_entity_bomb_is_refused(check: Check) -> None:
    result = check(files.docx_with_document_xml(files.ENTITY_BOMB), "Hausarbeit.docx")
    assert refused_for(result) is Reason.XML_UNSAFE


def test_an_external_entity_never_reads_the_local_file(check: Check, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-4711")
    result = check(files.docx_with_document_xml(files.external_entity(str(secret))), "Hausarbeit.docx")
    assert refused_for(result) is Reason.XML_UNSAFE
    assert "GEHEIMNIS" not in repr(result)


def test_a_macro_enabled_document_renamed_docx_is_refused(check: Check) -> None:
    assert refused_for(check(files.macro_docx(), "Hausarbeit.docx")) is Reason.MACROS


def test_an_opendocument_with_basic_macros_is_refused(check: Check) -> None:
    document = files.replace_member(files.odt_file(), "Basic/Standard/Module1.xml", b"<module/>")
    assert refused_for(check(document, "Hausarbeit.odt")) is Reason.MACROS


@pytest.mark.parametrize("member", ["../../etc/cron.d/evil", "/abs/path.xml", "C:/x.xml", "word\\x.xml"])
def test_a_container_with_a_hostile_member_name_is_refused(check: Check, member: str) -> None:
    document = files.replace_member(files.docx_file(), member, b"<x/>")
    assert refused_for(check(document, "Hausarbeit.docx")) is Reason.CONTAINER_UNSAFE


def test_a_container_with_too_many_members_is_refused(check: Check) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(2001):
            archive.writestr(f"m/{number}.txt", b"")
    assert refused_for(check(out.getvalue(), "Hausarbeit.docx")) is Reason.CONTAINER_UNSAFE


def test_other_zip_files_and_old_word_documents_are_refused(check: Check) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", b"hello")
    assert refused_for(check(out.getvalue(), "Hausarbeit.zip")) is Reason.UNSUPPORTED
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    assert refused_for(check(ole2, "Hausarbeit.doc")) is Reason.LEGACY_OFFICE


def test_an_empty_file_is_refused(check: Check) -> None:
    assert refused_for(check(b"", "Hausarbeit.pdf")) is Reason.EMPTY


def test_a_file_over_the_limit_is_refused_without_reading_it(check: Check) -> None:
    result = check(files.pdf([files.PAPER * 3] * 200), max_bytes=2**20 // 10)
    assert refused_for(result) is Reason.TOO_LARGE
    assert result.refusal is not None and result.refusal.params == {"max_mb": "0.1"}


def test_a_format_the_assignment_does_not_accept_is_refused(check: Check) -> None:
    result = check(files.odt_file(), "Hausarbeit.odt", allowed={Format.PDF, Format.DOCX})
    assert refused_for(result) is Reason.NOT_ALLOWED
    assert result.refusal is not None and result.refusal.params["allowed"] == "PDF, Word (DOCX)"


def test_a_parse_that_overruns_its_time_is_stopped(check: Check) -> None:
    long_paper = files.pdf([files.PAPER * 8] * 400)
    result = check(long_paper, limits=Limits(seconds=0.3))
    assert refused_for(result) is Reason.TIMEOUT


def test_a_parse_that_needs_too_much_memory_is_stopped(check: Check) -> None:
    # Less address space than the parsers need at all: the child fails, the caller gets a message.
    result = check(
        files.docx_file(files.PAPER * 200), "Hausarbeit.docx", limits=Limits(memory_bytes=64 * 2**20)
    )
    assert refused_for(result) is Reason.TOO_COMPLEX


def test_running_out_of_memory_anywhere_in_the_parse_is_too_complex(check: Check) -> None:
    # Near the limit the parse fails inside lxml, which reports "unknown error" instead of a
    # MemoryError; the child must still call it a memory failure, not a damaged file.
    paper = files.docx_file(files.PAPER * 200)
    reasons = []
    for megabytes in range(100, 1024, 2):
        result = check(paper, "Hausarbeit.docx", limits=Limits(memory_bytes=megabytes * 2**20))
        if result.accepted:
            break
        reasons.append(refused_for(result))
    assert result.accepted, "the paper was never accepted"
    assert set(reasons) <= {Reason.TOO_COMPLEX}


def test_the_quick_check_reads_a_pdf_only_until_it_has_text(check: Check) -> None:
    result = check(files.pdf([files.PAPER * 3] * 20), full=False)
    assert result.accepted and result.notice is None and result.text is None and result.pages == 20
