"""The forms of the review (Flask-WTF: CSRF on every one)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .labels import ACTION_LABELS
from .models import ACTIONS
from .service.analysis import MAX_PASSAGES
from .service.decisions import MAX_QUESTION, MAX_REASON

FREE_QUESTIONS = 2  # empty rows for questions of the lecturer's own (the form works without JavaScript)


class QuestionForm(Form):
    """One question for the panel: about a passage of the report (``passage`` its number) or free."""

    include = BooleanField(_l("Ask this"))
    text = TextAreaField(_l("Question"), validators=[Optional(), Length(max=MAX_QUESTION)])
    passage = HiddenField()


class DecisionForm(FlaskForm):
    """The decision with its required reason; the questions matter for "discuss" only."""

    action = RadioField(
        _l("Decision"),
        choices=[SelectChoice(a, ACTION_LABELS[a]) for a in ACTIONS],
        validators=[InputRequired(message=_l("Please choose a decision."))],
    )
    reason = TextAreaField(
        _l("Reason for the decision"),
        validators=[
            DataRequired(message=_l("Please give a reason for the decision.")),
            Length(max=MAX_REASON),
        ],
    )
    questions = FieldList(FormField(QuestionForm), max_entries=MAX_PASSAGES + FREE_QUESTIONS)
    invite = BooleanField(_l("Invite the student to book an oral defence"))


class CalibrationForm(FlaskForm):
    """Known-human papers for the local calibration: a zip of PDF/DOCX/ODT/TXT files, or a JSONL file."""

    file = FileField(_l("Known-human papers (zip or JSONL)"), validators=[FileRequired()])
    share = DecimalField(
        _l("Highest share flagged (per cent)"), default=1, places=1,
        validators=[InputRequired(), NumberRange(min=0, max=20)],
    )  # fmt: skip
    keep = BooleanField(_l("Keep the texts on the server after the calibration"))
