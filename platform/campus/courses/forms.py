"""Forms of the reading side of course modules."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SubmitField
from wtforms.validators import InputRequired


class EnrolmentForm(FlaskForm):
    """Enrol a cohort in an edition of a module; the view fills in the choices."""

    cohort = SelectField(_l("Cohort"), coerce=int, validators=[InputRequired()])
    edition = SelectField(_l("Edition"), validators=[InputRequired()])
    submit = SubmitField(_l("Enrol cohort"))
