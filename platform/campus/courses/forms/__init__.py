"""Forms of the course-module pages; every one carries a CSRF token (Flask-WTF).

The edition settings form is in `forms.edition`, its conversion from and to edition.toml's data in
`forms.edition_data`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp

from ..content.validate import SLUG

MAX_TEXT = 1_000_000  # characters; a long lesson has about 50,000
SLUG_MESSAGE = _l("Use lower-case letters, digits and hyphens, e.g. datenschutz-grundlagen.")


class FileTextForm(FlaskForm):
    """A file's text, with the sha256 of the state the editor opened (for the conflict check)."""

    text = TextAreaField(_l("Markdown text"), validators=[Length(max=MAX_TEXT)])
    base_sha256 = HiddenField()
    save = SubmitField(_l("Save"))
    preview = SubmitField(_l("Preview"))


class EditionFileForm(FlaskForm):
    """edition.toml as text: sessions, readings, assignments and dates."""

    text = TextAreaField(_l("edition.toml"), validators=[DataRequired(), Length(max=MAX_TEXT)])
    base_sha256 = HiddenField()
    save = SubmitField(_l("Check and save"))


class PreviewForm(FlaskForm):
    """What editor.js posts for the live preview."""

    text = TextAreaField(validators=[Length(max=MAX_TEXT)])


class RestoreForm(FlaskForm):
    """Restore one version; the sha256 is that of the file when the version page was opened."""

    base_sha256 = HiddenField()


class NewLessonForm(FlaskForm):
    """A new lesson: its title, and optionally the file name part (derived from the title otherwise)."""

    new_title = StringField(_l("Title of the new lesson"), validators=[DataRequired(), Length(max=200)])
    new_name = StringField(
        _l("File name (optional)"),
        validators=[Optional(), Length(max=50), Regexp(SLUG.pattern, message=SLUG_MESSAGE)],
    )


class RenameForm(FlaskForm):
    """A lesson's new file name part; the number stays."""

    name = StringField(
        _l("New file name"),
        validators=[DataRequired(), Length(max=50), Regexp(SLUG.pattern, message=SLUG_MESSAGE)],
    )


class DeleteForm(FlaskForm):
    """Confirm deleting a lesson in the state it had when the confirm page was opened."""

    base_sha256 = HiddenField(validators=[DataRequired()])


class AssetForm(FlaskForm):
    """Upload a file to the edition's assets/ folder."""

    asset = FileField(_l("File"), validators=[FileRequired()])
    replace = BooleanField(_l("Replace a file of the same name"))


class EnrolmentForm(FlaskForm):
    """Enrol a cohort in an edition of a module; the view fills in the choices."""

    cohort = SelectField(_l("Cohort"), coerce=int, validators=[InputRequired()])
    edition = SelectField(_l("Edition"), validators=[InputRequired()])
    submit = SubmitField(_l("Enrol cohort"))
