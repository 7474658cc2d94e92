"""Term-paper submissions: hand-in with declarations, receipts, safe text extraction and marking.

``extract`` is the Flask-free core (checking and text extraction); everything else plugs into the
app through `init_app`, as DESIGN.md's "Layout of a feature" describes.
"""

from __future__ import annotations

from flask import Flask

from .cli import submissions_cli


def init_app(app: Flask) -> None:
    """Register the feature: for now its command group."""
    app.cli.add_command(submissions_cli)
