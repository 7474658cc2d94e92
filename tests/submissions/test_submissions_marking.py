"""The marking side: table, feedback and grade, workflow, release at once, second marking, CSV, zip."""

from __future__ import annotations

import csv
import io
import zipfile

import submission_files as files
from course import BLIND_PATH, PATH, People
from flask import Flask
from flask.testing import FlaskClient
from handin import finalise, upload

from assignments.submissions.columns import Column, register_column
from assignments.submissions.models import RELEASED, Submission
from campus.audit import AuditEvent
from campus.extensions import db
from support import Auth, csrf_token, post_form

TABLE = "/submissions/marking/testmodul/2026-27/hausarbeit/"
BLIND_TABLE = "/submissions/marking/testmodul/2026-27/blind/"


def hand_in(
    client: FlaskClient, auth: Auth, student, page: str = PATH, data: bytes | None = None
) -> Submission:  # type: ignore[no-untyped-def]
    auth.login_as(student)
    upload(client, page, data or files.pdf(), "Hausarbeit.pdf")
    submission = (
        db.session.query(Submission)
        .filter_by(user_id=student.id)
        .filter(Submission.assignment_id == page.rstrip("/").rsplit("/", 1)[1])
        .one()
    )
    finalise(client, page, submission.id)
    auth.logout()
    return submission


def mark(client: FlaskClient, submission: Submission, feedback: str, grade: str, complete: bool = True):  # type: ignore[no-untyped-def]
    url = f"/submissions/marking/{submission.id}"
    data = {"feedback": feedback, "grade": grade, ("complete" if complete else "save"): "1"}
    return post_form(client, url, data)


