"""Calendar downloads: one defence's .ics, and each person's private subscription feed."""

from __future__ import annotations

from flask import Response as FlaskResponse
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import or_, select
from werkzeug.wrappers import Response

from campus.accounts.models import User
from campus.extensions import db

from ..forms import ActionForm
from ..models import Defence, PanelSeat
from ..permissions import visible_defence
from ..service import ics, units
from ..service.windows import by_key
from .common import require_action

ICS = "text/calendar; charset=utf-8"


@login_required
def defence_ics(defence_id: int) -> FlaskResponse:
    """The defence as an invitation (or its cancellation)."""
    win, defence = visible_defence(current_user, defence_id)
    return FlaskResponse(ics.invitation(win, defence), mimetype=ICS,
                         headers={"Content-Disposition": f'attachment; filename="verteidigung-{defence.id}.ics"'})  # fmt: skip


def _defences_of(user: User) -> list[Defence]:
    panel = select(PanelSeat.defence_id).where(PanelSeat.examiner_id == user.id)
    query = select(Defence).where(or_(Defence.student_id == user.id, Defence.id.in_(panel)))
    return [d for d in db.session.scalars(query.order_by(Defence.starts_at)) if d.status != "declined"]


@login_required
def calendar_page() -> str:
    """The private feed address, and a button that revokes it."""
    token = units.run(lambda: ics.token_of(current_user), lambda: None)
    assert token is not None
    url = url_for("defences.feed", token=token.token, _external=True)
    return render_template("defences/calendar.html", url=url, action=ActionForm())


@login_required
def renew_feed() -> Response:
    """A new feed address; the old one stops working at once."""
    require_action()
    units.run(lambda: ics.renew_token(current_user), lambda: None)
    flash(_("Your calendar address is new; the old one no longer works."), "success")
    return redirect(url_for("defences.calendar"))


def feed(token: str) -> FlaskResponse:
    """The feed itself: no sign-in (calendar programs cannot), the secret token is the key."""
    owner = ics.owner_of(token)
    if owner is None or not owner.active:
        abort(404)
    body = ics.feed([(by_key(d.window_key), d) for d in _defences_of(owner)])
    return FlaskResponse(body, mimetype=ICS, headers={"Cache-Control": "private, no-store"})
