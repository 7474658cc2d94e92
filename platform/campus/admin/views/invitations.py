"""The administrators' list of invitations not yet used, with "send again"."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from campus import mail
from campus.accounts import invitations, tokens
from campus.audit import audit
from campus.extensions import db
from campus.forms import ActionForm


def invitations_list() -> str:
    """Every invitation whose link has not been used, newest first; expired ones are marked."""
    return render_template(
        "admin/invitations.html",
        invitations=tokens.pending_invitations(),
        action=ActionForm(),
        mail_configured=mail.is_configured(),
    )


def resend_invitation(token_id: int) -> str | Response:
    """Issue a fresh link (the old one stops working) and mail it again."""
    record = db.get_or_404(tokens.AccountToken, token_id)
    if record.purpose is not tokens.Purpose.INVITATION or record.used_at is not None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    user = record.user
    (invitation,) = invitations.invite([user], current_user)
    audit(current_user, "invitation.resend", user)
    db.session.commit()
    if not mail.is_configured():
        return render_template("admin/invitation_link.html", invitation=invitation)
    flash(_("A new invitation has been sent to %(email)s.", email=user.email), "success")
    return redirect(url_for("admin.invitations_list"))
