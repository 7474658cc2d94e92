"""The nightly sweep of the file store, as a periodic job (``flask storage sweep`` does it on demand)."""

from __future__ import annotations

import logging

from campus import jobs

from .service import sweep

log = logging.getLogger(__name__)


@jobs.periodic(jobs.crontab(minute="30", hour="3"))
def sweep_storage() -> None:
    """Every night: log stored files without a row and, as an error, rows whose file is gone."""
    report = sweep()
    if report.missing:
        log.error("storage sweep: %d rows without a file: %s", len(report.missing), ", ".join(report.missing))
    log.info(
        "storage sweep: %d files without a row, %d unfinished writes", len(report.orphans), report.abandoned
    )
