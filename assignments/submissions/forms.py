"""The forms of submissions (Flask-WTF: CSRF on every one)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .service.declarations import MAX_TOOLS, PURPOSES
from .service.grades import grade_choices, parse_grade

TOOL_ROWS = 4  # empty rows offered for AI tools (the form works without JavaScript)
MAX_FEEDBACK = 20_000


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a multiple choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ToolForm(Form):
    """One row of the AI-use declaration: tool, purposes, where."""

    tool = StringField(_l("Tool"), validators=[Optional(), Length(max=100)])
    purposes = MultiCheckboxField(
        _l("Used for"),
        choices=[SelectChoice(key, label) for key, label in PURPOSES.items()],
        validate_choice=True,
    )
    where = StringField(
        _l("Where in the paper (sections or pages)"), validators=[Optional(), Length(max=200)]
    )

    def validate_where(self, field: StringField) -> None:
        if self.tool.data and not (self.purposes.data and field.data):
            raise ValidationError(_l("Please say what the tool was used for and where."))
        if not self.tool.data and (self.purposes.data or field.data):
            raise ValidationError(_l("Please name the tool."))


class UploadForm(FlaskForm):
    """A new version with both declarations."""

    file = FileField(_l("Your paper"), validators=[FileRequired(_l("Please choose a file."))])
    independence = BooleanField(
        _l("I confirm the declaration of independent work above."),
        validators=[DataRequired(_l("Please confirm the declaration of independent work."))],
    )
    no_ai = BooleanField(_l("I used no AI tools for this paper."))
    tools = FieldList(FormField(ToolForm), min_entries=TOOL_ROWS, max_entries=MAX_TOOLS)
    submit = SubmitField(_l("Upload"))


class FinaliseForm(FlaskForm):
    """The explicit final submission."""

    confirm = BooleanField(
        _l("I understand that I cannot upload another version or change anything afterwards."),
        validators=[DataRequired(_l("Please confirm that you want to hand in finally."))],
    )
    submit = SubmitField(_l("Hand in finally"))


REASONS = {
    "nachteilsausgleich": _l("Compensation for disadvantage (Nachteilsausgleich)"),
    "illness": _l("Illness"),
    "other": _l("Other reason"),
}


class ExtensionRequestForm(FlaskForm):
    """A request for more time; never with medical documents."""

    reason = RadioField(
        _l("Reason"),
        choices=[SelectChoice(key, label) for key, label in REASONS.items()],
        validators=[InputRequired()],
    )
    note = TextAreaField(
        _l("Short explanation"), validators=[DataRequired(), Length(max=1000)], render_kw={"rows": 4}
    )
    submit = SubmitField(_l("Request extension"))


class ExtensionDecisionForm(FlaskForm):
    """A responsible lecturer's decision on a request."""

    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("grant", _l("Grant")), SelectChoice("refuse", _l("Refuse"))],
        validators=[InputRequired()],
    )
    due = DateTimeLocalField(_l("New due date"), validators=[Optional()])
    cutoff = DateTimeLocalField(_l("New cut-off for late submissions"), validators=[Optional()])
    office_confirmed = RadioField(
        _l("Confirmed by the examination office"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[InputRequired()],
    )
    note = TextAreaField(
        _l("Note to the student"), validators=[Optional(), Length(max=1000)], render_kw={"rows": 3}
    )
    submit = SubmitField(_l("Save decision"))

    def validate(self, extra_validators: Any = None) -> bool:
        """A grant needs both new dates, the cut-off not before the due date (Optional() on the fields
        would stop an inline validator, so the check is here)."""
        valid = super().validate(extra_validators)
        if self.decision.data != "grant":
            return valid
        if not self.due.data or not self.cutoff.data:
            self.cutoff.errors = [
                *self.cutoff.errors,
                _l("A granted extension needs a new due date and cut-off."),
            ]
            return False
        if self.cutoff.data < self.due.data:
            self.cutoff.errors = [*self.cutoff.errors, _l("The cut-off must not be before the due date.")]
            return False
        return valid


def _grade(_form: FlaskForm, field: SelectField) -> None:
    try:
        parse_grade(field.data)
    except ValueError as error:
        raise ValidationError(_l("Please choose a grade of the German scale.")) from error


class MarkingForm(FlaskForm):
    """Feedback in Markdown and the first marker's grade."""

    feedback = TextAreaField(
        _l("Feedback (Markdown)"), validators=[Length(max=MAX_FEEDBACK)], render_kw={"rows": 14}
    )
    grade = SelectField(_l("Grade"), choices=grade_choices, validators=[_grade], validate_choice=False)
    save = SubmitField(_l("Save draft"))
    complete = SubmitField(_l("Marking complete"))


class SecondMarkingForm(FlaskForm):
    """The second marker's grade, recorded separately, with a note."""

    second_grade = SelectField(
        _l("Second grade"), choices=grade_choices, validators=[_grade], validate_choice=False
    )
    second_note = TextAreaField(_l("Note"), validators=[Length(max=5000)], render_kw={"rows": 4})
    submit = SubmitField(_l("Save second grade"))


class AgreedGradeForm(FlaskForm):
    """The final grade both markers agreed on."""

    final_grade = SelectField(
        _l("Agreed grade"), choices=grade_choices, validators=[_grade], validate_choice=False
    )
    submit = SubmitField(_l("Save agreed grade"))


class MarkerForm(FlaskForm):
    """Assign a lecturer or examiner as (second) marker of an assignment."""

    email = StringField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    second = BooleanField(_l("Second marker"))
    submit = SubmitField(_l("Add marker"))


class FilterForm(FlaskForm):
    """Filters of the marking table (GET, no CSRF needed)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()], validate_choice=False)
    late = SelectField(
        _l("Late"),
        choices=[
            SelectChoice("", _l("All")),
            SelectChoice("yes", _l("Late only")),
            SelectChoice("no", _l("On time only")),
        ],
        validators=[Optional()],
    )
