"""``flask submissions check-file``: one JSON object, the student's German message, exit 0 always."""

from __future__ import annotations

import json
from pathlib import Path

import submission_files as files
from flask.testing import FlaskCliRunner


def check_file(runner: FlaskCliRunner, path: Path, *options: str) -> dict[str, object]:
    result = runner.invoke(args=["submissions", "check-file", str(path), *options])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_an_accepted_pdf(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(files.pdf())
    answer = check_file(runner, path)
    assert answer["accepted"] is True and answer["format"] == "pdf" and answer["reason"] is None
    assert answer["stored_name"] == "paper.pdf" and answer["words"] == 132
    assert isinstance(answer["text"], str) and "Soziale Arbeit" in answer["text"]
    assert set(answer) == {"accepted", "format", "reason", "stored_name", "words", "text"}


def test_a_refused_file_says_why_in_german(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(files.encrypted_pdf("geheim"))
    answer = check_file(runner, path, "--name", "../Hausarbeit\u202e.pdf")
    assert answer["accepted"] is False and answer["text"] is None and answer["words"] == 0
    assert answer["stored_name"] == "Hausarbeit.pdf"
    assert "Passwort" in str(answer["reason"]) and "ohne" in str(answer["reason"])


def test_a_scan_is_accepted_with_the_notice(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(files.pdf(image_only=True))
    answer = check_file(runner, path)
    assert answer["accepted"] is True and answer["text"] is None
    assert "kein Text" in str(answer["reason"])


def test_the_size_limit_is_an_option(runner: FlaskCliRunner, tmp_path: Path) -> None:
    path = tmp_path / "paper.pdf"
    path.write_bytes(files.pdf() + b"%" + b"x" * 200_000 + b"\n%%EOF\n")
    answer = check_file(runner, path, "--max-mb", "0.1")
    assert answer["accepted"] is False and "0,1 MB" in str(answer["reason"])


def test_a_zero_byte_file_and_a_zip_bomb(runner: FlaskCliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "leer" in str(check_file(runner, empty)["reason"])
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(files.docx_bomb())
    assert check_file(runner, bomb)["accepted"] is False
