"""Handing in through the web: upload with declarations, receipt, versions, deadlines, final submission."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import submission_files as files
from course import PATH, People
from flask.testing import FlaskClient
from handin import finalise, only_submission, sign_in_again, upload, versions

from assignments.submissions.models import EXTRACTED, FINAL, NO_TEXT
from campus import storage
from campus.extensions import db
from support import Auth


def test_a_pdf_upload_is_stored_and_gets_a_receipt(
    client: FlaskClient, auth: Auth, people: People, open_clock, outbox
) -> None:
    auth.login_as(people.student)
    data = files.pdf([files.PAPER * 3])
    response = upload(client, PATH, data)
    assert response.status_code == 303
    (version,) = versions()
    assert response.headers["Location"] == f"/submissions/versions/{version.id}/receipt"
    digest = hashlib.sha256(data).hexdigest()
    assert version.sha256 == digest and version.number == 1 and not version.late
    with storage.open_file(digest) as stream:
        assert stream.read() == data
    assert (
        version.extraction == EXTRACTED and version.words and version.words > 100 and version.language == "de"
    )
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert digest in receipt and "Hausarbeit.pdf" in receipt
    assert "bestätigt: „Ich versichere, dass ich diese Arbeit" in receipt  # German quotation marks
    (mail,) = outbox.to(people.student.email)
    assert digest in outbox.text(mail) and "Quittung" in mail["Subject"]
    assert "\n„Ich versichere, dass ich diese Arbeit" in outbox.text(mail)


def test_the_receipt_can_be_downloaded_again(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.docx_file(), "Arbeit.docx")
    (version,) = versions()
    text = client.get(f"/submissions/versions/{version.id}/receipt.txt")
    assert text.status_code == 200 and "attachment" in text.headers["Content-Disposition"]
    assert version.sha256 in text.get_data(as_text=True)


def test_declarations_are_required_and_stored_as_given(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    missing = upload(client, PATH, files.pdf(), independence=False)
    assert missing.status_code == 422 and versions() == []
    neither = upload(client, PATH, files.pdf(), no_ai=False)
    assert (
        neither.status_code == 422 and "KI-Werkzeuge" in neither.get_data(as_text=True) and versions() == []
    )
    tools = [{"tool": "DeepL Write", "purposes": ["language"], "where": "Kapitel 2"}]
    assert upload(client, PATH, files.pdf(), no_ai=False, tools=tools).status_code == 303
    (version,) = versions()
    assert version.declaration["independence"]["confirmed"] is True
    assert version.declaration["ai"]["tools"] == [
        {"tool": "DeepL Write", "purposes": ["language"], "where": "Kapitel 2"}
    ]


def test_new_versions_until_the_due_date_then_late_then_closed(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf([files.PAPER]))
    open_clock.set(datetime(2027, 2, 15, 23, 59))
    sign_in_again(client, people.student)  # the session has long expired meanwhile
    upload(client, PATH, files.pdf([files.PAPER * 2]))
    open_clock.set(datetime(2027, 2, 16, 0, 1))
    upload(client, PATH, files.pdf([files.PAPER * 3]))
    assert [(v.number, v.late) for v in versions()] == [(1, False), (2, False), (3, True)]
    open_clock.set(datetime(2027, 2, 23, 0, 0))
    sign_in_again(client, people.student)
    closed = upload(client, PATH, files.pdf([files.PAPER * 4]))
    assert closed.status_code == 409 and "Abgabeschluss" in closed.get_data(as_text=True)
    assert len(versions()) == 3


def test_a_bad_file_is_refused_and_earlier_versions_stay(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    (first,) = versions()
    for data, name in [(files.PAPER.encode(), "Hausarbeit.pdf"), (files.macro_docx(), "Hausarbeit.docx"),
                       (b"", "leer.pdf"), (files.encrypted_pdf("x"), "geschuetzt.pdf")]:  # fmt: skip
        response = upload(client, PATH, data, name)
        assert response.status_code == 422
        assert "card-error" in response.get_data(as_text=True)
    assert versions() == [first]
    assert storage.sweep().orphans == []  # a refused file leaves nothing on disk


def test_a_scan_is_kept_with_the_notice(client: FlaskClient, auth: Auth, people: People, open_clock) -> None:
    auth.login_as(people.student)
    response = upload(client, PATH, files.pdf(image_only=True))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "kein Text" in page
    (version,) = versions()
    assert version.extraction == NO_TEXT


def test_finalising_is_idempotent_and_emits_the_event_once(
    client: FlaskClient, auth: Auth, people: People, open_clock, app
) -> None:
    from campus import events

    received = []
    events.subscribe(app, events.submission_finalised, lambda _app, **payload: received.append(payload))
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    submission = only_submission()
    first, second = finalise(client, PATH, submission.id), finalise(client, PATH, submission.id)
    assert first.status_code == second.status_code == 303
    db.session.refresh(submission)
    assert submission.state == FINAL and received == [
        {"submission_id": submission.id, "user_id": people.student.id}
    ]
    after = upload(client, PATH, files.pdf([files.PAPER]))
    assert after.status_code == 409 and len(versions()) == 1


def test_the_same_file_twice_is_one_version(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    data = files.pdf()
    upload(client, PATH, data)
    upload(client, PATH, data)
    assert len(versions()) == 1


def test_an_upload_over_the_limit_is_refused_with_413(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    big = files.pdf() + b"%" + b"x" * (3 * 1024 * 1024) + b"\n%%EOF\n"
    response = upload(client, PATH, big, json=True)
    assert response.status_code == 413 and "2 MB" in response.get_json()["error"]
    assert versions() == []


def test_students_not_enrolled_see_nothing(
    client: FlaskClient, auth: Auth, make_user, people: People, open_clock
) -> None:
    outsider = make_user(email="aussen@test.example")
    auth.login_as(outsider)
    assert client.get(PATH).status_code == 404
    assert client.get("/submissions/anderes-modul/2026-27/hausarbeit/").status_code == 404


def test_my_submissions_lists_the_assignments_with_deadlines(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    page = client.get("/submissions/").get_data(as_text=True)
    assert "Hausarbeit" in page and "15.02.2027" in page and "Blind bewertete Arbeit" in page


def test_my_submissions_puts_open_assignments_before_closed_ones(
    app, client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    toml = Path(app.config["MODULES_DIR"]) / "testmodul" / "2026-27" / "edition.toml"
    head, sep, blind = toml.read_text().rpartition("[[assignments]]")
    blind = blind.replace("due = 2027-02-15T23:59:00", "due = 2026-11-01T23:59:00")
    toml.write_text(
        head + sep + blind.replace("cutoff = 2027-02-22T23:59:00", "cutoff = 2026-11-08T23:59:00")
    )
    auth.login_as(people.student)
    page = client.get("/submissions/").get_data(as_text=True)
    # Blind is due earlier but closed: the open Hausarbeit comes first.
    assert page.index("Hausarbeit</a>") < page.index("Blind bewertete Arbeit</a>")


def test_the_brief_is_folded_once_a_version_is_there(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    assert '<details class="brief-details" open>' in client.get(PATH).get_data(as_text=True)
    upload(client, PATH, files.pdf())
    page = client.get(PATH).get_data(as_text=True)
    assert '<details class="brief-details" >' in page and "Schreiben Sie eine" in page
