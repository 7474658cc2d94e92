"""Helpers that act as a student's browser would: upload a file with declarations, hand in finally."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from assignments.submissions.models import Submission, Version
from campus.extensions import db
from support import Auth, csrf_token


def upload(
    client: FlaskClient, page: str, data: bytes, name: str = "Hausarbeit.pdf", *, no_ai: bool = True,
    independence: bool = True, tools: list[dict[str, Any]] | None = None, json: bool = False,
) -> Any:  # fmt: skip
    """POST the upload form of the assignment at ``page`` (its URL) as the browser would."""
    form: dict[str, Any] = {"csrf_token": csrf_token(client, page), "file": (io.BytesIO(data), name)}
    if independence:
        form["independence"] = "y"
    if no_ai:
        form["no_ai"] = "y"
    for number, row in enumerate(tools or []):
        form[f"tools-{number}-tool"] = row["tool"]
        form[f"tools-{number}-purposes"] = row["purposes"]
        form[f"tools-{number}-where"] = row["where"]
    headers = {"Accept": "application/json"} if json else {}
    # Encoded here, in memory: the test client would spool a large body to a temporary file that it
    # never closes when the server answers without reading it (a 413).
    boundary, body = encode_multipart(MultiDict(list(_fields(form))))
    return client.post(
        page + "upload", data=body, content_type=f"multipart/form-data; boundary={boundary}", headers=headers
    )


def _fields(form: dict[str, Any]) -> Any:
    for key, value in form.items():
        if key == "file":
            stream, name = value
            yield key, FileStorage(stream, filename=name, content_type="application/octet-stream")
        elif isinstance(value, list):
            yield from ((key, item) for item in value)
        else:
            yield key, value


def finalise(client: FlaskClient, page: str, submission_id: int) -> Any:
    """Tick the confirmation and press "Endgültig abgeben"."""
    token = csrf_token(client, page)
    return client.post(f"/submissions/{submission_id}/finalise", data={"csrf_token": token, "confirm": "y"})


def only_submission() -> Submission:
    """The one submission in the database."""
    (submission,) = db.session.query(Submission).all()
    return submission


def versions() -> list[Version]:
    """Every version, oldest first."""
    return db.session.query(Version).order_by(Version.id).all()


def sign_in_again(client: FlaskClient, user: Any) -> None:
    """A fresh sign-in (after the frozen clock jumped past the idle timeout)."""
    client.delete_cookie("campus_session")
    Auth(client).login_as(user)
