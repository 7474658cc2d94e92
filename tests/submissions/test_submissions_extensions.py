"""Extensions: requested by the student, granted or refused by a responsible lecturer, both told."""

from __future__ import annotations

from datetime import datetime

import submission_files as files
from course import PATH, People
from flask.testing import FlaskClient
from handin import sign_in_again, upload, versions

from assignments.submissions.models import GRANTED, Extension
from campus.audit import AuditEvent
from campus.extensions import db
from support import Auth, csrf_token, post_form


def request(
    client: FlaskClient, reason: str = "nachteilsausgleich", note: str = "Bescheid liegt vor"
) -> None:
    token = csrf_token(client, PATH)
    client.post(PATH + "extension", data={"csrf_token": token, "reason": reason, "note": note})


def test_a_granted_extension_moves_the_students_deadline(
    client: FlaskClient, auth: Auth, people: People, open_clock, outbox
) -> None:
    auth.login_as(people.student)
    request(client)
    extension = db.session.query(Extension).one()
    assert outbox.to(people.lecturer.email), "the lecturer is told of the request"
    auth.logout()
    auth.login_as(people.lecturer)
    url = f"/submissions/extensions/{extension.id}"
    post_form(client, url, {"decision": "grant", "due": "2027-03-01T23:59", "cutoff": "2027-03-03T23:59",
                            "office_confirmed": "yes", "note": "Gute Besserung"})  # fmt: skip
    db.session.refresh(extension)
    assert extension.state == GRANTED and extension.office_confirmed is True
    assert outbox.to(people.student.email), "the student is told of the decision"
    assert {"extension.request", "extension.decide"} <= {e.action for e in db.session.query(AuditEvent)}
    open_clock.set(datetime(2027, 2, 25, 12, 0))  # after everybody else's cut-off
    sign_in_again(client, people.student)
    assert upload(client, PATH, files.pdf()).status_code == 303
    (version,) = versions()
    assert not version.late  # before the student's own due date
    sign_in_again(client, people.classmate)
    assert upload(client, PATH, files.pdf([files.PAPER])).status_code == 409


def test_a_refused_extension_changes_nothing(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    request(client, "illness", "krank")
    extension = db.session.query(Extension).one()
    auth.logout()
    auth.login_as(people.lecturer)
    post_form(
        client, f"/submissions/extensions/{extension.id}", {"decision": "refuse", "office_confirmed": "no"}
    )
    db.session.refresh(extension)
    assert extension.state == "refused" and extension.due is None


def test_a_grant_needs_dates_and_only_responsible_lecturers_decide(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    request(client)
    extension = db.session.query(Extension).one()
    auth.logout()
    auth.login_as(people.lecturer)
    url = f"/submissions/extensions/{extension.id}"
    page = post_form(client, url, {"decision": "grant", "due": "", "cutoff": "", "office_confirmed": "yes"})
    assert page.status_code == 200 and "neuen Abgabetermin" in page.get_data(as_text=True)
    db.session.refresh(extension)
    assert extension.state == "requested"
    auth.logout()
    auth.login_as(people.admin)
    assert client.get(url).status_code == 200
    post_form(client, url, {"decision": "grant", "due": "2027-03-01T23:59", "cutoff": "2027-03-03T23:59",
                            "office_confirmed": "yes"})  # fmt: skip
    db.session.refresh(extension)
    assert extension.state == "requested"  # administrators look, lecturers decide
