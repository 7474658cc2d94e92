"""A module for the review tests: one edition (2026-27) whose term paper has an oral defence by
invitation, and one blind-marked paper without a defence. Helpers to hand papers in as students do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask.testing import FlaskClient
from submissions.handin import finalise, upload

from assignments.submissions.models import Submission
from campus.accounts.models import User
from campus.extensions import db
from support import Auth

PAGE = "/submissions/testmodul/2026-27/hausarbeit/"
BLIND_PAGE = "/submissions/testmodul/2026-27/blind/"

MODULE_TOML = """\
current_edition = "2026-27"
ects = 5
semester = 1
lecturers = ["dozentin@test.example"]

[title]
de = "Testmodul"

[summary]
de = "Ein Modul für die Tests."

[learning_outcomes]
de = ["Die Studierenden schreiben Hausarbeiten."]
"""

EDITION_TOML = """\
label = "Wintersemester 2026/27"
status = "published"
term_start = 2026-10-01
term_end = 2027-03-31

[[sessions]]
starts = 2026-10-13T10:00:00
minutes = 90
title = "Einführung"

[[assignments]]
id = "hausarbeit"
title = "Hausarbeit"
brief = "briefs/hausarbeit.md"
opens = 2026-10-01T00:00:00
due = 2027-02-15T23:59:00
cutoff = 2027-02-22T23:59:00
formats = ["pdf", "docx", "odt", "txt"]
words = [100, 8000]
ai_policy = "declared"
[assignments.defence]
required = false
who = "invited"
window_start = 2027-03-01
window_end = 2027-03-12
minutes = 30
booking_opens = 2026-11-01T00:00:00
examiners = ["pruefer@test.example", "dozentin@test.example"]

[[assignments]]
id = "blind"
title = "Blind bewertete Arbeit"
brief = "briefs/hausarbeit.md"
opens = 2026-10-01T00:00:00
due = 2027-02-15T23:59:00
cutoff = 2027-02-22T23:59:00
formats = ["pdf", "docx", "odt", "txt"]
words = [100, 8000]
blind = true
"""


def write_module(root: Path) -> None:
    """Write the test module under ``root``."""
    edition = root / "testmodul" / "2026-27"
    (edition / "briefs").mkdir(parents=True)
    (root / "testmodul" / "module.toml").write_text(MODULE_TOML, "utf-8")
    (edition / "edition.toml").write_text(EDITION_TOML, "utf-8")
    (edition / "01-einfuehrung.md").write_text("# Einführung\n\nText.\n", "utf-8")
    (edition / "briefs" / "hausarbeit.md").write_text("# Aufgabe\n\nSchreiben Sie.\n", "utf-8")


@dataclass
class People:
    """Who acts in the review tests."""

    student: User
    classmate: User
    lecturer: User
    examiner: User
    other_lecturer: User
    admin: User


def hand_in(client: FlaskClient, student: User, data: bytes, name: str = "Hausarbeit.txt", page: str = PAGE,
            tools: list[dict[str, str]] | None = None) -> Submission:  # fmt: skip
    """Sign in as ``student``, upload ``data`` and hand it in finally; returns the submission."""
    Auth(client).login_as(student)
    response = upload(client, page, data, name, no_ai=not tools, tools=tools)
    assert response.status_code in (200, 302, 303), response.get_data(as_text=True)[:500]
    submission = (
        db.session.query(Submission).filter_by(user_id=student.id).order_by(Submission.id.desc()).first()
    )
    assert submission is not None
    assert finalise(client, page, submission.id).status_code in (302, 303)
    Auth(client).logout()
    db.session.expire_all()
    return submission
