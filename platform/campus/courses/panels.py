"""Dashboard panels of course modules: a student's modules and deadlines, a lecturer's modules."""

from __future__ import annotations

from typing import Any

from flask import current_app, g

from campus.accounts.models import User

from .content.manifest import Edition, Module
from .current import catalogue
from .deadlines import upcoming_deadlines
from .enrolments import enrolled_current


def _enrolled(user: User) -> list[tuple[Module, Edition]]:
    # Both student panels need these; look them up once per request.
    if "campus_enrolled" not in g:
        g.campus_enrolled = enrolled_current(user, catalogue(current_app).modules.values())
    return g.campus_enrolled


def student_modules(user: User) -> dict[str, Any]:
    """ "My modules": the enrolled current editions."""
    return {"items": _enrolled(user)}


def student_deadlines(user: User) -> dict[str, Any]:
    """ "My deadlines": due dates and cut-offs still ahead in the enrolled current editions."""
    return {"deadlines": upcoming_deadlines(_enrolled(user))}


def lecturer_modules(user: User) -> dict[str, Any]:
    """ "My modules" of a lecturer: the modules naming them responsible, with current and draft editions."""
    modules = [m for m in catalogue(current_app).modules.values() if m.is_lecturer(user.email)]
    modules.sort(key=lambda m: (m.semester, m.id))
    items = [(m, m.current, [e for e in m.editions.values() if not e.is_published]) for m in modules]
    return {"items": items}
