"""Receipts: what a student can show that their paper arrived intact (the SHA-256 of the exact bytes)."""

from __future__ import annotations

from typing import Any

from campus import mail

from ..models import Version
from .assignments import find
from .declarations import purpose_labels


def receipt_context(version: Version) -> dict[str, Any]:
    """Everything a receipt shows, for the page, the download and the mail."""
    submission = version.submission
    assignment = find(*submission.key)
    ai = version.declaration.get("ai", {})
    return {
        "version": version,
        "submission": submission,
        "assignment": assignment,
        "assignment_title": assignment.title if assignment else submission.assignment_id,
        "module_title": assignment.module.title_for("de") if assignment else submission.module_id,
        "independence": version.declaration.get("independence", {}),
        "ai": ai,
        "tools": [
            {**row, "purpose_text": purpose_labels(row.get("purposes", []))} for row in ai.get("tools", [])
        ],
        "link": mail.external_url("submissions.receipt", version_id=version.id),
    }
