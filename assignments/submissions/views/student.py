"""The student's pages: my submissions, an assignment with its upload form, finalising, the status."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.exceptions import RequestEntityTooLarge

from campus import clock, storage
from campus.courses.content.render import render_markdown
from campus.courses.views.common import asset_base
from campus.extensions import csrf, db

from ..enrolment import enrolled_editions
from ..forms import ExtensionRequestForm, FinaliseForm, UploadForm
from ..jobs import extract_version
from ..messages import describe
from ..permissions import require
from ..service import declarations, extensions
from ..service.assignments import (
    CLOSED,
    LATE,
    OPEN,
    OPEN_SOON,
    Assignment,
    deadline_for,
    for_student,
    phase_now,
)
from ..service.hand_in import HandInRefused, check_upload, submission_of, upload
from .common import assignment_or_404, me

# Multipart overhead (boundaries, the declaration fields) allowed on top of the file's own limit.
FORM_OVERHEAD_BYTES = 256 * 1024


def _enrolled_or_404(assignment: Assignment) -> None:
    require(
        (assignment.module.id, assignment.edition.id) in enrolled_editions(me())
        and assignment.edition.is_published
    )


@login_required
def index() -> str:
    """Meine Abgaben: every assignment of my editions with its state and deadline."""
    user = me()
    rows = [(a, submission_of(a, user), deadline_for(a, user), phase_now(a, user)) for a in for_student(user)]
    # What needs doing comes first: open (and late) assignments, soonest due first; then those not open
    # yet; then the closed ones, the most recent first.
    current = [row for row in rows if row[3] in (OPEN, LATE)] + [row for row in rows if row[3] == OPEN_SOON]
    closed = [row for row in rows if row[3] == CLOSED][::-1]
    return render_template("submissions/index.html", rows=current + closed, now=clock.now())


def _assignment_page(assignment: Assignment, form: UploadForm | None = None, error: str | None = None) -> str:
    user = me()
    submission = submission_of(assignment, user)
    return render_template(
        "submissions/assignment.html",
        assignment=assignment,
        submission=submission,
        deadline=deadline_for(assignment, user),
        phase=phase_now(assignment, user),
        form=form or UploadForm(),
        finalise_form=FinaliseForm(),
        extension=extensions.open_request(assignment, user),
        extension_form=ExtensionRequestForm(),
        brief_html=_brief(assignment),
        independence_text=declarations.independence_text(assignment.spec),
        ai_text=declarations.ai_text(assignment.spec),
        error=error,
        now=clock.now(),
    )


def _brief(assignment: Assignment) -> str:
    try:
        text = assignment.spec.brief_path.read_text(encoding="utf-8")
    except OSError:
        return ""
    return render_markdown(text, asset_base(assignment.module.id, assignment.edition.id)).html


@login_required
def assignment(module_id: str, edition_id: str, assignment_id: str) -> str:
    """The assignment: brief, deadline, my versions, the upload form and the final submission."""
    found = assignment_or_404(module_id, edition_id, assignment_id)
    _enrolled_or_404(found)
    return _assignment_page(found)


def _ai_declaration(form: UploadForm) -> declarations.AiDeclaration:
    tools = tuple(
        declarations.ToolUse(row.tool.data.strip(), tuple(row.purposes.data or ()), row.where.data.strip())
        for row in form.tools
        if row.tool.data and row.tool.data.strip()
    )
    return declarations.AiDeclaration(no_ai=bool(form.no_ai.data), tools=tools)


def _storage_full(assignment: Assignment, form: UploadForm) -> Any:
    current_app.logger.error("upload refused: the server's storage is full")
    message = _(
        "The server could not store your file right now because its storage is full. Nothing was changed, "
        "and your earlier versions are safe. Please try again later; the administration has been told."
    )
    return _refuse(assignment, form, message, 507)


def _refuse(assignment: Assignment, form: UploadForm, message: str, status: int = 422) -> Any:
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=False, error=message), status
    return _assignment_page(assignment, form, message), status


@csrf.exempt
@login_required
def upload_version(module_id: str, edition_id: str, assignment_id: str) -> Any:
    """Receive a version. The time is taken and the rules are checked before the body is read; the
    size limit is the assignment's, enforced while the body streams in (413 before it has arrived)."""
    arrived = clock.now()
    found = assignment_or_404(module_id, edition_id, assignment_id)
    _enrolled_or_404(found)
    form = UploadForm(formdata=None)
    try:
        check_upload(found, me(), arrived)
    except HandInRefused as refusal:
        return _refuse(found, form, str(refusal), 409)
    request.max_content_length = found.spec.max_mb * 1024 * 1024 + FORM_OVERHEAD_BYTES
    try:
        csrf.protect()  # reads the body: here the limit applies
        form = UploadForm()
    except RequestEntityTooLarge:
        message = _(
            "The file is larger than the %(max_mb)s MB this assignment accepts.", max_mb=found.spec.max_mb
        )
        return _refuse(found, form, message, 413)
    except OSError as error:  # the server's temporary space is full while the body is spooled
        if error.errno not in storage.FULL_ERRORS:
            raise
        return _storage_full(found, form)
    if not form.validate():
        return _refuse(found, form, _("Please check the marked fields."))
    try:
        version, result = upload(
            found, me(), form.file.data.stream, form.file.data.filename, _ai_declaration(form), arrived
        )
    except HandInRefused as refusal:
        db.session.rollback()
        return _refuse(found, form, str(refusal))
    except storage.StorageFull:
        db.session.rollback()
        return _storage_full(found, form)
    extract_version.enqueue(version.id)
    db.session.commit()  # the version is durable (file, then row) before the receipt is shown
    if result.notice is not None:
        flash(describe(result.notice) or "", "warning")
    target = url_for("submissions.receipt", version_id=version.id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=True, redirect=target)
    return redirect(target, code=303)
