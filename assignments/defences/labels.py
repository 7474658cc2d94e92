"""Words for the feature's codes, in the page's language (outcomes, statuses, refusal reasons)."""

from __future__ import annotations

from flask_babel import gettext as _


def outcome_label(code: str | None) -> str:
    """The outcome of a defence as people say it."""
    return {
        "confirmed": _("Authorship confirmed"),
        "doubts": _("Doubts remain"),
        "not_confirmed": _("Authorship not confirmed"),
    }.get(code or "", "–")


def status_label(code: str) -> str:
    """The state of a defence."""
    return {
        "booked": _("booked"),
        "offered": _("offered from the waitlist"),
        "cancelled": _("cancelled"),
        "declined": _("declined"),
        "expired": _("offer expired"),
    }.get(code, code)


def reason_label(code: str, examiners: str) -> str:
    """Why the planner could not place a student (planner Reason codes)."""
    return {
        "no_required_time": _("The required examiners (%(names)s) are never free together.", names=examiners),
        "student_unavailable": _("The required examiners are free only while the student is not."),
        "no_full_panel": _("There is never a full panel free at a time the student can come."),
        "max_per_day": _(
            "Every possible time falls on a day on which an examiner's maximum is reached (%(names)s).",
            names=examiners,
        ),
        "taken": _("Every possible time is taken by other defences or their buffers."),
    }.get(code, code)
