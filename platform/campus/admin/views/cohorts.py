"""Cohorts (list, create, members) and the CSV import of a cohort's accounts."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from campus import mail
from campus.accounts import invitations, service
from campus.accounts.importing import import_users
from campus.accounts.models import Cohort, User
from campus.admin.forms import CohortForm, ImportForm, cohort_choices
from campus.audit import audit
from campus.extensions import db


def cohorts() -> str | Response:
    """All cohorts with their size; create a new one."""
    form = CohortForm()
    if form.validate_on_submit():
        name = (form.name.data or "").strip()
        if db.session.scalar(select(Cohort).where(Cohort.name == name)):
            form.name.errors = [_("A cohort with this name exists already.")]
        else:
            cohort = service.get_or_create_cohort(name)
            db.session.flush()  # the audit entry names the new cohort's id
            audit(current_user, "cohort.create", cohort)
            db.session.commit()
            flash(_("Cohort %(name)s created.", name=name), "success")
            return redirect(url_for("admin.cohorts"))
    sizes = dict(
        db.session.execute(select(User.cohort_id, func.count()).group_by(User.cohort_id)).tuples().all()
    )
    all_cohorts = db.session.scalars(select(Cohort).order_by(Cohort.name)).all()
    return render_template("admin/cohorts.html", cohorts=all_cohorts, sizes=sizes, form=form)


def cohort(cohort_id: int) -> str:
    """The members of one cohort."""
    return render_template("admin/cohort.html", cohort=db.get_or_404(Cohort, cohort_id))


def import_csv() -> str:
    """Import accounts from CSV: all rows are checked, and nothing is imported if one is wrong.

    The accounts are invited: nothing is hashed here, and one job mails the invitations afterwards.
    """
    form = ImportForm()
    form.cohort.choices = cohort_choices()
    result, issued = None, []
    if form.validate_on_submit():
        cohort = db.session.get(Cohort, form.cohort.data) if form.cohort.data else None
        result = import_users(form.file.data.read(), cohort)
        if result.ok:
            issued = invitations.invite([user for user, _password in result.created], current_user)
            audit(current_user, "user.import", cohort or "cohort", {"accounts": len(issued)})
            db.session.commit()
        else:
            db.session.rollback()
    return render_template(
        "admin/import.html",
        form=form,
        result=result,
        invitations=issued,
        mail_configured=mail.is_configured(),
    )
