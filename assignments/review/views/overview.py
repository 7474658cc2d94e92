"""An assignment's signal at a glance for its markers: counts per band, the distribution of scores."""

from __future__ import annotations

from flask import render_template
from flask_login import login_required

from assignments.submissions.permissions import require, roles
from assignments.submissions.service.assignments import find
from campus.audit import audit
from campus.extensions import db

from ..labels import BAND_LABELS
from ..models import BANDS
from ..service.distribution import HEIGHT, WIDTH, distribution
from ..service.rescore import final_submissions
from .report import me


@login_required
def show(module_id: str, edition_id: str, assignment_id: str) -> str:
    """Counts per band, and the histogram as SVG with the same figures as a table."""
    assignment = find(module_id, edition_id, assignment_id)
    require(assignment is not None)
    assert assignment is not None
    staff = roles(me(), assignment)
    require(staff.staff)
    found = distribution(final_submissions(assignment.key))
    audit(me(), "review.view_overview", ("assignment", "/".join(assignment.key)))
    db.session.commit()
    return render_template("review/overview.html", assignment=assignment, staff=staff, dist=found,
                           bands=BANDS, band_labels=BAND_LABELS, width=WIDTH, height=HEIGHT)  # fmt: skip
