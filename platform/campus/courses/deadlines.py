"""What is coming up in module editions: assignment deadlines (due dates and cut-offs) and sessions.

Days are counted in the local time zone (`campus.clock`); the dashboard panels pass the editions a
person is enrolled in or responsible for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from campus import clock

from .content.manifest import AssignmentSpec, Edition, Module, Session


@dataclass(frozen=True)
class Deadline:
    """One upcoming moment of an assignment: its due date or its cut-off for late submissions."""

    module: Module
    edition: Edition
    assignment: AssignmentSpec
    kind: str  # "due" or "cutoff"
    at: datetime
    days_left: int


def upcoming_deadlines(
    editions: Iterable[tuple[Module, Edition]], now: datetime | None = None
) -> list[Deadline]:
    """Due dates and cut-offs still ahead of `now`, soonest first; days are counted in local time."""
    now = now or clock.now()
    today = clock.to_local(now).date()
    found = []
    for module, edition in editions:
        for assignment in edition.assignments:
            moments = [("due", assignment.due)]
            if assignment.cutoff != assignment.due:  # no period of grace: one entry, not two
                moments.append(("cutoff", assignment.cutoff))
            for kind, at in moments:
                if at > now:
                    days = (clock.to_local(at).date() - today).days
                    found.append(Deadline(module, edition, assignment, kind, at, days))
    return sorted(found, key=lambda d: (d.at, d.module.id, d.kind))


@dataclass(frozen=True)
class NextSession:
    """A session that has not ended yet, with its module and edition."""

    module: Module
    edition: Edition
    session: Session


def next_sessions(
    editions: Iterable[tuple[Module, Edition]], now: datetime | None = None, limit: int = 5
) -> list[NextSession]:
    """The `limit` sessions that have not ended by `now` (one running now included), soonest first."""
    now = now or clock.now()
    found = [
        NextSession(module, edition, session)
        for module, edition in editions
        for session in edition.sessions
        if session.ends > now
    ]
    return sorted(found, key=lambda n: (n.session.starts, n.module.id))[:limit]
