"""Background work and bookkeeping: reminders 24 h before the due date (once), retention dates, the
guard that keeps an assignment with submissions in edition.toml, and the demo data."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import submission_files as files
from course import PATH, People
from flask import Flask
from flask.testing import FlaskClient
from handin import only_submission, upload

from assignments.submissions.jobs import send_reminders
from assignments.submissions.service.assignments import assignments_with_submissions
from campus.courses.content.checks import check_edition_file
from campus.courses.guards import assignments_in_use
from campus.extensions import db
from support import Auth


def run(job) -> None:  # type: ignore[no-untyped-def]
    """Run a periodic job as the consumer would: its unit of work commits, then its mails leave."""
    job.run_now()
    db.session.commit()


def test_a_draft_gets_one_reminder_a_day_before_the_due_date(
    client: FlaskClient, auth: Auth, people: People, open_clock, outbox
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    before = len(outbox.to(people.student.email))
    open_clock.set(datetime(2027, 2, 14, 22, 0))  # 26 hours before: too early
    run(send_reminders)
    assert len(outbox.to(people.student.email)) == before
    open_clock.set(datetime(2027, 2, 15, 0, 30))  # 23.5 hours before
    run(send_reminders)
    run(send_reminders)
    reminders = outbox.to(people.student.email)[before:]
    assert len(reminders) == 1 and "24 Stunden" in reminders[0]["Subject"]
    assert outbox.to(people.classmate.email) == []  # nothing uploaded: no draft to remind of


def test_every_submission_records_its_deletion_date(
    client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    assert only_submission().retain_until == date(2032, 3, 31)  # end of term (31 March 2027) + 5 years


def test_an_assignment_with_submissions_cannot_be_removed_or_renamed(
    app: Flask, client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    assert assignments_with_submissions() == {("testmodul", "2026-27", "hausarbeit")}
    edition = Path(app.config["MODULES_DIR"]) / "testmodul" / "2026-27"
    text = (edition / "edition.toml").read_text()
    renamed = text.replace('id = "hausarbeit"', 'id = "hausarbeit-neu"')
    problems = check_edition_file(
        edition, "2026-27", renamed, keep=assignments_in_use("testmodul", "2026-27")
    )
    assert [p.message for p in problems] == [
        'assignment "hausarbeit" has submissions; it cannot be removed or renamed'
    ]
    assert check_edition_file(edition, "2026-27", text, keep={"hausarbeit"}) == []
