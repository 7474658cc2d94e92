"""Dashboard panels: a student's submissions, a marker's assignments."""

from __future__ import annotations

from typing import Any

from campus import clock
from campus.accounts.models import User

from .permissions import staff_assignments
from .service.assignments import deadline_for, for_student, phase_now
from .service.hand_in import submission_of
from .service.marking import final_submissions, releasable


def student_submissions(user: User) -> dict[str, Any]:
    """The assignments still to hand in (or handed in), soonest first."""
    items = []
    for assignment in for_student(user):
        deadline = deadline_for(assignment, user)
        if deadline.cutoff < clock.now() and submission_of(assignment, user) is None:
            continue
        items.append((assignment, submission_of(assignment, user), deadline, phase_now(assignment, user)))
    return {"rows": items[:5]}


def marker_assignments(user: User) -> dict[str, Any]:
    """The assignments to mark, with how many papers are final and how many are marked."""
    items = []
    for assignment in staff_assignments(user)[:6]:
        finals = final_submissions(assignment)
        items.append((assignment, len(finals), sum(releasable(s.marking) for s in finals)))
    return {"rows": items}
