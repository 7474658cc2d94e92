"""Forms of the administration pages."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from sqlalchemy import select
from wtforms import (
    EmailField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from campus.accounts.labels import ROLE_LABELS
from campus.accounts.models import Cohort
from campus.extensions import db


def cohort_choices() -> list[SelectChoice]:
    """Every cohort by name, after "(none)" (0)."""
    cohorts = db.session.scalars(select(Cohort).order_by(Cohort.name))
    return [SelectChoice(0, _("(none)")), *(SelectChoice(c.id, c.name) for c in cohorts)]


class CheckboxList(SelectMultipleField):
    """Several choices as a list of checkboxes (a fieldset is accessible; a multi-select is not)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class UserForm(FlaskForm):
    """Create or edit an account.

    Fields are named after plain columns (``cohort_id``, not the ``cohort`` relation) and the view fills
    them from ``data``, never from ``obj``: WTForms would take a value from any same-named attribute of
    ``obj``, and a Cohort object matches no choice, so saving the unchanged form cleared the cohort.
    Whether the account is active is not edited here: deactivation asks for confirmation on its own page.
    """

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    matriculation_number = StringField(
        _l("Matriculation number"),
        validators=[Optional(), Regexp(r"^[0-9]{5,10}$", message=_l("5 to 10 digits."))],
    )
    roles = CheckboxList(
        _l("Roles"), choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()]
    )
    cohort_id = SelectField(_l("Cohort"), coerce=int, default=0)
    submit = SubmitField(_l("Save"))

    def validate_roles(self, field: CheckboxList) -> None:
        if not field.data:
            raise ValidationError(_l("Choose at least one role."))


class CohortForm(FlaskForm):
    """Name a cohort."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    submit = SubmitField(_l("Save"))


class ImportForm(FlaskForm):
    """Upload a CSV of accounts."""

    cohort = SelectField(_l("Cohort of the imported students"), coerce=int)
    file = FileField(
        _l("CSV file"),
        validators=[FileRequired(), FileAllowed(["csv", "txt"], _l("Please choose a .csv file."))],
    )
    submit = SubmitField(_l("Check and import"))


class AuditFilterForm(FlaskForm):
    """Filter the audit log (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    action = SelectField(_l("Action"), validate_choice=False)
    actor = StringField(_l("Person (e-mail)"), validators=[Optional(), Length(max=254)])
    submit = SubmitField(_l("Filter"))
