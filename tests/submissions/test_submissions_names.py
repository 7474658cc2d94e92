"""Display names: what the student called the file, without paths, invisible characters or excess."""

from __future__ import annotations

import pytest
import submission_files as files

from assignments.submissions.extract import sanitise_name


@pytest.mark.parametrize(
    ("claimed", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"),
        ("C:\\Users\\Erika\\Hausarbeit.pdf", "Hausarbeit.pdf"),
        ("Haus\x00arbeit\x1b[31m\r\n.pdf", "Hausarbeit[31m.pdf"),
        ("Hausarbeit\u202efdp.exe", "Hausarbeitfdp.exe"),
        ("\u2066Arbeit\u2069\u200b.docx", "Arbeit.docx"),
        ('Was ist "gut"? <Teil 1>.pdf', "Was ist _gut__ _Teil 1_.pdf"),
        ("   .pdf", "pdf"),
        ("", "Abgabe"),
        ("...", "Abgabe"),
        ("  Meine   Arbeit .pdf ", "Meine Arbeit.pdf"),
    ],
)
def test_hostile_names_are_made_harmless(claimed: str, stored: str) -> None:
    assert sanitise_name(claimed) == stored


def test_a_long_name_is_cut_to_255_bytes_on_a_character_boundary_keeping_the_extension() -> None:
    stored = sanitise_name("ä" * 1000 + ".pdf")
    assert len(stored.encode("utf-8")) <= 255 and stored.endswith(".pdf")
    assert set(stored[:-4]) == {"ä"}


def test_a_combining_accent_is_not_separated_from_its_letter() -> None:
    stored = sanitise_name("x" + "a\u0308\u0301" * 200 + ".pdf")  # no precomposed form for both marks
    stem = stored[:-4]
    assert len(stored.encode("utf-8")) <= 255 and stem.endswith("\u0301") and stem.startswith("x")


def test_hostile_names_reach_the_result_of_a_check_sanitised(check) -> None:
    name = "../" + "\u202e" + "x" * 1000 + "\x07.pdf"
    result = check(files.pdf(), name)
    assert result.accepted
    assert result.stored_name == "x" * 251 + ".pdf"
