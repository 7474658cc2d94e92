"""Upcoming assignment deadlines (due dates and cut-offs) of module editions, counted in Berlin time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from campus import clock

from .content.manifest import AssignmentSpec, Edition, Module


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
    """Due dates and cut-offs still ahead of `now`, soonest first; days are counted in Berlin time."""
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
