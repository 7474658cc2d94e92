"""Every URL of submissions, in one place. Assignments are named by module, edition and assignment id."""

from __future__ import annotations

from flask import Blueprint

from .views import extensions, files, marking, progress, student

bp = Blueprint("submissions", __name__, url_prefix="/submissions")
ASSIGNMENT = "/<module_id>/<edition_id>/<assignment_id>"
MARKING = "/marking" + ASSIGNMENT

# The student's side.
bp.add_url_rule("/", "index", student.index)
bp.add_url_rule(ASSIGNMENT + "/", "assignment", student.assignment)
bp.add_url_rule(ASSIGNMENT + "/upload", "upload", student.upload_version, methods=["POST"])
bp.add_url_rule(
    ASSIGNMENT + "/extension", "request_extension", extensions.request_extension, methods=["POST"]
)
bp.add_url_rule("/<int:submission_id>", "status", progress.status)
bp.add_url_rule("/<int:submission_id>/progress", "progress", progress.status_json)
bp.add_url_rule("/<int:submission_id>/finalise", "finalise", progress.finalise_submission, methods=["POST"])
bp.add_url_rule("/versions/<int:version_id>/receipt", "receipt", progress.receipt)
bp.add_url_rule("/versions/<int:version_id>/receipt.txt", "receipt_text", progress.receipt_text)
bp.add_url_rule("/feedback/<int:marking_id>", "feedback", progress.feedback)
bp.add_url_rule("/extensions/<int:extension_id>", "extension", extensions.extension, methods=["GET", "POST"])

# Both sides: the file of a version (staff get the copy without metadata while marking is blind).
bp.add_url_rule("/versions/<int:version_id>/file", "download", files.download)

# The marking side.
bp.add_url_rule("/marking/", "marking", marking.index)
bp.add_url_rule(MARKING + "/", "table", marking.table)
bp.add_url_rule(MARKING + "/grades.csv", "grades_csv", files.grades_csv)
bp.add_url_rule(MARKING + "/papers.zip", "all_files", files.all_files)
bp.add_url_rule(MARKING + "/extensions", "extensions", extensions.extension_list)
bp.add_url_rule(MARKING + "/release", "release", marking.release, methods=["POST"])
bp.add_url_rule(MARKING + "/reveal", "reveal", marking.reveal, methods=["POST"])
bp.add_url_rule(MARKING + "/markers", "add_marker", marking.add_marker, methods=["POST"])
bp.add_url_rule(
    MARKING + "/markers/<int:marker_id>/remove", "remove_marker", marking.remove_marker, methods=["POST"]
)
bp.add_url_rule("/marking/<int:submission_id>", "mark", marking.mark, methods=["GET", "POST"])
bp.add_url_rule("/marking/<int:submission_id>/second", "second", marking.second, methods=["POST"])
bp.add_url_rule("/marking/<int:submission_id>/agree", "agree", marking.agree, methods=["POST"])
bp.add_url_rule("/versions/<int:version_id>/text", "text", files.text)
