"""Extra columns of the marking table, registered by other features without submissions knowing them.

    from assignments.submissions.columns import Column, register_column
    register_column(app, Column("signal", _l("Signal"), value=band_of, sort_key=score_of))

``value(submission)`` returns the cell's text (or None for an empty cell); ``sort_key`` makes the
column sortable. The AI-text signal's review fills its band this way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from .models import Submission

EXTENSION = "submissions.columns"


@dataclass(frozen=True)
class Column:
    """One extra column: a key (for sorting in the URL), a label, and how to fill and sort it."""

    key: str
    label: Any
    value: Callable[[Submission], str | None]
    sort_key: Callable[[Submission], Any] | None = None


def register_column(app: Flask, column: Column) -> None:
    """Add a column to the marking table of ``app``."""
    app.extensions.setdefault(EXTENSION, []).append(column)


def extra_columns() -> list[Column]:
    """The columns registered on the current app, in registration order."""
    return list(current_app.extensions.get(EXTENSION, []))
