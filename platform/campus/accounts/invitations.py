"""Invitations: a new or imported account gets a mail with a link to choose its password.

Nothing is hashed while the administrator waits: an invited account has no password until its owner
sets one, so importing 2,000 accounts takes as long as 2,000 inserts. The mails go out in one job.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app

from campus import jobs, mail
from campus.accounts import tokens
from campus.accounts.models import User
from campus.accounts.tokens import Purpose
from campus.extensions import db


@dataclass(frozen=True)
class Invitation:
    """An invitation just issued, with its link (shown on screen when no mail server is configured)."""

    user: User
    link: str


def lifetime() -> timedelta:
    """How long an invitation link works (``INVITATION_DAYS``)."""
    return timedelta(days=int(current_app.config["INVITATION_DAYS"]))


def invite(users: Iterable[User], invited_by: User | None) -> list[Invitation]:
    """Issue a link for each account and queue one job that mails them all. The caller commits."""
    people = list(users)
    issued = [
        Invitation(user, mail.external_url("accounts.accept_invitation", token=token))
        for user, token in zip(
            people, tokens.issue_many(people, Purpose.INVITATION, lifetime(), invited_by), strict=True
        )
    ]
    if issued:
        send_invitations.enqueue([[invitation.user.id, invitation.link] for invitation in issued])
    return issued


@jobs.task()
def send_invitations(invitations: list[list[int | str]]) -> None:
    """Mail each ``[user_id, link]`` pair its invitation, in the person's language."""
    days = int(current_app.config["INVITATION_DAYS"])
    for user_id, link in invitations:
        user = db.session.get(User, user_id)
        if user is not None and user.active:
            mail.send(user, "accounts/invitation", link=link, days=days)
