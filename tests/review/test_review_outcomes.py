"""Defence outcomes recorded through the defences pages measure the detector (eval --from-outcomes)."""

from __future__ import annotations

from collections.abc import Callable

from defence_steps import book, hold, offer, the_window
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from review_setup import People, hand_in

from assignments.defences.service.records import suggested_for
from assignments.review.demo_texts import CHATBOT, PRACTICE
from assignments.review.models import Outcome
from campus import events
from campus.accounts.models import Role, User
from campus.extensions import db
from support import Auth, csrf_token


def test_eval_from_outcomes_on_defences_held_through_the_pages(
    client: FlaskClient, runner: FlaskCliRunner, people: People, make_user: Callable[..., User]
) -> None:
    third = make_user(Role.STUDENT, email="third@test.example", name="Dritte", cohort=people.student.cohort)
    papers = {
        people.student: CHATBOT,
        people.classmate: PRACTICE,
        third: PRACTICE.replace("Praktikum", "Stage"),
    }
    submissions = {student: hand_in(client, student, text.encode()) for student, text in papers.items()}
    empty = runner.invoke(args=["detector", "eval", "--from-outcomes"])
    assert empty.exit_code != 0 and "no recorded defence outcome" in empty.output
    examiners = [people.examiner, people.lecturer]
    offer(examiners)
    outcomes = {people.student: "not_confirmed", people.classmate: "confirmed", third: "doubts"}
    for student, outcome in outcomes.items():
        hold(client, book(client, student, people.lecturer), examiners, outcome)
    rows = db.session.query(Outcome).order_by(Outcome.id).all()
    assert [(r.submission_id, r.outcome) for r in rows] == [
        (submissions[s].id, o) for s, o in outcomes.items()
    ]
    result = runner.invoke(args=["detector", "eval", "--from-outcomes"])
    assert result.exit_code == 0, result.output
    assert "labelled papers: 2 (1 authorship confirmed, 1 not confirmed)" in result.output
    assert "AUROC 1.000  FPR at threshold 0.000  TPR at threshold 1.000" in result.output
    assert "doubts left out: 1" in result.output and "fewer than 30 labelled papers" in result.output
    as_human = runner.invoke(args=["detector", "eval", "--from-outcomes", "--doubts-as", "human"])
    assert "labelled papers: 3 (2 authorship confirmed" in as_human.output
    Auth(client).login_as(people.admin)
    admin = client.get("/review/admin/").get_data(as_text=True)
    assert "Bisher erst 2 Verteidigungsergebnisse" in admin and "1,000" in admin


def test_the_panel_sees_the_suggested_questions_in_the_protocol_form(
    client: FlaskClient, people: People
) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(people.lecturer)
    url = f"/review/reports/{submission.id}"
    client.post(url + "/decide", data={
        "csrf_token": csrf_token(client, url), "action": "discuss", "reason": "Im Gespräch klären.", "invite": "y",
        "questions-0-include": "y", "questions-0-passage": "1", "questions-0-text": "Wie entstand Abschnitt 1?"})  # fmt: skip
    Auth(client).logout()
    assert [q.text for q in suggested_for(the_window().key, people.student.id)] == [
        "Wie entstand Abschnitt 1?"
    ]
    examiners = [people.examiner, people.lecturer]
    offer(examiners)
    defence = book(client, people.student, people.lecturer)
    Auth(client).login_as(people.examiner)
    protocol = f"/defences/defence/{defence.id}/protocol"
    client.post(protocol, data={"csrf_token": csrf_token(client, protocol)})
    assert "Wie entstand Abschnitt 1?" in client.get(protocol).get_data(as_text=True)


def test_an_outcome_naming_no_paper_is_kept_without_one(app: Flask) -> None:
    events.emit(
        events.defence_outcome_recorded, defence_id=11, submission_id=999, student_id=998, outcome="confirmed"
    )
    db.session.commit()
    (row,) = db.session.query(Outcome).all()
    assert (row.defence_id, row.submission_id, row.student_id) == (11, None, None)
