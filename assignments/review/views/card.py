"""The pages for everyone: the model card (method, training data, validation, limits, local calibration
and outcomes) and the privacy notice on the AI-text signal."""

from __future__ import annotations

from flask import render_template

from assignments.detection import ModelError
from assignments.detection.card import render
from campus.courses.content.render import render_markdown

from ..detector import app_model
from ..service.figures import validation
from ..service.outcomes import evaluate
from ..texts import page_language


def show() -> str:
    """The card in German and English (the page's language first), open to everyone signed in or not."""
    try:
        model = app_model()
    except ModelError:
        model = None
    html = render_markdown(render(model), "/").html if model else ""
    return render_template("review/card.html", model=model, card_html=html, lang=page_language(),
                           figures=validation(model) if model else {}, local=evaluate())  # fmt: skip


def privacy() -> str:
    """The privacy notice on the AI-text signal, with the programme's transparency setting."""
    return render_template("review/privacy.html")
