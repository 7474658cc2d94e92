"""Template filters of submissions: time left in words, grades, numbers, declared purposes."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_babel import format_decimal, format_timedelta
from flask_babel import gettext as _

from campus import clock

from .forms import REASONS
from .notices import hand_in_notices
from .service.declarations import purpose_labels
from .service.grades import format_grade


def time_left(moment: datetime) -> str:
    """ "in 3 Tagen" / "vor 2 Stunden" (in the page's language), relative to the clock's now."""
    delta = moment - clock.now()
    if abs(delta.total_seconds()) < 60:
        return _("now")
    return format_timedelta(delta, granularity="minute", add_direction=True, threshold=1.0)


def init_app(app: Flask) -> None:
    """Register the filters and the reason labels for every template."""
    app.add_template_filter(time_left, "time_left")
    app.add_template_filter(format_grade, "grade")
    app.add_template_filter(format_decimal, "number")
    app.add_template_filter(purpose_labels, "purpose_labels")
    app.context_processor(lambda: {"reasons": REASONS, "hand_in_notices": hand_in_notices})
