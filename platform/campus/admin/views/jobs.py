"""The administrators' view of the background jobs: what waits, what is scheduled, what failed."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from campus import jobs


def job_status() -> str:
    """The same lists as ``flask jobs status``."""
    queue = jobs.queue_for()
    return render_template(
        "admin/jobs.html",
        description=_("none, jobs run in the web process (test mode)")
        if queue.huey.immediate
        else queue.description,
        pending=queue.pending(),
        scheduled=queue.scheduled(),
        failed=queue.failed(),
    )
