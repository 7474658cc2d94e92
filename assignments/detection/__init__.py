"""AI-text signal: an on-premise detector for German and English academic writing.

The engine (`analyse`, `load_model`) and the report texts for lecturers (`report_texts`, in German and
English) import nothing from Flask or the platform. The application side (which model the platform
scores with, the `flask detector` commands, the reports) lives in `assignments.review`.
"""

from __future__ import annotations

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
    "load_model",
    "report_texts",
]
