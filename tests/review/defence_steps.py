"""A defence held through the defences pages: availability, the student's booking, the protocol
written and signed by both examiners (which records the outcome)."""

from __future__ import annotations

import re
from datetime import time

from flask.testing import FlaskClient

from assignments.defences.models import Defence
from assignments.defences.service import availability
from assignments.defences.service.people import invite
from assignments.defences.service.windows import Window, window
from campus.accounts.models import User
from campus.extensions import db
from support import Auth, post_form

WINDOW = "/defences/testmodul/2026-27/hausarbeit"


def the_window() -> Window:
    found = window("testmodul", "2026-27", "hausarbeit")
    assert found is not None
    return found


def offer(examiners: list[User]) -> None:
    """Both examiners are available on the window's first day, 09:00 to 17:00."""
    win = the_window()
    for examiner in examiners:
        availability.add_range(win, examiner, win.spec.days[0], time(9), time(17))
    db.session.commit()


def book(client: FlaskClient, student: User, lecturer: User) -> Defence:
    """The student (invited if not yet) books the first free time on the window's page."""
    invite(the_window(), student, lecturer)
    db.session.commit()
    Auth(client).login_as(student)
    page = client.get(WINDOW + "/").get_data(as_text=True)
    start = re.search(r'name="start" id="slot-(\d+)"', page)
    assert start, "no free time offered"
    assert (
        post_form(client, WINDOW + "/book", {"start": start.group(1)}, form_url=WINDOW + "/").status_code
        == 302
    )
    Auth(client).logout()
    defence = db.session.query(Defence).filter_by(student_id=student.id).one()
    return defence


def hold(client: FlaskClient, defence: Defence, examiners: list[User], outcome: str) -> None:
    """The first examiner writes the protocol with ``outcome``; both sign it on the protocol page."""
    url = f"/defences/defence/{defence.id}/protocol"
    Auth(client).login_as(examiners[0])
    post_form(client, url, {})  # start the protocol
    form = {"p-started": "09:02", "p-ended": "09:31", "p-panel": [e.id for e in examiners],
            "p-other_questions": "", "p-notes": "Gespräch geführt.", "p-outcome": outcome, "p-grade_effect": ""}  # fmt: skip
    assert post_form(client, url, form).status_code == 302
    Auth(client).logout()
    for examiner in examiners:
        Auth(client).login_as(examiner)
        assert post_form(client, url + "/sign", {}, form_url=url).status_code == 302
        Auth(client).logout()
