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

# What a dashboard section says while no part of the platform has anything to show there.
ROLE_EMPTY_STATES = {
    Role.STUDENT: _l(
        "You are not enrolled in a module yet. Your cohort is enrolled by the programme office."
    ),
    Role.LECTURER: _l("No module names you as a responsible lecturer yet."),
    Role.EXAMINER: _l("No oral defences are planned for you yet. They appear here once students book them."),
    Role.ADMIN: _l("Nothing to do here yet."),
}


def init_app(app: Flask) -> None:
    """Template filters ``role_label``, ``role_heading`` and ``role_empty_state``."""
    app.add_template_filter(lambda role: str(ROLE_LABELS[Role(role)]), "role_label")
    app.add_template_filter(lambda role: str(ROLE_HEADINGS[Role(role)]), "role_heading")
    app.add_template_filter(lambda role: str(ROLE_EMPTY_STATES[Role(role)]), "role_empty_state")
