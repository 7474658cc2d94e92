"""Demo papers for the AI-text signal: three more students of the demo cohort hand in final papers
in the open demo assignment, one for each band (one in the typical style of a chatbot), so right
after ``make run`` the demo lecturer sees reports, the marking table's column and the chart.

The authors are students of the demo cohort without a published password: nobody signs in as them.
"""

from __future__ import annotations

import io

import docx
from sqlalchemy import select

from assignments.submissions.demo import open_assignment
from assignments.submissions.jobs import extract_version
from assignments.submissions.service import declarations
from assignments.submissions.service.hand_in import finalise, submission_of, upload
from campus import clock
from campus.accounts.models import Cohort, Role, User
from campus.accounts.service import create_user
from campus.demo import DEMO_COHORT
from campus.extensions import db

from . import demo_texts

# (e-mail, name, text): a chatbot-style paper, a paper in the student's own voice, one in French.
DEMO_AUTHORS = (
    ("aylin.kaya@campus.example", "Aylin Kaya", demo_texts.CHATBOT),
    ("tom.berger@campus.example", "Tom Berger", demo_texts.PRACTICE),
    ("sofia.rossi@campus.example", "Sofia Rossi", demo_texts.FRENCH),
)


def as_docx(text: str) -> bytes:
    """The paper as a Word file: the first line as its heading, one paragraph per line."""
    document = docx.Document()
    first, *rest = text.strip().splitlines()
    document.add_heading(first, 1)
    for line in rest:
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_demo_reports() -> None:
    """Hand in the demo papers once (idempotent); their extraction, and then the analysis, run as jobs
    after the caller's commit."""
    assignment = open_assignment()
    cohort = db.session.scalar(select(Cohort).filter_by(name=DEMO_COHORT))
    if assignment is None or cohort is None:
        return
    for email, name, text in DEMO_AUTHORS:
        user = db.session.scalar(select(User).filter_by(email=email))
        if user is None:
            user, _password = create_user(email, name, (Role.STUDENT,), cohort=cohort)
            db.session.flush()
        if submission_of(assignment, user) is not None:
            continue
        version, _result = upload(assignment, user, io.BytesIO(as_docx(text)), "Hausarbeit.docx",
                                  declarations.AiDeclaration(no_ai=True), clock.now())  # fmt: skip
        extract_version.enqueue(version.id, receipt=False)
        finalise(version.submission, user)
