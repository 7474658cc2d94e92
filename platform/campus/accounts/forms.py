"""Forms of the sign-in and account pages."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from campus.accounts.passwords import password_problem


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=1024)])
    submit = SubmitField(_l("Sign in"))


class ChangePasswordForm(FlaskForm):
    """The current password and a new one, twice."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))],
    )
    submit = SubmitField(_l("Change password"))

    def __init__(self, email: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._email = email

    def validate_new_password(self, field: StringField) -> None:
        problem = password_problem(field.data or "", self._email)
        if problem:
            raise ValidationError(problem)


class LanguageForm(FlaskForm):
    """The language switch in the page header."""

    language = SelectField(
        _l("Language"), choices=[SelectChoice("de", "Deutsch"), SelectChoice("en", "English")]
    )
    submit = SubmitField(_l("Switch"))


class ForgotPasswordForm(FlaskForm):
    """The address to send a password-reset link to."""

    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    submit = SubmitField(_l("Send link"))


class NewPasswordForm(FlaskForm):
    """A new password, twice (reset and invitation links)."""

    new_password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=1024)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two new passwords differ."))],
    )
    submit = SubmitField(_l("Save password"))

    def __init__(self, email: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._email = email

    def validate_new_password(self, field: StringField) -> None:
        problem = password_problem(field.data or "", self._email)
        if problem:
            raise ValidationError(problem)