def test_the_table_lists_students_and_the_marking_page_is_audited(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    table = client.get(TABLE).get_data(as_text=True)
    assert "Lena Schmidt" in table and "Yusuf Demir" in table and "Nichts hochgeladen" in table
    page = client.get(f"/submissions/marking/{submission.id}")
    assert page.status_code == 200 and submission.latest.sha256 in page.get_data(as_text=True)
    actions = [e.action for e in db.session.query(AuditEvent).filter_by(actor_id=people.lecturer.id)]
    assert "submission.view" in actions and "assignment.view_table" in actions


def test_feedback_and_grade_are_released_at_once(
    client: FlaskClient, auth: Auth, people: People, open_clock, outbox
) -> None:
    first = hand_in(client, auth, people.student)
    second = hand_in(client, auth, people.classmate, data=files.pdf([files.PAPER * 2]))
    auth.login_as(people.lecturer)
    mark(client, first, "**Gut** gegliedert.<script>alert(1)</script>", "1.3")
    mark(client, second, "Entwurf", "2.0", complete=False)
    post_form(client, TABLE + "release", {}, form_url=TABLE)
    db.session.refresh(first)
    db.session.refresh(second)
    assert first.marking.status == RELEASED and second.marking.status == "in_marking"
    assert (
        "<script>" not in first.marking.feedback_html
        and "<strong>Gut</strong>" in first.marking.feedback_html
    )
    auth.logout()
    auth.login_as(people.student)
    feedback = client.get(f"/submissions/feedback/{first.marking.id}").get_data(as_text=True)
    assert "1,3" in feedback and "<strong>Gut</strong>" in feedback
    assert len(outbox.to(people.student.email)) >= 2  # receipt and the release notice
    auth.logout()
    auth.login_as(people.classmate)
    assert client.get(f"/submissions/feedback/{second.marking.id}").status_code == 404


def test_grades_off_the_scale_are_refused(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    mark(client, submission, "x", "1.5")
    db.session.refresh(submission)
    assert submission.marking.grade is None


def test_second_marking_needs_an_agreed_grade(
    client: FlaskClient, auth: Auth, people: People, open_clock, make_user
) -> None:
    submission = hand_in(client, auth, people.student, page=BLIND_PATH)
    auth.login_as(people.lecturer)
    post_form(
        client, BLIND_TABLE + "markers", {"email": people.examiner.email, "second": "y"}, form_url=BLIND_TABLE
    )
    mark(client, submission, "Erstgutachten", "2.3")
    post_form(client, BLIND_TABLE + "release", {}, form_url=BLIND_TABLE)
    db.session.refresh(submission)
    assert submission.marking.status == "marked"  # no agreed grade yet: not released
    auth.logout()
    auth.login_as(people.examiner)
    post_form(client, f"/submissions/marking/{submission.id}/second", {"second_grade": "1.7", "second_note": "ok"},
              form_url=f"/submissions/marking/{submission.id}")  # fmt: skip
    auth.logout()
    auth.login_as(people.lecturer)
    post_form(client, f"/submissions/marking/{submission.id}/agree", {"final_grade": "2.0"},
              form_url=f"/submissions/marking/{submission.id}")  # fmt: skip
    post_form(client, BLIND_TABLE + "release", {}, form_url=BLIND_TABLE)
    db.session.refresh(submission)
    marking = submission.marking
    assert (marking.grade, marking.second_grade, marking.final_grade, marking.status) == (
        23,
        17,
        20,
        RELEASED,
    )


def test_blind_marking_shows_candidate_numbers_until_revealed(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    submission = hand_in(client, auth, people.student, page=BLIND_PATH, data=files.pdf(author="Lena Schmidt"))
    auth.login_as(people.lecturer)
    pages = [client.get(BLIND_TABLE), client.get(f"/submissions/marking/{submission.id}"),
             client.get(f"/submissions/versions/{submission.latest.id}/text"), client.get(BLIND_TABLE + "grades.csv")]  # fmt: skip
    for page in pages:
        text = page.get_data(as_text=True)
        assert "Lena" not in text and "Schmidt" not in text
    assert submission.candidate_number in pages[0].get_data(as_text=True)
    download = client.get(f"/submissions/versions/{submission.latest.id}/file", buffered=True)
    assert b"Lena Schmidt" not in download.data and "Lena" not in download.headers["Content-Disposition"]
    post_form(client, BLIND_TABLE + "reveal", {}, form_url=BLIND_TABLE)
    assert "Lena Schmidt" in client.get(BLIND_TABLE).get_data(as_text=True)
    reveal = db.session.query(AuditEvent).filter_by(action="assignment.reveal_identities").one()
    assert reveal.actor_id == people.lecturer.id


def test_csv_export_and_zip_of_all_papers(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    data = files.pdf()
    submission = hand_in(client, auth, people.student, data=data)
    auth.login_as(people.lecturer)
    mark(client, submission, "gut", "1.0")
    export = client.get(TABLE + "grades.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(export), delimiter=";"))
    assert rows == [{"candidate_number": submission.candidate_number, "name": "Lena Schmidt",
                     "matriculation_number": people.student.matriculation_number, "status": "marked",
                     "late": "no", "grade_first": "1,0", "grade_second": "", "grade_final": "1,0"}]  # fmt: skip
    archive = zipfile.ZipFile(io.BytesIO(client.get(TABLE + "papers.zip", buffered=True).data))
    (name,) = archive.namelist()
    assert archive.read(name) == data and "Lena Schmidt" in name


def test_filters_and_sorting(client: FlaskClient, auth: Auth, people: People, open_clock) -> None:
    hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    only_final = client.get(TABLE + "?status=not_marked").get_data(as_text=True)
    assert "Lena Schmidt" in only_final and "Yusuf Demir" not in only_final
    descending = client.get(TABLE + "?sort=person&order=desc").get_data(as_text=True)
    assert descending.index("Yusuf Demir") < descending.index("Lena Schmidt")


def test_the_table_shows_the_grade(client: FlaskClient, auth: Auth, people: People, open_clock) -> None:
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    mark(client, submission, "gut", "1.3")
    table = client.get(TABLE + "?sort=grade").get_data(as_text=True)
    assert 'Note <span aria-hidden="true">▲</span>' in table and "<td>1,3</td>" in table


def test_other_features_can_add_a_column(
    app: Flask, client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    register_column(
        app, Column("signal", "Signal", value=lambda s: f"band-{s.candidate_number}", sort_key=lambda s: 1)
    )
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    table = client.get(TABLE).get_data(as_text=True)
    assert "Signal" in table and f"band-{submission.candidate_number}" in table


def test_pathological_feedback_is_refused_in_bounded_time(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    response = mark(client, submission, "[" * 20_000, "2.0")  # Python-Markdown needs over a minute for this
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "nicht rechtzeitig formatiert" in page
    db.session.refresh(submission)
    assert submission.marking.status == "not_marked" and submission.marking.feedback == ""


def test_an_unchanged_marking_form_changes_nothing(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    submission = hand_in(client, auth, people.student)
    auth.login_as(people.lecturer)
    mark(client, submission, "Text", "1.7", complete=False)
    token = csrf_token(client, f"/submissions/marking/{submission.id}")
    page = client.get(f"/submissions/marking/{submission.id}").get_data(as_text=True)
    assert 'value="1.7" selected' in page or 'selected value="1.7"' in page
    assert token
