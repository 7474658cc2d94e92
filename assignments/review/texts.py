"""The engine's report texts (assignments.detection.texts) for a stored report, in the page's language."""

from __future__ import annotations

from flask_babel import get_locale

from assignments.detection import Analysis, report_texts
from assignments.submissions.models import Submission

from .models import ABSTAIN, SIGNAL, Report

EDITING_PURPOSES = {"language", "translation"}


def page_language() -> str:
    """ "de" or "en": the languages the engine's texts exist in."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "de"


def declared_editing(submission: Submission) -> bool:
    """Whether the student declared AI tools for language editing or translation."""
    ai = (submission.latest.declaration if submission.latest else {}).get("ai", {})
    return any(EDITING_PURPOSES & set(row.get("purposes", [])) for row in ai.get("tools", []))


def explanation(report: Report, submission: Submission) -> dict[str, str]:
    """Explanation, what a score is and is not, and the note on declared language editing."""
    # The review's own abstention reasons (no text layer ...) are worded by the review's labels.
    result = Analysis(report.probability, report.band == SIGNAL, report.band == ABSTAIN, None, report.language,
                      report.words, report.threshold)  # fmt: skip
    return report_texts(result, page_language(), declared_editing=declared_editing(submission))
