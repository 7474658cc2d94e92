"""Forms every part of the platform shares."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SubmitField


class ActionForm(FlaskForm):
    """An empty form: a button that posts with a CSRF token (deactivate, publish, move, send again)."""

    submit = SubmitField()
