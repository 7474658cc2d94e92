"""Every URL rule of the administration, in one place; the views themselves are in ``views``.

Every page is for administrators only; anybody else gets 404, as if the page did not exist.
"""

from __future__ import annotations

from flask import Blueprint

from campus.accounts.access import role_required
from campus.accounts.models import Role
from campus.admin.views import accounts, audit, cohorts, invitations, jobs

bp = Blueprint("admin", __name__, url_prefix="/admin")

GET_POST = ["GET", "POST"]
POST = ["POST"]
USER = "/users/<int:user_id>"


@bp.before_request
@role_required(Role.ADMIN)
def require_admin() -> None:
    """Every page here is for administrators only."""


# Accounts
bp.add_url_rule("/users", view_func=accounts.users)
bp.add_url_rule("/users/new", view_func=accounts.new_user, methods=GET_POST)
bp.add_url_rule(USER, view_func=accounts.edit_user, methods=GET_POST)
bp.add_url_rule(f"{USER}/reset-password", view_func=accounts.reset_password, methods=POST)
bp.add_url_rule(f"{USER}/deactivate", view_func=accounts.deactivate_user, methods=GET_POST)
bp.add_url_rule(f"{USER}/reactivate", view_func=accounts.reactivate_user, methods=POST)

# Cohorts and the CSV import
bp.add_url_rule("/cohorts", view_func=cohorts.cohorts, methods=GET_POST)
bp.add_url_rule("/cohorts/<int:cohort_id>", view_func=cohorts.cohort)
bp.add_url_rule("/import", view_func=cohorts.import_csv, methods=GET_POST)

# Invitations not yet used
bp.add_url_rule("/invitations", view_func=invitations.invitations_list)
bp.add_url_rule("/invitations/<int:token_id>/resend", view_func=invitations.resend_invitation, methods=POST)

# The audit log and the background jobs
bp.add_url_rule("/audit", view_func=audit.audit_log)
bp.add_url_rule("/jobs", view_func=jobs.job_status)
