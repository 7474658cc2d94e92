"""Moving a defence: the student rebooks, or the lecturer reassigns time and panel by hand.

The same defence row moves, so its calendar entry is updated (same UID, SEQUENCE + 1) and its claims
are taken anew; when the new time is taken, the unit of work rolls back and nothing changes.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from campus.accounts.models import User
from campus.extensions import db

from .. import glue, notify
from ..models import Defence
from .booking import active_defence, check_notice, check_student, claim, release
from .errors import DefenceError
from .slots import Calendar
from .times import local_day, minute
from .windows import Window


def rebook(win: Window, student: User, start: int, now: datetime | None = None) -> Defence:
    """Move the student's defence to ``start``. The same defence moves (its calendar entry is updated,
    SEQUENCE + 1); if the new time is taken, nothing changes."""
    now = now or glue.now()
    check_student(win, student, start, now)
    defence = active_defence(win, student.id)
    if defence is None or defence.status != "booked":
        raise DefenceError(_("You have no booked defence to move."))
    check_notice(win, defence, now)
    length = minute(defence.ends_at) - minute(defence.starts_at)
    before = defence.starts_at.isoformat()
    release(defence)
    defence.seats = []
    db.session.flush()  # the old time is free for the new one
    cal = Calendar(win)
    panel = cal.panel_at(start, length)
    if panel is None:
        raise DefenceError(_("This time is no longer free. Please choose another."))
    claim(win, cal, defence, start, length, panel)
    defence.sequence += 1
    defence.reminded_at = None
    glue.log(student, "defence.move", defence, {"from": before, "to": defence.starts_at.isoformat()})
    notify.changed(win, defence)
    return defence


def reassign(win: Window, defence: Defence, start: int, panel: tuple[int, ...], actor: User) -> None:
    """Move a defence to another time and/or panel by hand, keeping every rule (the lecturer's grid)."""
    if not defence.is_active:
        raise DefenceError(_("This defence is not booked."))
    if len(set(panel)) != win.spec.panel or len(panel) != win.spec.panel:
        raise DefenceError(_("A panel needs %(n)d different examiners.", n=win.spec.panel))
    length = minute(defence.ends_at) - minute(defence.starts_at)
    release(defence)
    defence.seats = []
    db.session.flush()
    cal = Calendar(win)
    if start % 5 or local_day(start) not in win.spec.days:
        raise DefenceError(_("Please choose a time on a day of the window, on a 5-minute mark."))
    names = {e.id: e.name for e in cal.examiners}
    for examiner_id in panel:
        if examiner_id not in names:
            raise DefenceError(_("Only examiners of this window can sit on its panels."))
        if not cal.free(examiner_id, start, length):
            raise DefenceError(_("%(name)s is not free at that time (availability, another defence, the "
                                 "buffer or the daily maximum).", name=names[examiner_id]))  # fmt: skip
    before = defence.starts_at.isoformat()
    claim(win, cal, defence, start, length, panel)
    defence.sequence += 1
    defence.reminded_at = None
    notify.changed(win, defence)
    glue.log(
        actor,
        "defence.reassign",
        defence,
        {"from": before, "to": defence.starts_at.isoformat(), "panel": list(panel)},
    )
