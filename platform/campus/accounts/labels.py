"""How roles are named on pages, in the user's language."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from campus.accounts.models import Role

ROLE_LABELS = {
    Role.STUDENT: _l("Student"),
    Role.LECTURER: _l("Lecturer"),
    Role.EXAMINER: _l("Examiner"),
    Role.ADMIN: _l("Administrator"),
}
# Dashboard section headings: what the person does in that role.
ROLE_HEADINGS = {
    Role.STUDENT: _l("My studies"),
    Role.LECTURER: _l("My teaching"),
    Role.EXAMINER: _l("My examinations"),
    Role.ADMIN: _l("Administration"),
}


def init_app(app: Flask) -> None:
    """Template filters ``role_label`` and ``role_heading``."""
    app.add_template_filter(lambda role: str(ROLE_LABELS[Role(role)]), "role_label")
    app.add_template_filter(lambda role: str(ROLE_HEADINGS[Role(role)]), "role_heading")
