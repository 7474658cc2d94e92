"""The student's pages: my defences, booking, moving, cancelling, the waitlist and offers."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import glue
from ..forms import ActionForm, SlotForm
from ..models import Defence
from ..permissions import student_window
from ..service import booking, moves, waitlist
from ..service.slots import Calendar
from ..service.times import local, minute
from ..service.windows import duration, run_by, served_by, windows_of_student
from .common import attempt, require_action, window_url


@login_required
def index() -> str:
    """Every window of the person: to book in, to serve on, to run."""
    mine = [(w, booking.active_defence(w, current_user.id)) for w in windows_of_student(current_user)]
    return render_template(
        "defences/index.html", mine=mine, served=served_by(current_user), run=run_by(current_user)
    )


def _day_groups(slots):
    groups: dict[object, list[object]] = {}
    for slot in slots:
        groups.setdefault(local(slot.start).date(), []).append(slot)
    return list(groups.items())


@login_required
def window(module_id: str, edition_id: str, assignment_id: str) -> str:
    """The student's page of one window: their defence, or the free times, or the waitlist."""
    win = student_window(current_user, module_id, edition_id, assignment_id)
    waitlist.expire_offers()
    db.session.commit()
    now = glue.now()
    mine = booking.active_defence(win, current_user.id)
    entry = waitlist.entry_of(win, current_user.id)
    cancelled = None if mine else booking.cancelled_by_staff(win, current_user.id)
    slots = Calendar(win).slots(duration(win, current_user.id), minute(now)) if win.booking_open(now) else []
    form = SlotForm()
    form.start.choices = [(s.start, local(s.start).strftime("%H:%M")) for s in slots]
    return render_template(
        "defences/book.html", win=win, mine=mine, entry=entry, cancelled=cancelled, groups=_day_groups(slots), form=form,
        action=ActionForm(), now=now, is_open=win.booking_open(now),
        position=waitlist.position(win, entry) if entry and entry.status == "waiting" else 0,
        movable=mine is not None and mine.status == "booked" and glue.aware(mine.starts_at) - win.notice >= now,
    )  # fmt: skip


def _start(win) -> int:
    form = SlotForm()
    form.start.choices = [(int(request.form.get("start", "0") or 0), "")]
    if not form.validate_on_submit() or form.start.data is None:
        abort(400)
    return int(form.start.data)


@login_required
def book(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Book the chosen time."""
    win = student_window(current_user, module_id, edition_id, assignment_id)
    start = _start(win)
    back = window_url("defences.window", win)
    return attempt(lambda: booking.book(win, current_user, start), _("Your defence is booked."), back)


@login_required
def move(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Move the booked defence to the chosen time."""
    win = student_window(current_user, module_id, edition_id, assignment_id)
    start = _start(win)
    back = window_url("defences.window", win)
    return attempt(lambda: moves.rebook(win, current_user, start), _("Your defence has been moved."), back)


@login_required
def cancel(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Cancel the booked defence (refused inside the notice period)."""
    win = student_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    mine = booking.active_defence(win, current_user.id)
    if mine is None:
        abort(404)

    def work() -> None:
        booking.cancel_by_student(win, mine, current_user)
        db.session.flush()
        waitlist.offer_free_places(win)

    return attempt(work, _("Your defence is cancelled."), window_url("defences.window", win))


@login_required
def join_waitlist(module_id: str, edition_id: str, assignment_id: str) -> Response:
    win = student_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    return attempt(lambda: waitlist.join(win, current_user), _("You are on the waitlist."),
                   window_url("defences.window", win))  # fmt: skip


@login_required
def leave_waitlist(module_id: str, edition_id: str, assignment_id: str) -> Response:
    win = student_window(current_user, module_id, edition_id, assignment_id)
    require_action()

    def work() -> None:
        waitlist.leave(win, current_user)
        db.session.flush()
        waitlist.offer_free_places(win)

    return attempt(work, _("You have left the waitlist."), window_url("defences.window", win))


def _offer(win, defence_id: int) -> Defence:
    offer = db.session.get(Defence, defence_id)
    if offer is None or offer.student_id != current_user.id or offer.window_key != win.key:
        abort(404)
    return offer


@login_required
def accept_offer(module_id: str, edition_id: str, assignment_id: str, defence_id: int) -> Response:
    win = student_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    offer = _offer(win, defence_id)
    return attempt(lambda: waitlist.accept(win, offer, current_user), _("Your defence is booked."),
                   window_url("defences.window", win))  # fmt: skip


@login_required
def decline_offer(module_id: str, edition_id: str, assignment_id: str, defence_id: int) -> Response:
    win = student_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    offer = _offer(win, defence_id)

    def work() -> None:
        waitlist.decline(win, offer, current_user)
        db.session.flush()
        waitlist.offer_free_places(win)

    return attempt(work, _("You have declined the offer."), window_url("defences.window", win))
