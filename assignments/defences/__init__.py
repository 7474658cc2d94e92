"""Oral defences of term papers: availability, booking, planning a whole cohort.

The planner (``assignments.defences.planner``) is a Flask-free library; ``init_app`` plugs the
feature into a Campus app and imports the Flask-dependent modules only then.
"""

from __future__ import annotations

from typing import Any


def init_app(app: Any) -> None:
    """Register the `defences` CLI group on a Flask app."""
    from .cli import defences

    app.cli.add_command(defences)
