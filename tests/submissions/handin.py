"""Helpers that act as a student's browser would: upload a file with declarations, hand in finally."""

from __future__ import annotations

import io
from typing import Any

from flask.testing import FlaskClient
from support import csrf_token

from assignments.submissions.models import Submission, Version
from campus.extensions import db


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
    return client.post(page + "upload", data=form, content_type="multipart/form-data", headers=headers)


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
