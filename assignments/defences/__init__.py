"""Oral defences of term papers: availability, booking, waitlist, planning, calendars and protocols.

The planner (``assignments.defences.planner``) is a Flask-free library, usable without an app; so
this package's ``__init__`` imports nothing of Flask, and ``init_app`` imports the Flask-dependent
modules only when an app plugs the feature in (DESIGN.md, "Layout of a feature").
"""

from __future__ import annotations

from typing import Any


def init_app(app: Any) -> None:
    """Register the feature's tables, blueprint, CLI group and dashboard panels on a Campus app."""
    from .setup import register  # deferred: importing the planner must not import Flask

    register(app)
