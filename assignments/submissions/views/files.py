"""Files: a version's original (or, for blind marking, the copy without author metadata), its text,
all papers of an assignment as one zip, and the grades as CSV. Every staff view is audit-logged."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile

from flask import Response, render_template, send_file
from flask_login import login_required

from campus import storage
from campus.audit import audit
from campus.extensions import db

from ..extract.names import sanitise_name, split_extension
from ..models import Version
from ..permissions import require
from ..service.assignments import Assignment
from ..service.grades import format_grade
from ..service.marking import final_submissions
from .common import assignment_or_404, me, person, staff_or_404, version_or_404

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def _download_name(version: Version, assignment: Assignment) -> str:
    """The original name, or while marking is blind one that names no one."""
    if assignment.blind:
        extension = split_extension(version.stored_name)[1]
        return sanitise_name(
            f"{version.submission.candidate_number}-{assignment.spec.id}-v{version.number}{extension}"
        )
    return version.stored_name


def _blob_for(version: Version, assignment: Assignment, staff: bool) -> str:
    """Which stored content to send: staff get the stripped copy while marking is blind."""
    if staff and assignment.blind:
        require(version.stripped_sha256 is not None or version.format in ("txt", "md"))
        return version.stripped_sha256 or version.sha256
    return version.sha256


@login_required
def download(version_id: int) -> Response:
    """The file of a version, streamed from storage (never read into memory whole)."""
    version, assignment, staff = version_or_404(version_id)
    if staff is not None:
        audit(me(), "submission.download", version.submission, {"version": version.number})
        db.session.commit()
    sha256 = _blob_for(version, assignment, staff is not None)
    return send_file(
        storage.open_file(sha256),
        mimetype=MIMETYPES.get(version.format, "application/octet-stream"),
        as_attachment=True,
        download_name=_download_name(version, assignment) if staff is not None else version.stored_name,
        etag=sha256,
        max_age=0,
    )


@login_required
def text(version_id: int) -> str:
    """The extracted text of a version, for its markers."""
    version, assignment, staff = version_or_404(version_id)
    require(staff is not None)
    audit(me(), "submission.view_text", version.submission, {"version": version.number})
    db.session.commit()
    return render_template("submissions/marking/text.html", version=version, assignment=assignment,
                           person=person(version.submission, assignment))  # fmt: skip


@login_required
def all_files(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """Every final paper of the assignment as one zip, written to a temporary file, then streamed."""
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    staff_or_404(assignment)
    archive = tempfile.TemporaryFile()  # noqa: SIM115 - closed by send_file after streaming
    count = 0
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for submission in final_submissions(assignment):
            version = submission.latest
            if version is None:
                continue
            sha256 = _blob_for(version, assignment, staff=True)
            name = (
                _download_name(version, assignment)
                if assignment.blind
                else f"{submission.user.name} - {version.stored_name}"
            )
            with storage.open_file(sha256) as source, zipped.open(sanitise_name(name), "w") as target:
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)
            count += 1
    archive.seek(0)
    audit(me(), "assignment.download_all", ("assignment", "/".join(assignment.key)), {"files": count})
    db.session.commit()
    return send_file(archive, mimetype="application/zip", as_attachment=True,
                     download_name=f"{assignment.module.id}-{assignment.edition.id}-{assignment.spec.id}.zip")  # fmt: skip


@login_required
def grades_csv(module_id: str, edition_id: str, assignment_id: str) -> Response:
    """The grades of the assignment as CSV (names only once identities are visible)."""
    assignment = assignment_or_404(module_id, edition_id, assignment_id)
    staff_or_404(assignment)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    named = not assignment.blind
    writer.writerow(["candidate_number", *(["name", "matriculation_number"] if named else []),
                     "status", "late", "grade_first", "grade_second", "grade_final"])  # fmt: skip
    for submission in sorted(final_submissions(assignment), key=lambda s: s.candidate_number):
        marking, latest = submission.marking, submission.latest
        writer.writerow([
            submission.candidate_number,
            *([submission.user.name, submission.user.matriculation_number or ""] if named else []),
            marking.status if marking else "not_marked",
            "yes" if latest and latest.late else "no",
            format_grade(marking.grade if marking else None),
            format_grade(marking.second_grade if marking else None),
            format_grade(marking.final_grade if marking else None),
        ])  # fmt: skip
    audit(me(), "assignment.export_grades", ("assignment", "/".join(assignment.key)))
    db.session.commit()
    name = f"{assignment.module.id}-{assignment.edition.id}-{assignment.spec.id}-noten.csv"
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
