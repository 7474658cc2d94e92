"""The administrators' pages: the model in use, local figures from defence outcomes next to the
card's, rescoring, and the local calibration."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from assignments.detection import ModelError
from assignments.submissions.permissions import require
from campus.audit import audit
from campus.extensions import db
from campus.forms import ActionForm

from .. import jobs
from ..detector import app_model, calibration_label
from ..forms import CalibrationForm
from ..permissions import administers
from ..service import calibration as service
from ..service.figures import validation
from ..service.outcomes import FEW, evaluate
from ..service.rescore import outdated, without_report
from .report import me


def _admin() -> None:
    require(administers(me()))


@login_required
def index() -> str:
    """The model in use, figures on our own defence outcomes, papers waiting for a (new) report."""
    _admin()
    try:
        model = app_model()
    except ModelError as exc:
        flash(str(exc), "error")
        model = None
    audit(me(), "review.view_admin")
    db.session.commit()
    return render_template(
        "review/admin.html", model=model, calibration=calibration_label(model) if model else None,
        figures=validation(model) if model else {}, local=evaluate(), few=FEW, action_form=ActionForm(),
        missing=len(without_report()), outdated=len(outdated()) if model else 0,
    )  # fmt: skip


@login_required
def rescore() -> Any:
    """Queue a new analysis of every final paper whose report is not by the present model."""
    _admin()
    require(ActionForm().validate_on_submit())
    found = outdated()
    for submission_id in found:
        jobs.analyse_submission.enqueue(submission_id)
    audit(me(), "review.rescore", None, {"queued": len(found)})
    db.session.commit()
    flash(_("%(n)d papers are analysed again; the earlier reports are kept.", n=len(found)), "success")
    return redirect(url_for("review.admin"), code=303)


@login_required
def calibration() -> Any:
    """Upload known-human papers; the threshold is set so that at most the chosen share is flagged."""
    _admin()
    form = CalibrationForm()
    result = None
    if form.validate_on_submit():
        upload = form.file.data
        share = float((form.share.data or Decimal(1)) / 100)
        result = service.Outcome()
        with tempfile.TemporaryDirectory(prefix="campus-calibration-") as folder:
            path = Path(folder) / "upload"
            upload.save(path)
            try:
                texts = service.read_texts(path, upload.filename or "", result)
                service.calibrate(
                    texts, share, upload.filename or "upload", result, keep=bool(form.keep.data)
                )
            except service.CalibrationRefused as refusal:
                flash(str(refusal), "error")
                result = None
        if result is not None:
            audit(
                me(),
                "review.calibrate",
                None,
                {"texts": result.read, "share": share, "kept": bool(form.keep.data)},
            )
            db.session.commit()
            flash(
                _("The local calibration has been saved. Rescore the papers to apply it to earlier reports."),
                "success",
            )
    return render_template("review/calibration.html", form=form, result=result)
