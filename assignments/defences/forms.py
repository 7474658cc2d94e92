"""Flask-WTF forms of the defences pages (every POST carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes: easier by keyboard and on a phone than a multi-select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token."""


class SlotForm(FlaskForm):
    """Book or move to one offered time (epoch minute)."""

    start = RadioField(_l("Time"), coerce=int, validators=[InputRequired(_l("Please choose a time."))])


class RangeForm(FlaskForm):
    """One range of availability on one day."""

    day = SelectField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired(_l("Please enter a time."))])
    end = TimeField(_l("Until"), validators=[InputRequired(_l("Please enter a time."))])


class WeeklyForm(FlaskForm):
    """The same range on every such weekday of the window."""

    weekday = SelectField(_l("Weekday"), coerce=int, validators=[InputRequired()])
    start = TimeField(_l("From"), validators=[InputRequired(_l("Please enter a time."))])
    end = TimeField(_l("Until"), validators=[InputRequired(_l("Please enter a time."))])


class LimitForm(FlaskForm):
    """The examiner's maximum number of defences per day."""

    max_per_day = IntegerField(_l("At most this many defences per day"),
                               validators=[Optional(), NumberRange(1, 30)])  # fmt: skip


class ReasonForm(FlaskForm):
    """A cancellation by staff, with the reason the student reads."""

    reason = StringField(_l("Reason (the student reads it)"), validators=[DataRequired(), Length(max=300)])


class StudentForm(FlaskForm):
    """Pick a student (Nachteilsausgleich, invitation)."""

    student_id = SelectField(_l("Student"), coerce=int, validators=[InputRequired()])


class ReassignForm(FlaskForm):
    """Move a defence by hand: a new start and panel."""

    day = DateField(_l("Day"), validators=[InputRequired()])
    start = TimeField(_l("Start"), validators=[InputRequired()])
    panel = CheckboxesField(_l("Panel"), coerce=int, validators=[InputRequired()])


class AdjustForm(FlaskForm):
    """Change one row of a proposed plan."""

    student_id = HiddenField()
    day = DateField(_l("Day"), validators=[Optional()])
    start = TimeField(_l("Start"), validators=[Optional()])
    panel = SelectMultipleField(_l("Panel"), coerce=int, validators=[Optional()])
    unplan = BooleanField(_l("Leave unplanned"))


class ProtocolForm(FlaskForm):
    """The Prüfungsprotokoll (questions come as parallel lists, see views.records)."""

    started = TimeField(_l("Actual start"), validators=[Optional()])
    ended = TimeField(_l("Actual end"), validators=[Optional()])
    panel = CheckboxesField(_l("Panel members present"), coerce=int, validators=[Optional()])
    other_questions = TextAreaField(
        _l("Further questions asked (one per line)"), validators=[Length(max=10_000)]
    )
    notes = TextAreaField(_l("Notes"), validators=[Length(max=20_000)])
    outcome = RadioField(_l("Outcome"), validators=[Optional()], choices=[
        SelectChoice("confirmed", _l("Authorship confirmed")), SelectChoice("doubts", _l("Doubts remain")),
        SelectChoice("not_confirmed", _l("Authorship not confirmed"))])  # fmt: skip
    grade_effect = TextAreaField(_l("Effect on the grade"), validators=[Length(max=2000)])


class CorrectionForm(FlaskForm):
    """Start a corrected version of a locked protocol."""

    reason = StringField(_l("What is corrected"), validators=[DataRequired(), Length(max=500)])
