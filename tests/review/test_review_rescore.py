"""Rescoring after a model or calibration change keeps the old reports; each names its model."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from review_setup import People, hand_in

from assignments.detection.model import DEFAULT_DIR, read_model, save_model
from assignments.review.demo_texts import CHATBOT, PRACTICE
from assignments.review.jobs import sweep_unanalysed
from assignments.review.models import Report
from assignments.review.service.analysis import reports_of
from assignments.review.service.calibration import Outcome, calibrate
from campus.extensions import db
from support import Auth, csrf_token


def other_model(folder: Path) -> Path:
    """The committed model with other thresholds: another checksum, as after retraining."""
    model = read_model(DEFAULT_DIR)
    meta = {k: v for k, v in model.meta.items() if k not in ("format", "format_version", "checksum")}
    meta["thresholds"] = {"de": 0.5, "en": 0.5}
    return save_model(folder / "retrained", meta, dict(model.arrays))


def test_rescoring_after_a_model_change_keeps_the_old_report(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner, people: People, tmp_path: Path
) -> None:
    submission = hand_in(client, people.student, PRACTICE.encode())
    (first,) = reports_of(submission)
    app.config["DETECTOR_MODEL_DIR"] = str(other_model(tmp_path))
    result = runner.invoke(args=["review", "rescore", "--assignment", "testmodul/2026-27/hausarbeit"])
    assert result.exit_code == 0, result.output
    assert "1 papers analysed" in result.output
    db.session.expire_all()
    newer, older = reports_of(submission)
    assert older.id == first.id and older.model_checksum == read_model(DEFAULT_DIR).meta["checksum"]
    assert newer.model_checksum == read_model(tmp_path / "retrained").meta["checksum"] != older.model_checksum
    assert newer.threshold == 0.5 and older.threshold != 0.5
    again = runner.invoke(args=["review", "rescore"])
    assert "0 papers analysed" in again.output and db.session.query(Report).count() == 2
    Auth(client).login_as(people.lecturer)
    page = client.get(f"/review/reports/{submission.id}").get_data(as_text=True)
    assert "Frühere Berichte" in page and older.model_checksum[:12] in page


def test_a_new_calibration_is_rescored_from_the_admin_page(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    calibrate([PRACTICE, CHATBOT], 0.01, "test", Outcome())  # the chatbot text counts as human here
    Auth(client).login_as(people.admin)
    assert "1 endgültig abgegebene Arbeit wurde mit einem anderen Modell" in client.get(
        "/review/admin/"
    ).get_data(as_text=True)
    client.post("/review/admin/rescore", data={"csrf_token": csrf_token(client, "/review/admin/")})
    db.session.expire_all()
    newer, older = reports_of(submission)
    assert older.calibration is None and newer.calibration is not None
    assert older.band == "signal" and newer.band == "no_signal"  # at most 1% of two texts: none flagged


def test_only_admins_rescore(client: FlaskClient, people: People) -> None:
    Auth(client).login_as(people.lecturer)
    assert client.get("/review/admin/").status_code == 404
    token = csrf_token(client, "/")
    assert client.post("/review/admin/rescore", data={"csrf_token": token}).status_code == 404
    assert client.get("/review/admin/calibration").status_code == 404


def test_the_sweep_queues_final_papers_without_a_report(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, PRACTICE.encode())
    db.session.query(Report).delete()
    db.session.commit()
    sweep_unanalysed.run_now()
    db.session.commit()  # the queued analysis leaves with the commit and runs (JOBS_IMMEDIATE)
    assert len(reports_of(submission)) == 1
