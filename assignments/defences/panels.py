"""Dashboard panels: the student's defences, the examiner's next defences, the lecturer's windows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from campus.accounts.models import User
from campus.extensions import db

from . import glue
from .models import ACTIVE, Defence, PanelSeat
from .service.booking import active_defence
from .service.windows import run_by, windows_of_student


def student_panel(user: User) -> dict[str, Any]:
    """Each window the student must defend in, with their defence if booked."""
    return {"items": [(w, active_defence(w, user.id)) for w in windows_of_student(user)]}


def examiner_panel(user: User) -> dict[str, Any]:
    """The examiner's next five defences."""
    query = (
        select(Defence).join(PanelSeat)
        .where(PanelSeat.examiner_id == user.id, Defence.status.in_(ACTIVE), Defence.starts_at >= glue.now())
        .order_by(Defence.starts_at).limit(5)
    )  # fmt: skip
    return {"defences": list(db.session.scalars(query))}


def lecturer_panel(user: User) -> dict[str, Any]:
    """The windows the lecturer runs, with how many are booked."""
    items = []
    for win in run_by(user):
        query = select(Defence.id).where(Defence.window_key == win.key, Defence.status.in_(ACTIVE))
        items.append((win, len(list(db.session.scalars(query)))))
    return {"items": items}
