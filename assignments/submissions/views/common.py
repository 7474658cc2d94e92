"""Lookups every view shares: the assignment, submission or version named in the URL, or 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from campus.accounts.models import User
from campus.extensions import db

from ..models import Extension, Marking, Submission, Version
from ..permissions import StaffRoles, is_owner, require, roles, sees_names
from ..service.assignments import Assignment, find


def me() -> User:
    """The signed-in user (the views are all login_required)."""
    return current_user._get_current_object()


def assignment_or_404(module_id: str, edition_id: str, assignment_id: str) -> Assignment:
    """The assignment in the URL."""
    assignment = find(module_id, edition_id, assignment_id)
    require(assignment is not None)
    assert assignment is not None
    return assignment


def staff_or_404(assignment: Assignment) -> StaffRoles:
    """The signed-in user's staff roles for the assignment; 404 for anyone without one."""
    staff = roles(me(), assignment)
    require(staff.staff)
    return staff


def submission_for(submission: Submission | None) -> tuple[Submission, Assignment, StaffRoles | None]:
    """The submission with its assignment; ``None`` roles for its owner, the roles for staff, else 404."""
    require(submission is not None)
    assert submission is not None
    assignment = find(*submission.key)
    if is_owner(me(), submission):
        if assignment is None:
            abort(404)
        return submission, assignment, None
    require(assignment is not None)
    assert assignment is not None
    return submission, assignment, staff_or_404(assignment)


def submission_or_404(submission_id: int) -> tuple[Submission, Assignment, StaffRoles | None]:
    """The submission in the URL, for its owner or its assignment's staff."""
    return submission_for(db.session.get(Submission, submission_id))


def version_or_404(version_id: int) -> tuple[Version, Assignment, StaffRoles | None]:
    """The version in the URL, for its owner or its assignment's staff."""
    version = db.session.get(Version, version_id)
    require(version is not None)
    assert version is not None
    _submission, assignment, staff = submission_for(version.submission)
    return version, assignment, staff


def marking_or_404(marking_id: int) -> tuple[Marking, Assignment, StaffRoles | None]:
    """The feedback in the URL: for staff always, for its student once released."""
    marking = db.session.get(Marking, marking_id)
    require(marking is not None)
    assert marking is not None
    _submission, assignment, staff = submission_for(marking.submission)
    return marking, assignment, staff


def extension_or_404(extension_id: int) -> tuple[Extension, Assignment, StaffRoles | None]:
    """The extension request in the URL, for its student or the assignment's responsible lecturers."""
    extension = db.session.get(Extension, extension_id)
    require(extension is not None)
    assert extension is not None
    assignment = find(extension.module_id, extension.edition_id, extension.assignment_id)
    require(assignment is not None)
    assert assignment is not None
    if extension.user_id == me().id:
        return extension, assignment, None
    staff = roles(me(), assignment)
    require(staff.responsible or staff.admin)
    return extension, assignment, staff


def person(submission: Submission, assignment: Assignment) -> str:
    """How staff pages name the student: by name, or by candidate number while marking is blind."""
    if sees_names(me(), assignment):
        return submission.user.name
    return submission.candidate_number
