"""AI-text signal: an on-premise detector for German and English academic writing.

The engine (`analyse`, `load_model`) and the report texts for lecturers (`report_texts`, in German and
English) import nothing from Flask; `init_app` registers the `flask detector` command group and
imports the Flask-dependent CLI module only then.
"""

from __future__ import annotations

from typing import Any

from .engine import DEFAULT_MIN_WORDS, Analysis, Passage, analyse, load_model
from .model import Model, ModelError
from .texts import band_of, report_texts

__all__ = [
    "DEFAULT_MIN_WORDS",
    "Analysis",
    "Model",
    "ModelError",
    "Passage",
    "analyse",
    "band_of",
    "init_app",
    "load_model",
    "report_texts",
]


def init_app(app: Any) -> None:
    """Register the `detector` CLI group on a Flask app."""
    from .cli import detector

    app.cli.add_command(detector)
