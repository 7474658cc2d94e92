"""Administration: accounts, cohorts, CSV import and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from campus import mail
from campus.accounts import invitations, service
from campus.accounts.access import role_required
from campus.accounts.importing import import_users
from campus.accounts.models import Cohort, Role, User
from campus.admin.forms import AuditFilterForm, CohortForm, ImportForm, UserForm
from campus.audit import AuditEvent, audit
from campus.extensions import db
from campus.forms import ActionForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


@bp.before_request
@role_required(Role.ADMIN)
def require_admin() -> None:
    """Every page here is for administrators only."""


def _cohort_choices() -> list[SelectChoice]:
    cohorts = db.session.scalars(select(Cohort).order_by(Cohort.name))
    return [SelectChoice(0, _("(none)"))] + [SelectChoice(c.id, c.name) for c in cohorts]


@bp.route("/users")
def users() -> str:
    """All accounts, searchable and filterable by role."""
    query = select(User).order_by(User.name)
    search = request.args.get("q", "").strip()
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(or_(func.lower(User.name).like(pattern), func.lower(User.email).like(pattern)))
    role = request.args.get("role", "")
    if role in {r.value for r in Role}:
        query = query.where(User.role_links.any(role=Role(role)))
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    return render_template("admin/users.html", page=page, search=search, role=role, roles=list(Role))


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> str | Response:
    """Create an account with a one-time password."""
    form = UserForm()
    form.cohort.choices = _cohort_choices()
    if form.validate_on_submit():
        try:
            # With a mail server the invitation is enough; without one, a one-time password too.
            user, initial = service.create_user(
                form.email.data or "",
                form.name.data or "",
                {Role(r) for r in form.roles.data or []},
                cohort=db.session.get(Cohort, form.cohort.data) if form.cohort.data else None,
                matriculation_number=form.matriculation_number.data,
                invited=mail.is_configured(),
            )
        except service.AccountError as error:
            form.email.errors = [str(error)]
        else:
            invitations.invite([user], current_user)
            audit(current_user, "user.create", user, {"roles": sorted(user.roles)})
            db.session.commit()
            if mail.is_configured():
                flash(
                    _("%(name)s has been invited by e-mail to %(email)s.", name=user.name, email=user.email),
                    "success",
                )
                return redirect(url_for("admin.users"))
            return render_template("admin/password_issued.html", user=user, password=initial)
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int) -> str | Response:
    """Edit name, address, roles, cohort and status of an account."""
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user, data={"roles": sorted(user.roles), "cohort": user.cohort_id or 0})
    form.cohort.choices = _cohort_choices()
    if form.validate_on_submit():
        email = form.email.data or ""
        other = service.find_by_email(email)
        if other is not None and other.id != user.id:
            form.email.errors = [
                _("An account with the e-mail address %(email)s exists already.", email=email)
            ]
        elif user.id == current_user.id and Role.ADMIN.value not in (form.roles.data or []):
            form.roles.errors = [_("You cannot take the administrator role from yourself.")]
        else:
            user.name, user.email = form.name.data or "", email.lower()
            user.matriculation_number = form.matriculation_number.data or None
            user.roles = {Role(r) for r in form.roles.data or []}
            user.cohort = db.session.get(Cohort, form.cohort.data) if form.cohort.data else None
            if user.active != form.active.data and user.id != current_user.id:
                service.set_active(user, bool(form.active.data))
            audit(current_user, "user.update", user, {"roles": sorted(user.roles), "active": user.active})
            db.session.commit()
            flash(_("The account has been saved."), "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user, action=ActionForm())


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
def reset_password(user_id: int) -> str:
    """Issue a one-time password; the person must choose a new one at the next sign-in."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    initial = service.reset_password(user)
    audit(current_user, "user.reset_password", user)
    db.session.commit()
    return render_template("admin/password_issued.html", user=user, password=initial)


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
def deactivate_user(user_id: int) -> Response:
    """Deactivate (never delete: submissions and logs keep referring to the account)."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
    else:
        service.set_active(user, False)
        audit(current_user, "user.deactivate", user)
        db.session.commit()
        flash(_("%(name)s can no longer sign in.", name=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/cohorts", methods=["GET", "POST"])
def cohorts() -> str | Response:
    """All cohorts with their size; create a new one."""
    form = CohortForm()
    if form.validate_on_submit():
        name = (form.name.data or "").strip()
        if db.session.scalar(select(Cohort).where(Cohort.name == name)):
            form.name.errors = [_("A cohort with this name exists already.")]
        else:
            cohort = service.get_or_create_cohort(name)
            db.session.flush()
            audit(current_user, "cohort.create", cohort)
            db.session.commit()
            flash(_("Cohort %(name)s created.", name=name), "success")
            return redirect(url_for("admin.cohorts"))
    sizes = dict(
        db.session.execute(select(User.cohort_id, func.count()).group_by(User.cohort_id)).tuples().all()
    )
    all_cohorts = db.session.scalars(select(Cohort).order_by(Cohort.name)).all()
    return render_template("admin/cohorts.html", cohorts=all_cohorts, sizes=sizes, form=form)


@bp.route("/cohorts/<int:cohort_id>")
def cohort(cohort_id: int) -> str:
    """The members of one cohort."""
    return render_template("admin/cohort.html", cohort=db.get_or_404(Cohort, cohort_id))


@bp.route("/import", methods=["GET", "POST"])
def import_csv() -> str:
    """Import accounts from CSV: all rows are checked, and nothing is imported if one is wrong."""
    form = ImportForm()
    form.cohort.choices = _cohort_choices()
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


@bp.route("/audit")
def audit_log() -> str:
    """The audit log, newest first, filterable by action and person."""
    form = AuditFilterForm(request.args)
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if form.action.data:
        query = query.where(AuditEvent.action.startswith(form.action.data.strip()))
    if form.actor.data:
        query = query.join(User, AuditEvent.actor_id == User.id).where(
            func.lower(User.email).contains(form.actor.data.strip().lower())
        )
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    audit(current_user, "audit.view", details={"filter": {k: v for k, v in request.args.items() if v}})
    db.session.commit()
    return render_template("admin/audit.html", page=page, form=form)
