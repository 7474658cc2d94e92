"""Local calibration in the browser: known-human papers set the threshold; the model card shows it."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from review_setup import People
from submissions.submission_files import docx_file, pdf

from assignments.detection import analyse
from assignments.review.demo_texts import CHATBOT, PRACTICE
from assignments.review.detector import app_model, calibration_path
from campus.audit import AuditEvent
from campus.extensions import db
from support import Auth, csrf_token

URL = "/review/admin/calibration"


def papers() -> list[str]:
    """Known-human texts: the practice paper in variants, and the chatbot paper (here counted as human)."""
    variants = [
        PRACTICE.replace("Praktikum", word) for word in ("Praktikum", "Praxissemester", "Einsatz", "Stage")
    ]
    return [*variants, CHATBOT]


def a_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, text in enumerate(papers()):
            archive.writestr(f"alt/{number}.txt", text)
        archive.writestr("alt/hospitation.docx", docx_file(PRACTICE.replace("Praktikum", "Hospitation")))
        archive.writestr("alt/scan.pdf", pdf(["x"], image_only=True))
        archive.writestr("alt/notes.exe", b"MZ...")
    return buffer.getvalue()


def upload(client: FlaskClient, data: bytes, name: str, share: str = "0") -> str:
    form = {"csrf_token": csrf_token(client, URL), "share": share, "file": (io.BytesIO(data), name)}
    return client.post(URL, data=form, content_type="multipart/form-data").get_data(as_text=True)


def flagged(app: Flask) -> int:
    model = app_model()
    return sum(analyse(text, model).flag for text in papers())


def test_calibrating_a_zip_flags_at_most_the_chosen_share(
    app: Flask, client: FlaskClient, people: People
) -> None:
    assert flagged(app) == 1  # the model's own threshold flags the chatbot paper
    Auth(client).login_as(people.admin)
    page = upload(client, a_zip(), "vor-2022.zip", share="0")
    assert "6 Texte gelesen." in page and "scan.pdf" in page and "notes.exe" in page
    assert "16,7 %" in page and "0,0 %" in page  # de: 1 of 6 flagged before, none after
    assert calibration_path().exists() and flagged(app) == 0
    assert not (Path(app.config["DETECTOR_DIR"]) / "known-human").exists()  # the texts were discarded
    card = client.get("/review/model-card").get_data(as_text=True)
    assert "Lokale Kalibrierung vom" in card and "von 6 sicher eigenständig" in card
    assert db.session.query(AuditEvent).filter_by(action="review.calibrate").count() == 1


def test_a_jsonl_file_can_be_kept(app: Flask, client: FlaskClient, people: People) -> None:
    Auth(client).login_as(people.admin)
    lines = "".join(json.dumps({"text": t}) + "\n" for t in papers())
    form = {"csrf_token": csrf_token(client, URL), "share": "1", "keep": "y",
            "file": (io.BytesIO(lines.encode()), "texte.jsonl")}  # fmt: skip
    page = client.post(URL, data=form, content_type="multipart/form-data").get_data(as_text=True)
    assert "5 Texte gelesen." in page
    (kept,) = (Path(app.config["DETECTOR_DIR"]) / "known-human").iterdir()
    assert len(kept.read_text().splitlines()) == 5


def test_broken_uploads_get_a_clear_message(client: FlaskClient, people: People) -> None:
    Auth(client).login_as(people.admin)
    assert "Die ZIP-Datei kann nicht geöffnet werden." in upload(client, b"PK\x03\x04broken", "x.zip")
    assert "JSONL-Datei kann nicht gelesen werden" in upload(client, b"{not json}\n", "x.jsonl")
    assert "Bitte laden Sie eine ZIP-Datei" in upload(client, b"hello", "x.pdf")
    assert "Keiner der Texte konnte bewertet werden" in upload(client, b'{"text": "zu kurz"}\n', "x.jsonl")
    assert not calibration_path().exists()
