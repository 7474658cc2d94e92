"""The report page for markers, the decision with its reason, and the hand-over into the defence."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from review_setup import BLIND_PAGE, People, hand_in

from assignments.defences.models import Invitation, SuggestedQuestion
from assignments.review.demo_texts import CHATBOT, PRACTICE
from assignments.review.models import Decision
from campus.audit import AuditEvent
from campus.extensions import db
from support import Auth, csrf_token

TABLE = "/submissions/marking/testmodul/2026-27/hausarbeit/"
TOOLS = [{"tool": "DeepL Write", "purposes": "language", "where": "Kapitel 2"}]


def report_url(submission_id: int) -> str:
    return f"/review/reports/{submission_id}"


def decide(client: FlaskClient, submission_id: int, **fields: str) -> object:
    data = {"csrf_token": csrf_token(client, report_url(submission_id)), **fields}
    return client.post(f"/review/reports/{submission_id}/decide", data=data)


def test_the_lecturer_reads_the_report_beside_the_declaration(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode(), tools=TOOLS)
    Auth(client).login_as(people.lecturer)
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert "Nachgespräch empfohlen" in page and "Kalibrierte Wahrscheinlichkeit: 0," in page
    assert re.search(r"Etwa 1 von \d+ eigenständig geschriebenen Arbeiten erreicht diesen Wert", page)
    assert 'href="#passage-1"' in page and 'id="passage-1"' in page and "[Abschnitt 1]" in page
    assert "DeepL Write" in page and "Erklärung zur KI-Nutzung" in page
    assert 'href="/review/model-card"' in page and "Lena Schmidt" in page
    assert "sprachlichen Überarbeitung" in page  # the note on declared language editing
    viewed = db.session.query(AuditEvent).filter_by(action="review.view_report").all()
    assert [(e.actor_id, e.object_id) for e in viewed] == [(people.lecturer.id, str(submission.id))]


def test_no_indication_shows_no_passages(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, PRACTICE.encode())
    Auth(client).login_as(people.lecturer)
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert "Kein Hinweis" in page and "Kalibrierte Wahrscheinlichkeit" not in page and "passage-1" not in page


def test_discussing_attaches_the_passages_as_questions_and_invites(
    client: FlaskClient, people: People
) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(people.lecturer)
    response = decide(client, submission.id, action="discuss", reason="Stil passt nicht zu den Entwürfen.",
                      **{"questions-0-include": "y", "questions-0-passage": "1",
                         "questions-0-text": "Wie sind Sie zu dieser Gliederung gekommen?",
                         "questions-1-include": "", "questions-1-passage": "2", "questions-1-text": "Weg damit",
                         "questions-2-include": "y", "questions-2-passage": "",
                         "questions-2-text": "Welche Quellen haben Sie zuerst gelesen?"}, invite="y")  # fmt: skip
    assert response.status_code == 303
    questions = db.session.query(SuggestedQuestion).filter_by(student_id=people.student.id).all()
    assert [q.text for q in questions] == ["Wie sind Sie zu dieser Gliederung gekommen?",
                                           "Welche Quellen haben Sie zuerst gelesen?"]  # fmt: skip
    text = submission.latest.text or ""
    assert questions[0].passage and questions[0].passage in text and questions[1].passage is None
    assert db.session.query(Invitation).filter_by(student_id=people.student.id).count() == 1
    (decision,) = db.session.query(Decision).all()
    assert decision.action == "discuss" and decision.decided_by_id == people.lecturer.id and decision.invited
    assert db.session.query(AuditEvent).filter_by(action="review.decide").count() == 1
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert "Stil passt nicht zu den Entwürfen." in page and "2 Fragen an die Verteidigung übergeben." in page


def test_a_decision_needs_a_reason_and_a_change_keeps_the_history(
    client: FlaskClient, people: People
) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(people.lecturer)
    decide(client, submission.id, action="no_action", reason="   ")
    assert db.session.query(Decision).count() == 0
    assert "Bitte begründen Sie die Entscheidung." in client.get(report_url(submission.id)).get_data(
        as_text=True
    )
    decide(client, submission.id, action="no_action", reason="Erklärte Sprachüberarbeitung.")
    decide(client, submission.id, action="discuss", reason="Nach Rücksprache doch besprechen.")
    actions = [d.action for d in db.session.query(Decision).order_by(Decision.id)]
    assert actions == ["no_action", "discuss"]
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert page.index("Nach Rücksprache") < page.index("Erklärte Sprachüberarbeitung.")


@pytest.mark.parametrize("who", ["student", "classmate", "other_lecturer", "examiner"])
def test_only_the_assignments_staff_see_a_report(client: FlaskClient, people: People, who: str) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(getattr(people, who))
    assert client.get(report_url(submission.id)).status_code == 404
    assert client.get("/review/reports/999999").status_code == 404
    assert client.post(f"/review/reports/{submission.id}/decide", data={}).status_code in (400, 404)
    assert client.get("/review/assignments/testmodul/2026-27/hausarbeit/").status_code == 404


def test_an_admin_reads_but_does_not_decide(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode())
    Auth(client).login_as(people.admin)
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert "Nachgespräch empfohlen" in page and "Entscheidung speichern" not in page
    token = csrf_token(client, report_url(submission.id))
    response = client.post(f"/review/reports/{submission.id}/decide", data={"csrf_token": token,
                           "action": "no_action", "reason": "x"})  # fmt: skip
    assert response.status_code == 404 and db.session.query(Decision).count() == 0


def test_blind_marking_shows_the_candidate_number(client: FlaskClient, people: People) -> None:
    submission = hand_in(client, people.student, CHATBOT.encode(), page=BLIND_PAGE)
    Auth(client).login_as(people.lecturer)
    page = client.get(report_url(submission.id)).get_data(as_text=True)
    assert submission.candidate_number in page and "Lena Schmidt" not in page
    assert "keine mündliche Verteidigung" in page  # the blind assignment has no defence window


def test_the_table_column_is_sortable_and_the_overview_counts(client: FlaskClient, people: People) -> None:
    hand_in(client, people.student, PRACTICE.encode())
    hand_in(client, people.classmate, CHATBOT.encode())
    Auth(client).login_as(people.lecturer)
    table = client.get(TABLE + "?sort=signal&order=desc").get_data(as_text=True)
    assert table.index("Nachgespräch empfohlen") < table.index("kein Hinweis")
    assert table.index("Yusuf Demir") < table.index("Lena Schmidt")
    overview = client.get("/review/assignments/testmodul/2026-27/hausarbeit/").get_data(as_text=True)
    assert "<svg" in overview and "<table" in overview and "Histogramm der Werte von 2 Arbeiten" in overview
    assert re.search(r'stat-value">1</span> Nachgespräch empfohlen', overview)
    assert re.search(r'stat-value">1</span> Kein Hinweis', overview)
