"""Dashboard panels of course modules.

Students: their modules (enrolled editions until the term ends), their next sessions and deadlines.
Lecturers: the modules naming them, and the deadlines in those modules. Everything a student's
panels show follows the enrolment rule of `enrolments`.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, g

from campus import clock
from campus.accounts.models import User

from .content.manifest import Edition, Module
from .content.salvage import salvage_module
from .current import catalogue
from .deadlines import next_sessions, upcoming_deadlines
from .enrolments import enrolled_editions, my_modules


def _enrolled(user: User) -> list[tuple[Module, Edition]]:
    # Every student panel needs these; look them up once per request.
    if "campus_enrolled" not in g:
        g.campus_enrolled = enrolled_editions(user)
    return g.campus_enrolled


def student_modules(user: User) -> dict[str, Any]:
    """ "My modules": enrolled editions whose term has not ended; the ended ones separately."""
    running, ended = my_modules(user, clock.today())
    return {"items": running, "ended": ended}


def student_sessions(user: User) -> dict[str, Any]:
    """ "My next sessions": date, time and room of the next sessions of the enrolled editions."""
    return {"sessions": next_sessions(_enrolled(user))}


def student_deadlines(user: User) -> dict[str, Any]:
    """ "My deadlines": due dates and cut-offs still ahead in the enrolled editions."""
    return {"deadlines": upcoming_deadlines(_enrolled(user))}


def _own_modules(user: User) -> list[Module]:
    if "campus_own_modules" not in g:
        found = [m for m in catalogue(current_app).modules.values() if m.is_lecturer(user.email)]
        g.campus_own_modules = sorted(found, key=lambda m: (m.semester, m.id))
    return g.campus_own_modules


def lecturer_modules(user: User) -> dict[str, Any]:
    """ "My modules" of a lecturer: the modules naming them responsible, with current and draft editions,
    and their broken modules (hidden from students) with a way to the editing pages to repair them."""
    items = [
        (m, m.current, [e for e in m.editions.values() if not e.is_published]) for m in _own_modules(user)
    ]
    cat = catalogue(current_app)
    salvaged = (salvage_module(cat.root, module_id) for module_id in sorted(cat.broken))
    broken = [(m, len(cat.broken[m.id])) for m in salvaged if m is not None and m.is_lecturer(user.email)]
    return {"items": items, "broken": broken}


def lecturer_deadlines(user: User) -> dict[str, Any]:
    """Deadlines still ahead in the published editions of the lecturer's modules."""
    editions = [(m, e) for m in _own_modules(user) for e in m.editions.values() if e.is_published]
    return {"deadlines": upcoming_deadlines(editions), "lecturer": True}
