"""Demo data for submissions: an assignment open now (in demo mode the demo module is rolled forward to the
current academic year when its editions are past), and papers in several states written for the demo.

Lena Schmidt: a draft in the open assignment, and last year's paper handed in late, marked, released.
Yusuf Demir: a final paper in the open assignment, and last year's paper marked but not yet released.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import docx
from flask import current_app
from sqlalchemy import select

from campus import clock, storage
from campus.accounts.models import Cohort, User
from campus.courses.content.checks import check_edition_file
from campus.courses.content.manifest import Module
from campus.courses.content.rollover import publish_edition, rollover
from campus.courses.content.validate import next_edition_id
from campus.courses.current import EXTENSION as CATALOGUE
from campus.courses.current import catalogue
from campus.courses.models import Enrolment
from campus.demo import DEMO_COHORT
from campus.extensions import db

from . import demo_texts
from .jobs import extract_version
from .models import FINAL, MARKED, RELEASED, Marking, Submission, Version
from .service import declarations
from .service.assignments import Assignment, find
from .service.hand_in import ensure_submission, finalise, receipt_code, submission_of, upload
from .service.marking import render_feedback

DEMO_MODULE = "aktuelle-entwicklungen"


def academic_year(moment: datetime) -> str:
    """The edition id of the academic year (October to September) that ``moment`` lies in."""
    local = clock.to_local(moment)
    start = local.year if local.month >= 10 else local.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _stamp(moment: datetime) -> str:
    return clock.to_local(moment).strftime("%Y-%m-%dT%H:%M:00")


def _reopen(edition_dir: Path, edition_id: str, now: datetime) -> None:
    """Move the first assignment's dates so that it is open now (and its defence window after it)."""
    path = edition_dir / "edition.toml"
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("[[assignments]]")
    due = (clock.to_local(now) + timedelta(days=21)).replace(hour=23, minute=59)
    values = {
        "opens": _stamp((clock.to_local(now) - timedelta(days=14)).replace(hour=9, minute=0)),
        "due": _stamp(due), "cutoff": _stamp(due + timedelta(days=7)),
        "window_start": str((due + timedelta(days=3)).date()), "window_end": str((due + timedelta(days=14)).date()),
    }  # fmt: skip
    for key, value in values.items():
        rest = re.sub(rf"^{key} = .*$", f"{key} = {value}", rest, count=1, flags=re.MULTILINE)
    new = head + sep + rest
    if not check_edition_file(edition_dir, edition_id, new):
        path.write_text(new, encoding="utf-8")


def _module() -> Module | None:
    """The demo module as it is on disk now (the per-process cache is refreshed after each write)."""
    current_app.extensions[CATALOGUE].invalidate()
    return catalogue(current_app).get(DEMO_MODULE)


def open_assignment() -> Assignment | None:
    """The demo module's first assignment in the current academic year, open now."""
    root = Path(current_app.config["MODULES_DIR"])
    module = _module()
    if module is None or not module.current.assignments:
        return None
    now, year = clock.now(), academic_year(clock.now())
    if not current_app.config.get("DEMO_MODE"):
        # Only a demo (make run) may rewrite module folders; a plain seed uses what is open, if anything.
        spec = module.current.assignments[0]
        return find(DEMO_MODULE, module.current_edition, spec.id) if spec.opens <= now <= spec.due else None
    while module.current_edition < year:  # one year at a time: roll-over copies the current edition
        following = next_edition_id(module.current_edition)
        if following not in module.editions:
            rollover(root, DEMO_MODULE, following)
        publish_edition(root, DEMO_MODULE, following)
        module = _module() or module
    spec = module.current.assignments[0]
    if not spec.opens <= now <= spec.due:
        _reopen(module.current.path, module.current.id, now)
        module = _module() or module
    return find(DEMO_MODULE, module.current_edition, module.current.assignments[0].id)


def _paper(text: str, title: str) -> bytes:
    document = docx.Document()
    lines = text.strip().splitlines()
    document.add_heading(lines[0], 1)
    for line in lines[1:]:
        if line.strip():
            document.add_paragraph(line)
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _past_version(assignment: Assignment, user: User, text: str, late: bool) -> Submission:
    """A final version of a past assignment, created directly (the hand-in rules would refuse it now)."""
    submission = ensure_submission(assignment, user)
    if submission.versions:
        return submission
    stored = storage.save(io.BytesIO(_paper(text, assignment.title)))
    handed = assignment.spec.due + (timedelta(days=2) if late else -timedelta(days=1))
    no_ai = declarations.AiDeclaration(no_ai=True)
    db.session.add(Version(
        submission=submission, number=1, sha256=stored.sha256, size=stored.size, stored_name="Hausarbeit.docx",
        format="docx", uploaded_at=handed, late=late, receipt_code=receipt_code(),
        declaration=declarations.record(assignment.spec, no_ai),
    ))  # fmt: skip
    submission.state, submission.finalised_at = FINAL, handed
    db.session.flush()
    return submission


def seed_demo_submissions() -> None:
    """Create the demo's submissions once (idempotent: students who have one are left alone).

    The caller commits (``flask demo seed``); the extraction jobs leave with that commit, and send no
    receipts: nobody uploaded these papers.
    """
    assignment = open_assignment()
    lena = db.session.scalar(select(User).filter_by(email="studentin@campus.example"))
    yusuf = db.session.scalar(select(User).filter_by(email="student@campus.example"))
    cohort = db.session.scalar(select(Cohort).filter_by(name=DEMO_COHORT))
    if assignment is None or lena is None or yusuf is None or cohort is None:
        return
    _enrol(cohort, assignment)
    arrived = clock.now()
    for user, text, final in ((lena, demo_texts.DRAFT, False), (yusuf, demo_texts.FINAL, True)):
        if submission_of(assignment, user) is None:
            version, _result = upload(assignment, user, io.BytesIO(_paper(text, assignment.title)), "Hausarbeit.docx",
                                      declarations.AiDeclaration(no_ai=True), arrived)  # fmt: skip
            extract_version.enqueue(version.id, receipt=False)
            if final:
                finalise(version.submission, user)
    previous = assignment.module.previous_edition(assignment.edition.id)
    if previous is not None and previous.assignments:
        past = find(assignment.module.id, previous.id, previous.assignments[0].id)
        assert past is not None
        _enrol(cohort, past)
        for user, text, late, released in (
            (lena, demo_texts.LATE, True, True),
            (yusuf, demo_texts.MARKED, False, False),
        ):
            submission = _past_version(past, user, text, late)
            if submission.marking is None:
                grade = 17 if released else 23
                submission.marking = Marking(
                    status=RELEASED if released else MARKED, feedback=demo_texts.FEEDBACK,
                    feedback_html=render_feedback(demo_texts.FEEDBACK) or "", grade=grade, final_grade=grade,
                    released_at=clock.now() if released else None,
                )  # fmt: skip
            assert submission.latest is not None
            extract_version.enqueue(submission.latest.id, receipt=False)


def _enrol(cohort: Cohort, assignment: Assignment) -> None:
    exists = select(Enrolment.id).filter_by(cohort_id=cohort.id, module_id=assignment.module.id,
                                            edition_id=assignment.edition.id)  # fmt: skip
    if db.session.scalar(exists) is None:
        db.session.add(
            Enrolment(cohort_id=cohort.id, module_id=assignment.module.id, edition_id=assignment.edition.id)
        )
        db.session.flush()
