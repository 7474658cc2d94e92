"""The start page after sign-in: one section for each role the user holds.

Sections come from panels that parts of the platform register, so the core never imports a feature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from campus.accounts.models import Role, User

bp = Blueprint("dashboard", __name__)


@dataclass(frozen=True)
class Panel:
    """A dashboard section: shown to holders of ``role``, rendered from ``template`` with ``context(user)``."""

    role: Role
    template: str
    context: Callable[[User], dict[str, Any]]
    order: int = 50


def register_panel(app: Flask, panel: Panel) -> None:
    """Add a section to the dashboard of ``panel.role``."""
    app.extensions.setdefault("campus.dashboard_panels", []).append(panel)


def panels_for(user: User) -> dict[Role, list[tuple[str, dict[str, Any]]]]:
    """The rendered-to-be panels of each of the user's roles, in role order."""
    panels = sorted(current_app.extensions.get("campus.dashboard_panels", []), key=lambda p: p.order)
    result: dict[Role, list[tuple[str, dict[str, Any]]]] = {}
    for role in Role:
        if user.has_role(role):
            result[role] = [(p.template, p.context(user)) for p in panels if p.role == role]
    return result


@bp.route("/")
def index() -> str | Response:
    """The dashboard; visitors are sent to sign in."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login"))
    return render_template("dashboard/index.html", sections=panels_for(current_user))


def init_app(app: Flask) -> None:
    """Register the dashboard page."""
    app.register_blueprint(bp)
