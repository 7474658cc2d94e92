"""Notices other features add to the hand-in page and the receipt, without submissions knowing them.

    from assignments.submissions.notices import Notice, register_notice
    register_notice(app, Notice("review/_hand_in_notice.html", "review/_hand_in_notice.txt"))

The HTML template is included on the assignment's page (above the upload form) and on the receipt
page; the text template in the receipt file and the receipt mail. The AI-text signal's review tells
students this way that final papers are analysed on the server.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

EXTENSION = "submissions.notices"


@dataclass(frozen=True)
class Notice:
    """Templates of one notice: for pages, and for plain text (receipt file and mail)."""

    html: str
    text: str | None = None


def register_notice(app: Flask, notice: Notice) -> None:
    """Add a notice to the hand-in page and the receipt of ``app``."""
    app.extensions.setdefault(EXTENSION, []).append(notice)


def hand_in_notices() -> list[Notice]:
    """The notices registered on the current app, in registration order."""
    return list(current_app.extensions.get(EXTENSION, []))
