"""Object-level access: every route that takes an id answers 404 to everyone who may not see it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import submission_files as files
from course import PATH, People
from flask.testing import FlaskClient
from handin import finalise, only_submission, upload

from assignments.submissions.models import Extension, Marker
from campus.extensions import db
from support import Auth, csrf_token

A = "/submissions/marking/testmodul/2026-27/hausarbeit"


@dataclass
class Ids:
    submission: int
    version: int
    marking: int
    extension: int
    marker: int


@pytest.fixture
def ids(client: FlaskClient, auth: Auth, people: People, open_clock, make_user) -> Ids:
    """Lena's final paper with a marking, her extension request, and an assigned marker."""
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    submission = only_submission()
    finalise(client, PATH, submission.id)
    token = csrf_token(client, PATH)
    client.post(PATH + "extension", data={"csrf_token": token, "reason": "illness", "note": "Grippe"})
    auth.logout()
    auth.login_as(people.lecturer)
    assert client.get(f"/submissions/marking/{submission.id}").status_code == 200  # creates the marking
    auth.logout()
    helper = make_user(email="helfer@test.example")
    marker = Marker(
        module_id="testmodul", edition_id="2026-27", assignment_id="hausarbeit", user_id=helper.id
    )
    db.session.add(marker)
    db.session.commit()
    db.session.refresh(submission)
    assert submission.marking is not None
    extension = db.session.query(Extension).one()
    return Ids(submission.id, submission.latest.id, submission.marking.id, extension.id, marker.id)


GETS = [
    "/submissions/{submission}", "/submissions/{submission}/progress", "/submissions/versions/{version}/receipt",
    "/submissions/versions/{version}/receipt.txt", "/submissions/versions/{version}/file",
    "/submissions/versions/{version}/text", "/submissions/feedback/{marking}", "/submissions/extensions/{extension}",
    "/submissions/marking/{submission}", A + "/", A + "/grades.csv", A + "/papers.zip", A + "/extensions",
]  # fmt: skip
POSTS = [
    "/submissions/{submission}/finalise", "/submissions/extensions/{extension}", "/submissions/marking/{submission}",
    "/submissions/marking/{submission}/second", "/submissions/marking/{submission}/agree", A + "/release",
    A + "/reveal", A + "/markers", A + "/markers/{marker}/remove",
]  # fmt: skip
OUTSIDERS = ["classmate", "other_lecturer", "examiner"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_every_id_route_is_404_for_outsiders(
    client: FlaskClient, auth: Auth, people: People, ids: Ids, who: str
) -> None:
    auth.login_as(getattr(people, who))
    token = csrf_token(client, "/")
    values = vars(ids)
    for url in GETS:
        assert client.get(url.format(**values), buffered=True).status_code == 404, url
    for url in POSTS:
        assert client.post(url.format(**values), data={"csrf_token": token}).status_code == 404, url


def test_the_student_cannot_reach_the_marking_side(
    client: FlaskClient, auth: Auth, people: People, ids: Ids
) -> None:
    auth.login_as(people.student)
    token = csrf_token(client, "/")
    values = vars(ids)
    staff_only = [u for u in GETS if "marking" in u or u.endswith("/text")]
    for url in staff_only:
        assert client.get(url.format(**values), buffered=True).status_code == 404, url
    assert client.get(f"/submissions/feedback/{ids.marking}").status_code == 404  # not released yet
    for url in POSTS[2:]:
        assert client.post(url.format(**values), data={"csrf_token": token}).status_code == 404, url


def test_ids_that_do_not_exist_are_404(client: FlaskClient, auth: Auth, people: People, ids: Ids) -> None:
    auth.login_as(people.lecturer)
    for url in GETS:
        missing = url.format(submission=9999, version=9999, marking=9999, extension=9999, marker=9999)
        if "{" not in url:
            continue
        assert client.get(missing).status_code == 404, missing


def test_owner_marker_and_admin_see_what_they_may(
    client: FlaskClient, auth: Auth, people: People, ids: Ids
) -> None:
    auth.login_as(people.student)
    assert client.get(f"/submissions/{ids.submission}").status_code == 200
    assert client.get(f"/submissions/versions/{ids.version}/file", buffered=True).status_code == 200
    auth.logout()
    auth.login_as(people.lecturer)
    assert client.get(f"/submissions/marking/{ids.submission}").status_code == 200
    assert client.get(A + "/").status_code == 200
    auth.logout()
    auth.login_as(people.admin)
    assert client.get(f"/submissions/marking/{ids.submission}").status_code == 200
    assert client.post(A + "/release", data={"csrf_token": csrf_token(client, "/")}).status_code == 404
