"""The background analysis: a final paper gets a report; abstentions say why and carry no number."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient
from review_setup import People, hand_in
from submissions.submission_files import pdf

from assignments.review.demo_texts import CHATBOT, FRENCH, PRACTICE, SHORT
from assignments.review.models import ABSTAIN, NO_SIGNAL, SIGNAL, Report
from assignments.review.service.analysis import current_report
from campus.accounts.models import Role, User
from campus.extensions import db
from support import Auth


def test_a_final_paper_is_analysed_by_the_job(client: FlaskClient, people: People, job_log) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    assert "assignments.review.jobs.analyse_submission" in job_log.completed, job_log.errors
    report = current_report(submission)
    assert report is not None and report.band == SIGNAL
    assert report.probability is not None and report.probability >= (report.threshold or 1)
    assert report.language == "de" and report.words > 500 and len(report.model_checksum) == 64
    assert report.passages, "a signal lists the passages that drove it"
    text = submission.latest.text or ""
    for start, end, score in report.passages:
        assert 0 <= start < end <= len(text) and 0 <= score <= 1


def test_an_own_paper_gets_no_indication(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, PRACTICE.encode())
    report = current_report(submission)
    assert report is not None and report.band == NO_SIGNAL and report.probability is not None


def test_french_short_and_scanned_papers_abstain_with_their_reason(
    client: FlaskClient, people: People, make_user: Callable[..., User]
) -> None:
    cases = [(FRENCH.encode(), "Hausarbeit.txt", "unsupported_language"),
             (SHORT.encode(), "Hausarbeit.txt", "too_short"),
             (pdf(["x"], image_only=True), "Scan.pdf", "no_text_layer")]  # fmt: skip
    third = make_user(Role.STUDENT, email="third@test.example", name="Dritte", cohort=people.student.cohort)
    students = [people.student, people.classmate, third]
    for (data, name, reason), student in zip(cases, students, strict=True):
        report = current_report(hand_in(client, student, data, name))
        assert report is not None and report.band == ABSTAIN, reason
        assert report.reason == reason and report.probability is None and report.passages == []
    Auth(client).login_as(people.lecturer)
    table = client.get("/submissions/marking/testmodul/2026-27/hausarbeit/").get_data(as_text=True)
    assert table.count("keine Aussage") == 3
    assert db.session.query(Report).count() == 3
