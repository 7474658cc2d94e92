"""Every URL of the review, in one place."""

from __future__ import annotations

from flask import Blueprint

from .views import admin, card, overview, report, student

bp = Blueprint("review", __name__, url_prefix="/review")
ASSIGNMENT = "/<module_id>/<edition_id>/<assignment_id>"

# Markers of an assignment.
bp.add_url_rule("/reports/<int:submission_id>", "report", report.show)
bp.add_url_rule("/reports/<int:submission_id>/decide", "decide", report.decide, methods=["POST"])
bp.add_url_rule("/assignments" + ASSIGNMENT + "/", "overview", overview.show)

# The student whose paper is to be discussed: the passages, never a score or a band.
bp.add_url_rule("/discussion/<int:submission_id>", "discussion", student.discussion)

# Everyone (students included): what the detector is and how well it works.
bp.add_url_rule("/model-card", "card", card.show)
bp.add_url_rule("/privacy", "privacy", card.privacy)

# Administrators.
bp.add_url_rule("/admin/", "admin", admin.index)
bp.add_url_rule("/admin/rescore", "rescore", admin.rescore, methods=["POST"])
bp.add_url_rule("/admin/calibration", "calibration", admin.calibration, methods=["GET", "POST"])
