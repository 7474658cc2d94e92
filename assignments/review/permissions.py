"""Who may see a report and who decides. Anything a user may not see is answered with 404.

- the markers of the assignment (responsible lecturers, markers, second markers) read its reports;
- administrators read them too (the blind-marking rules of submissions apply), and run rescoring,
  the local calibration and the local figures;
- only a responsible lecturer records a decision;
- students never see a report, a score or a band: not their own, not anyone's.
"""

from __future__ import annotations

from assignments.submissions.models import Submission
from assignments.submissions.permissions import StaffRoles, require, roles
from assignments.submissions.service.assignments import Assignment, find
from campus.accounts.models import Role, User
from campus.extensions import db


def report_access(user: User, submission_id: int) -> tuple[Submission, Assignment, StaffRoles]:
    """The final submission with its assignment and ``user``'s roles; 404 unless ``user`` is its staff."""
    submission = db.session.get(Submission, submission_id)
    require(submission is not None and submission.is_final)
    assert submission is not None
    assignment = find(*submission.key)
    require(assignment is not None)
    assert assignment is not None
    staff = roles(user, assignment)
    require(staff.staff)
    return submission, assignment, staff


def decides(staff: StaffRoles) -> bool:
    """Records decisions: a responsible lecturer of the assignment."""
    return staff.responsible


def administers(user: User) -> bool:
    """Runs rescoring, the local calibration and the local figures."""
    return user.has_role(Role.ADMIN)
