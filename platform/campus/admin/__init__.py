"""Administration pages and the administrator's dashboard panel."""

from __future__ import annotations

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from campus.accounts.models import Cohort, Role, User
from campus.admin import auditlog
from campus.admin.blueprint import bp
from campus.audit import AuditEvent
from campus.dashboard import Panel, register_panel
from campus.extensions import db
from campus.navigation import NavItem, register_nav_item


def overview(_user: User) -> dict[str, Any]:
    """Figures and recent events for the administrator's dashboard."""
    recent = db.session.scalars(
        select(AuditEvent).options(joinedload(AuditEvent.actor)).order_by(AuditEvent.id.desc()).limit(8)
    ).all()
    return {
        "user_count": db.session.scalar(select(func.count(User.id))),
        "inactive_count": db.session.scalar(select(func.count(User.id)).where(User.active.is_(False))),
        "cohort_count": db.session.scalar(select(func.count(Cohort.id))),
        "recent_events": recent,
    }


def init_app(app: Flask) -> None:
    """Register the pages and the dashboard panel."""
    app.register_blueprint(bp)
    auditlog.init_app(app)
    register_panel(app, Panel(Role.ADMIN, "admin/_panel.html", overview))
    admins = frozenset({Role.ADMIN})
    register_nav_item(
        app,
        NavItem(
            "admin.users",
            _l("Accounts"),
            admins,
            80,
            (
                "admin.users",
                "admin.new_user",
                "admin.edit_user",
                "admin.deactivate_user",
                "admin.import",
                "admin.invitations",
                "admin.resend_invitation",
            ),
        ),
    )
    register_nav_item(app, NavItem("admin.cohorts", _l("Cohorts"), admins, 81, ("admin.cohort",)))
    register_nav_item(app, NavItem("admin.audit_log", _l("Audit log"), admins, 82))
    register_nav_item(app, NavItem("admin.job_status", _l("Background jobs"), admins, 83))
