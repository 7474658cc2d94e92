"""The enrolments page of a module: which cohorts are enrolled in which edition, for its responsible people."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from campus.accounts.models import Cohort
from campus.extensions import db
from campus.forms import ActionForm

from ..enrolments import EnrolmentError, enrol, enrolments_of, unenrol
from ..forms import EnrolmentForm
from ..models import Enrolment
from .common import responsible_module


@login_required
def enrolments(module_id: str) -> str | Response:
    """Which cohorts are enrolled in which edition; admins and the module's lecturers change it."""
    found = responsible_module(module_id)
    form = EnrolmentForm()
    form.cohort.choices = [(c.id, c.name) for c in db.session.scalars(select(Cohort).order_by(Cohort.name))]
    form.edition.choices = [(e.id, f"{e.id} – {e.label}") for e in list(found.editions.values())[::-1]]
    if request.method == "GET":
        form.edition.data = found.current_edition
    if form.validate_on_submit():
        cohort = db.get_or_404(Cohort, form.cohort.data)
        try:
            enrol(found, form.edition.data or "", cohort, current_user)
        except EnrolmentError as error:
            form.cohort.errors = [str(error)]
        else:
            db.session.commit()
            flash(
                _(
                    "%(cohort)s is now enrolled in %(edition)s.",
                    cohort=cohort.name,
                    edition=form.edition.data,
                ),
                "success",
            )
            return redirect(url_for("courses.enrolments", module_id=module_id))
    return render_template(
        "courses/enrolments.html",
        module=found,
        form=form,
        rows=enrolments_of(module_id),
        action=ActionForm(),
    )


@login_required
def delete_enrolment(module_id: str, enrolment_id: int) -> Response:
    """Remove one enrolment of this module."""
    responsible_module(module_id)
    row = db.session.get(Enrolment, enrolment_id)
    if row is None or row.module_id != module_id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    name, edition_id = row.cohort.name, row.edition_id
    unenrol(row, current_user)
    db.session.commit()
    flash(_("%(cohort)s is no longer enrolled in %(edition)s.", cohort=name, edition=edition_id), "success")
    return redirect(url_for("courses.enrolments", module_id=module_id))
