"""Every URL rule of the defences feature, in one place."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from flask_login import current_user

from campus.extensions import limiter

from .views import calendar, examiner, lecturer, planner, records, student

bp = Blueprint("defences", __name__, url_prefix="/defences")


def _who() -> str:
    # Per person when signed in (a whole seminar may share one address), else per address (feeds).
    return f"user:{current_user.id}" if current_user.is_authenticated else f"addr:{request.remote_addr}"


# Every page of the feature, per person: DEFENCES_RATE_LIMIT (default "120 per minute").
limiter.limit(lambda: current_app.config["DEFENCES_RATE_LIMIT"], key_func=_who)(bp)
W = "/<module_id>/<edition_id>/<assignment_id>"
POST = ["POST"]

# Students
bp.add_url_rule("/", "index", student.index)
bp.add_url_rule(f"{W}/", "window", student.window)
bp.add_url_rule(f"{W}/book", "book", student.book, methods=POST)
bp.add_url_rule(f"{W}/move", "move", student.move, methods=POST)
bp.add_url_rule(f"{W}/cancel", "cancel", student.cancel, methods=POST)
bp.add_url_rule(f"{W}/waitlist/join", "join_waitlist", student.join_waitlist, methods=POST)
bp.add_url_rule(f"{W}/waitlist/leave", "leave_waitlist", student.leave_waitlist, methods=POST)
bp.add_url_rule(f"{W}/offer/<int:defence_id>/accept", "accept_offer", student.accept_offer, methods=POST)
bp.add_url_rule(f"{W}/offer/<int:defence_id>/decline", "decline_offer", student.decline_offer, methods=POST)

# Examiners
bp.add_url_rule(f"{W}/availability", "availability", examiner.availability_page, methods=["GET", "POST"])
bp.add_url_rule(
    f"{W}/availability/<int:range_id>/delete", "delete_range", examiner.delete_range, methods=POST
)
bp.add_url_rule("/agenda", "agenda", examiner.agenda)
bp.add_url_rule("/defence/<int:defence_id>", "defence", examiner.defence_page)
bp.add_url_rule("/defence/<int:defence_id>/cancel", "cancel_defence", examiner.cancel_defence, methods=POST)

# The panel's record
bp.add_url_rule(
    "/defence/<int:defence_id>/protocol", "protocol", records.protocol_page, methods=["GET", "POST"]
)
bp.add_url_rule("/defence/<int:defence_id>/protocol/sign", "sign", records.sign, methods=POST)
bp.add_url_rule("/defence/<int:defence_id>/protocol/correct", "correct", records.correct, methods=POST)
bp.add_url_rule("/defence/<int:defence_id>/protocol/<int:protocol_id>.pdf", "protocol_pdf",
                records.protocol_pdf_view)  # fmt: skip

# Lecturers
bp.add_url_rule(f"{W}/overview", "overview", lecturer.overview)
bp.add_url_rule(f"{W}/accommodation", "accommodation", lecturer.accommodation, methods=POST)
bp.add_url_rule(f"{W}/invite", "invite", lecturer.invite, methods=POST)
bp.add_url_rule(f"{W}/plan", "plan", planner.plan_page)
bp.add_url_rule(f"{W}/plan/run", "plan_run", planner.plan_run, methods=POST)
bp.add_url_rule(f"{W}/plan/<int:proposal_id>/adjust", "plan_adjust", planner.plan_adjust, methods=POST)
bp.add_url_rule(f"{W}/plan/<int:proposal_id>/publish", "plan_publish", planner.plan_publish, methods=POST)
bp.add_url_rule(f"{W}/defences.csv", "export_csv", lecturer.export_csv)
bp.add_url_rule("/defence/<int:defence_id>/reassign", "reassign", lecturer.reassign, methods=POST)

# Calendars
bp.add_url_rule("/defence/<int:defence_id>.ics", "defence_ics", calendar.defence_ics)
bp.add_url_rule("/calendar", "calendar", calendar.calendar_page)
bp.add_url_rule("/calendar/renew", "renew_feed", calendar.renew_feed, methods=POST)
bp.add_url_rule("/feed/<token>.ics", "feed", calendar.feed)
