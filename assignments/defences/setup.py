"""Plugging the feature into a Campus app (called by ``init_app``)."""

from __future__ import annotations

from flask import Flask

from . import models  # noqa: F401  (the tables exist for create_all and migrations)
from .cli import defences


def register(app: Flask) -> None:
    """Register the tables, the CLI group and, later in this module, blueprint and panels."""
    app.cli.add_command(defences)
