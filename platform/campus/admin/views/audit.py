"""The audit log page: newest first, filterable, in words rather than codes (see ``admin.auditlog``)."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from campus.accounts.models import User
from campus.admin import auditlog
from campus.admin.forms import AuditFilterForm
from campus.audit import AuditEvent, audit
from campus.extensions import db

PAGE_SIZE = 50


def audit_log() -> str:
    """The audit log, newest first, filterable by action and person, in words rather than codes."""
    form = AuditFilterForm(request.args)
    form.action.choices = auditlog.action_choices()
    query = (
        select(AuditEvent)
        .options(joinedload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    if form.action.data:
        query = query.where(AuditEvent.action.startswith(form.action.data.strip()))
    if form.actor.data:
        query = query.join(User, AuditEvent.actor_id == User.id).where(
            func.lower(User.email).contains(form.actor.data.strip().lower())
        )
    page = db.paginate(query, per_page=PAGE_SIZE, error_out=False)
    audit(current_user, "audit.view", details={"filter": {k: v for k, v in request.args.items() if v}})
    db.session.commit()
    return render_template("admin/audit.html", page=page, entries=auditlog.entries(page.items), form=form)
