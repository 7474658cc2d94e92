"""The marking table's column: each final paper's band, linked to its report, sortable."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from assignments.submissions.models import Submission

from .labels import CELL_LABELS
from .models import BANDS
from .service.analysis import current_report


def signal_cell(submission: Submission) -> str | None:
    """The band of the newest report as a link to it; "pending" while the analysis has not run."""
    if not submission.is_final:
        return None
    report = current_report(submission)
    label = _("pending") if report is None else str(CELL_LABELS[report.band])
    link = url_for("review.report", submission_id=submission.id)
    return Markup('<a href="{}">{}</a>').format(link, escape(label))


def signal_sort(submission: Submission) -> Any:
    """Follow-ups first (highest score first when sorted descending), then no indication, then none."""
    report = current_report(submission) if submission.is_final else None
    if report is None:
        return (-1, 0.0)
    return (len(BANDS) - BANDS.index(report.band), report.probability or 0.0)
