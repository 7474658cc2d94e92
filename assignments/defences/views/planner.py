"""The planner's pages: run it for every student without a defence, adjust the proposal, publish."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from campus.accounts.models import User
from campus.extensions import db

from ..forms import ActionForm, AdjustForm
from ..labels import reason_label
from ..models import PlanProposal
from ..permissions import run_window
from ..service import planning
from ..service.errors import DefenceError
from ..service.times import ZONE, local, minute
from ..service.windows import examiners_of
from .common import attempt, require_action, window_url


@login_required
def plan_page(module_id: str, edition_id: str, assignment_id: str) -> str:
    """The latest proposal, with a form per row to adjust it."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    proposal = planning.latest_proposal(win)
    names = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(_ids(proposal))))}
        if proposal
        else {}
    )
    choices = [(e.id, e.name) for e in examiners_of(win)]
    return render_template("defences/plan.html", win=win, proposal=proposal, people=names, local=local,
                           choices=choices, action=ActionForm(), reason_label=reason_label,
                           adjust=AdjustForm(prefix="adjust"),
                           names=lambda ids: ", ".join(names[i].name for i in ids if i in names))  # fmt: skip


def _ids(proposal: PlanProposal) -> set[int]:
    found = {r["student_id"] for r in proposal.rows} | {u["student_id"] for u in proposal.unscheduled}
    found |= {e for r in proposal.rows for e in r["panel"]} | {
        e for u in proposal.unscheduled for e in u["examiners"]
    }
    return found


@login_required
def plan_run(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Plan every student without a defence."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    return attempt(lambda: planning.propose(win, current_user), _("The planner has made a proposal."),
                   window_url("defences.plan", win))  # fmt: skip


def _proposal(win, proposal_id: int) -> PlanProposal:
    proposal = db.session.get(PlanProposal, proposal_id)
    if proposal is None or proposal.window_key != win.key:
        abort(404)
    return proposal


@login_required
def plan_adjust(module_id: str, edition_id: str, assignment_id: str, proposal_id: int) -> Response:
    """Change one row of the proposal."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    proposal = _proposal(win, proposal_id)
    form = AdjustForm(prefix="adjust")
    form.panel.choices = [(e.id, e.name) for e in examiners_of(win)]
    back = window_url("defences.plan", win)
    if not form.validate_on_submit() or not str(form.student_id.data or "").isdigit():
        flash(_("Please choose a day, a time and the panel."), "error")
        return redirect(back)
    start = None
    if not form.unplan.data:
        if form.day.data is None or form.start.data is None:
            flash(_("Please choose a day, a time and the panel."), "error")
            return redirect(back)
        start = minute(datetime.combine(form.day.data, form.start.data).replace(tzinfo=ZONE))
    student_id = int(str(form.student_id.data))
    return attempt(lambda: planning.adjust(win, proposal, student_id, start, tuple(form.panel.data or ()), current_user),
                   _("The proposal is changed."), back)  # fmt: skip


@login_required
def plan_publish(module_id: str, edition_id: str, assignment_id: str, proposal_id: int) -> Response:
    """Book the proposal."""
    win = run_window(current_user, module_id, edition_id, assignment_id)
    require_action()
    proposal = _proposal(win, proposal_id)
    try:
        outcome = planning.publish(win, proposal, current_user)
    except DefenceError as error:
        flash(str(error), "error")
        return redirect(window_url("defences.plan", win))
    flash(_("The plan is published: %(n)d defences booked.", n=len(outcome["booked"])), "success")
    if outcome["failed"]:
        flash(_("%(n)d could not be booked because the time was taken meanwhile; plan again for them.",
                n=len(outcome["failed"])), "error")  # fmt: skip
    return redirect(window_url("defences.overview", win))
