"""Who may see or do what. Anything a person may not see answers 404, so existence never leaks.

Students see only their own defences; examiners the defences on their panels and the windows they
serve; a window's responsible lecturers (and admins) everything of that window.
"""

from __future__ import annotations

from flask import abort

from campus.accounts.models import User
from campus.extensions import db

from .models import Defence
from .service.windows import Window, by_key, may_defend, window


def window_or_404(module_id: str, edition_id: str, assignment_id: str) -> Window:
    """The window, or 404."""
    found = window(module_id, edition_id, assignment_id)
    if found is None:
        abort(404)
    return found


def student_window(user: User, module_id: str, edition_id: str, assignment_id: str) -> Window:
    """A window the student must or may book in, else 404."""
    found = window_or_404(module_id, edition_id, assignment_id)
    if not may_defend(found, user):
        abort(404)
    return found


def served_window(user: User, module_id: str, edition_id: str, assignment_id: str) -> Window:
    """A window the user serves on as an examiner, else 404."""
    found = window_or_404(module_id, edition_id, assignment_id)
    if not found.serves(user):
        abort(404)
    return found


def run_window(user: User, module_id: str, edition_id: str, assignment_id: str) -> Window:
    """A window the user is responsible for, else 404."""
    found = window_or_404(module_id, edition_id, assignment_id)
    if not found.is_responsible(user):
        abort(404)
    return found


def on_panel(user: User, defence: Defence) -> bool:
    """Whether the user sits on the defence's panel."""
    return any(seat.examiner_id == user.id for seat in defence.seats)


def visible_defence(user: User, defence_id: int, *, staff_only: bool = False) -> tuple[Window, Defence]:
    """A defence the user may see (its student, its panel, the window's responsible people), else 404."""
    defence = db.session.get(Defence, defence_id)
    win = by_key(defence.window_key) if defence else None
    if defence is None or win is None:
        abort(404)
    own = defence.student_id == user.id and not staff_only
    if not (own or on_panel(user, defence) or win.is_responsible(user)):
        abort(404)
    return win, defence


def panel_defence(user: User, defence_id: int) -> tuple[Window, Defence]:
    """A defence on the user's panel, or one of a window they run; never the student's own view."""
    return visible_defence(user, defence_id, staff_only=True)
