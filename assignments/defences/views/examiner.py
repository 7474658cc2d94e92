"""The examiner's pages: availability, agenda and day view, a defence's page, cancelling one."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from campus.extensions import db

from .. import glue
from ..forms import ActionForm, LimitForm, RangeForm, ReasonForm, ReassignForm, WeeklyForm
from ..models import ACTIVE, Availability, Defence, PanelSeat
from ..permissions import served_window, visible_defence
from ..service import availability, booking, records, units, waitlist
from ..service.errors import DefenceError
from ..service.times import local
from ..service.windows import Window, by_key, examiners_of
from .common import attempt, require_action, window_url


def _forms(win):
    single, weekly = RangeForm(prefix="one"), WeeklyForm(prefix="week")
    single.day.choices = [(d.isoformat(), format_date(d, "EEEE, dd.MM.yyyy")) for d in win.spec.days]
    weekdays = sorted({d.weekday() for d in win.spec.days})
    weekly.weekday.choices = [(n, format_date(next(d for d in win.spec.days if d.weekday() == n), "EEEE"))
                              for n in weekdays]  # fmt: skip
    return single, weekly


def _then_offer(win: Window, result: object) -> object:
    """New availability may free places for students on the waitlist: offer them at once."""
    db.session.flush()
    waitlist.offer_free_places(win)
    return result


@login_required
def availability_page(module_id: str, edition_id: str, assignment_id: str) -> str | Response:
    """Enter and remove ranges, set the daily maximum."""
    win = served_window(current_user, module_id, edition_id, assignment_id)
    single, weekly = _forms(win)
    limit = LimitForm(prefix="limit")
    back = window_url("defences.availability", win)
    if request.method == "POST":
        if "one-submit" in request.form and single.validate_on_submit():
            day = date.fromisoformat(str(single.day.data))
            return attempt(lambda: _then_offer(win, availability.add_range(win, current_user, day, single.start.data,
                                                                           single.end.data)),
                           _("The range is saved."), back)  # fmt: skip
        if "week-submit" in request.form and weekly.validate_on_submit():
            return attempt(lambda: _then_offer(win, availability.add_weekly(win, current_user, int(weekly.weekday.data),
                                                                            weekly.start.data, weekly.end.data)),
                           _("The weekly range is saved."), back)  # fmt: skip
        if "limit-submit" in request.form and limit.validate_on_submit():
            return attempt(lambda: availability.set_limit(win, current_user, limit.max_per_day.data),
                           _("The daily maximum is saved."), back)  # fmt: skip
    elif request.method == "GET":
        limit.max_per_day.data = availability.limit_of(win, current_user)
    ranges = availability.ranges_of(win, current_user)
    return render_template("defences/availability.html", win=win, single=single, weekly=weekly, limit=limit,
                           ranges=ranges, action=ActionForm(), local=local)  # fmt: skip


@login_required
def delete_range(module_id: str, edition_id: str, assignment_id: str, range_id: int) -> Response:
    """Delete one range, or its whole weekly series."""
    win = served_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    row = db.session.get(Availability, range_id)
    if row is None or row.examiner_id != current_user.id or row.window_key != win.key:
        abort(404)
    whole = request.form.get("series") == "1"
    return attempt(lambda: availability.delete_range(win, current_user, row, whole), _("The range is deleted."),
                   window_url("defences.availability", win))  # fmt: skip


@login_required
def agenda() -> str:
    """The examiner's defences from today on, by day; ``?day=YYYY-MM-DD`` shows one day."""
    query = (
        select(Defence).join(PanelSeat)
        .where(PanelSeat.examiner_id == current_user.id, Defence.status.in_(ACTIVE))
        .order_by(Defence.starts_at)
    )  # fmt: skip
    one_day = None
    if request.args.get("day"):
        try:
            one_day = date.fromisoformat(request.args["day"])
        except ValueError:
            abort(404)
    days: dict[date, list[tuple[object, Defence]]] = {}
    today = local(glue.now()).date()
    for defence in db.session.scalars(query):
        day = local(defence.starts_at).date()
        if (one_day and day != one_day) or (not one_day and day < today):
            continue
        days.setdefault(day, []).append((by_key(defence.window_key), defence))
    return render_template("defences/agenda.html", days=sorted(days.items()), one_day=one_day, local=local)


@login_required
def defence_page(defence_id: int) -> str:
    """A defence as its panel and the responsible lecturer see it."""
    win, defence = visible_defence(current_user, defence_id)
    if defence.student_id == current_user.id:
        abort(404)  # students have their window page
    reassign = ReassignForm(prefix="move")
    reassign.panel.choices = [(e.id, e.name) for e in examiners_of(win)]
    reassign.day.data, reassign.start.data = local(defence.starts_at).date(), local(defence.starts_at).time()
    reassign.panel.data = [e.id for e in defence.examiners]
    protocol = records.current_protocol(defence)
    return render_template("defences/defence.html", win=win, defence=defence, reason=ReasonForm(prefix="cancel"),
                           reassign=reassign, protocol=protocol, local=local,
                           suggested=records.suggested_for(defence.window_key, defence.student_id),
                           responsible=win.is_responsible(current_user), action=ActionForm())  # fmt: skip


@login_required
def cancel_defence(defence_id: int) -> Response:
    """An examiner on the panel or the responsible lecturer cancels; the student may book again."""
    win, defence = visible_defence(current_user, defence_id, staff_only=True)
    form = ReasonForm(prefix="cancel")
    back = url_for("defences.defence", defence_id=defence.id)
    if not form.validate_on_submit():
        flash(_("Please give a reason; the student will read it."), "error")
        return redirect(back)

    def work() -> None:
        booking.cancel_by_staff(defence, current_user, form.reason.data or "")
        if any(seat.examiner_id == current_user.id for seat in defence.seats):
            availability.withdraw(win, current_user, defence.starts_at, defence.ends_at)
        db.session.flush()
        waitlist.offer_free_places(win)

    try:
        units.run(work, lambda: None)
    except DefenceError as error:
        flash(str(error), "error")
        return redirect(back)
    flash(_("The defence is cancelled; the student can book again."), "success")
    return redirect(back)
