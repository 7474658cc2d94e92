"""Accounts: the list, creating, editing, one-time passwords, deactivation (confirmed) and reactivation."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response

from campus import mail
from campus.accounts import invitations, service
from campus.accounts.models import Cohort, Role, User
from campus.admin.forms import UserForm, cohort_choices
from campus.admin.service import account_fields, update_account
from campus.audit import audit
from campus.extensions import db
from campus.forms import ActionForm

PAGE_SIZE = 50


def _edit_form_data(user: User) -> dict[str, Any]:
    # Plain values only (see UserForm): the cohort as its id, 0 for none, as the choices have it.
    fields = account_fields(user)
    return {
        **fields,
        "matriculation_number": fields["matriculation_number"] or "",
        "cohort_id": user.cohort_id or 0,
    }


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


def new_user() -> str | Response:
    """Create an account and invite its owner by mail (without a mail server, a one-time password too)."""
    form = UserForm()
    form.cohort_id.choices = cohort_choices()
    if form.validate_on_submit():
        try:
            # With a mail server the invitation is enough; without one, a one-time password too.
            user, initial = service.create_user(
                form.email.data or "",
                form.name.data or "",
                {Role(r) for r in form.roles.data or []},
                cohort=db.session.get(Cohort, form.cohort_id.data) if form.cohort_id.data else None,
                matriculation_number=form.matriculation_number.data,
                invited=mail.is_configured(),
            )
        except service.AccountError as error:
            getattr(form, error.field).errors = [str(error)]
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


def edit_user(user_id: int) -> str | Response:
    """Edit name, address, matriculation number, roles and cohort of an account."""
    user = db.get_or_404(User, user_id)
    form = UserForm(data=_edit_form_data(user))
    form.cohort_id.choices = cohort_choices()
    if form.validate_on_submit():
        try:
            changes = update_account(
                user,
                current_user,
                name=form.name.data or "",
                email=form.email.data or "",
                matriculation_number=form.matriculation_number.data,
                roles=form.roles.data or [],
                cohort_id=form.cohort_id.data or None,
            )
        except service.AccountError as error:
            db.session.rollback()
            getattr(form, error.field).errors = [str(error)]
        else:
            if changes:
                audit(current_user, "user.update", user, {"changes": changes})
                flash(_("The account has been saved."), "success")
            else:
                flash(_("Nothing was changed."), "info")
            db.session.commit()
            return redirect(url_for("admin.users"))
    return render_template("admin/user_form.html", form=form, user=user, action=ActionForm())


def reset_password(user_id: int) -> str:
    """Issue a one-time password; the person must choose a new one at the next sign-in."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    initial = service.reset_password(user)
    audit(current_user, "user.reset_password", user)
    db.session.commit()
    return render_template("admin/password_issued.html", user=user, password=initial)


def deactivate_user(user_id: int) -> str | Response:
    """Deactivate after confirmation (never delete: submissions and logs keep referring to the account)."""
    user = db.get_or_404(User, user_id)
    form = ActionForm()
    if user.id == current_user.id:
        flash(_("You cannot deactivate your own account."), "error")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    if not user.active:
        flash(_("%(name)s is deactivated already.", name=user.name), "info")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        service.set_active(user, False)
        audit(current_user, "user.deactivate", user)
        db.session.commit()
        flash(_("%(name)s can no longer sign in.", name=user.name), "success")
        return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/deactivate.html", user=user, form=form)


def reactivate_user(user_id: int) -> Response:
    """Let a deactivated person sign in again."""
    user = db.get_or_404(User, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    if not user.active:
        service.set_active(user, True)
        audit(current_user, "user.reactivate", user)
        db.session.commit()
        flash(_("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))
