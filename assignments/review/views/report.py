"""One paper's report for its markers, and the responsible lecturer's decision about it."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from assignments.detection import ModelError
from assignments.submissions.permissions import require, sees_names
from campus.accounts.models import User
from campus.audit import audit
from campus.extensions import db

from ..detector import app_model
from ..forms import FREE_QUESTIONS, DecisionForm
from ..labels import ACTION_LABELS, BAND_LABELS, fpr_in_words, reason_text
from ..models import DISCUSS, SIGNAL, Report
from ..permissions import decides, report_access
from ..service.analysis import current_report, reports_of
from ..service.decisions import DecisionRefused, Question, decisions_of, defence_window, passage_text
from ..service.decisions import decide as record
from ..service.figures import false_positive_rate
from ..service.passages import pieces, preview
from ..texts import explanation


def me() -> User:
    """The signed-in user."""
    return current_user._get_current_object()


def _fresh_form(report: Report | None) -> DecisionForm:
    form = DecisionForm()
    if report is not None and report.band == SIGNAL:
        for number, _passage in enumerate(report.passages, start=1):
            form.questions.append_entry({"include": True, "passage": str(number),
                                         "text": _("Please explain in your own words how you worked out passage %(n)d and what it argues.", n=number)})  # fmt: skip
    for _free in range(FREE_QUESTIONS):
        form.questions.append_entry({"include": False, "passage": "", "text": ""})
    return form


@login_required
def show(submission_id: int) -> str:
    """The report of the final paper: band, passages in the text, the AI-use declaration, decisions."""
    submission, assignment, staff = report_access(me(), submission_id)
    report = current_report(submission)
    try:
        model = app_model()
    except ModelError:
        model = None
    fpr = false_positive_rate(model, report.language) if model and report else None
    win = defence_window(submission)
    audit(me(), "review.view_report", submission, {"report": report.id if report else None})
    db.session.commit()
    return render_template(
        "review/report.html", submission=submission, assignment=assignment, staff=staff, report=report,
        person=submission.user.name if sees_names(me(), assignment) else submission.candidate_number,
        pieces=pieces(report.version.text or "", report.passages) if report and report.band == SIGNAL else [],
        previews=[preview(report, i) for i in range(len(report.passages))] if report else [],
        band_labels=BAND_LABELS, action_labels=ACTION_LABELS, reason_text=reason_text, fpr_text=fpr_in_words(fpr),
        explanation=explanation(report, submission) if report else {}, history=reports_of(submission),
        decisions=decisions_of(submission), form=_fresh_form(report) if decides(staff) else None,
        window=win, invites=win is not None and win.spec.who == "invited",
    )  # fmt: skip


def _questions(form: DecisionForm, report: Report | None) -> list[Question]:
    chosen = []
    for entry in form.questions.entries:
        row = entry.form
        if not row.include.data or not (row.text.data or "").strip():
            continue
        passage = None
        if report is not None and (row.passage.data or "").isdigit():
            index = int(row.passage.data) - 1
            if 0 <= index < len(report.passages):
                passage = passage_text(report, index)
        chosen.append(Question(row.text.data or "", passage))
    return chosen


@login_required
def decide(submission_id: int) -> Any:
    """Record the decision; "discuss" attaches the chosen questions to the defence record."""
    submission, _assignment, staff = report_access(me(), submission_id)
    require(decides(staff))  # a marker may read the report, not decide
    form = DecisionForm()
    target = url_for("review.report", submission_id=submission.id) + "#decision"
    if not form.validate_on_submit():
        for error in (*form.action.errors, *form.reason.errors):
            flash(str(error), "error")
        return redirect(target, code=303)
    report = current_report(submission)
    try:
        record(submission, report, me(), form.action.data or "", form.reason.data or "",
               _questions(form, report) if form.action.data == DISCUSS else [], bool(form.invite.data))  # fmt: skip
    except DecisionRefused as refusal:
        db.session.rollback()
        flash(str(refusal), "error")
        return redirect(target, code=303)
    db.session.commit()
    flash(_("The decision has been recorded."), "success")
    return redirect(target, code=303)
