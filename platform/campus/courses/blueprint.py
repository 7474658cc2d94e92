"""Every URL rule of course modules, in one place; the views themselves are in `views`.

Reading pages are under /modules/<module>/..., the editing pages of a module's responsible people
next to them (.../edit, .../versions, ...); the blueprint also adds the template helpers they use.
"""

from __future__ import annotations

from flask import Blueprint

from .views import assets, editing, edition, enrolments, files, history, lessons, reading, rollover, settings
from .views.common import ReadOnlyEdition, optional_url, read_only_page, template_context

bp = Blueprint("courses", __name__, url_prefix="/modules")
bp.add_app_template_global(optional_url, "optional_url")
bp.add_app_template_global(assets.pygments_stylesheet_url, "pygments_stylesheet_url")
bp.context_processor(template_context)
bp.register_error_handler(ReadOnlyEdition, read_only_page)

GET_POST = ["GET", "POST"]
POST = ["POST"]
EDITION = "/<module_id>/<edition_id>"
LESSON = f"{EDITION}/<slug>"
VERSION = f"{LESSON}/versions/<int:version_id>"

# Reading
bp.add_url_rule("/", view_func=reading.index)
bp.add_url_rule("/search", view_func=reading.search_page)
bp.add_url_rule("/pygments.css", view_func=assets.pygments_stylesheet)
bp.add_url_rule("/<module_id>/", view_func=reading.module)
bp.add_url_rule("/<module_id>/archive", view_func=reading.archive)
bp.add_url_rule("/<module_id>/diff", view_func=reading.diff)
bp.add_url_rule(f"{EDITION}/", view_func=reading.edition)
bp.add_url_rule(LESSON, view_func=reading.lesson)
# The first rule builds the assets' base URL (relpath=""); the second serves a file.
bp.add_url_rule(f"{EDITION}/assets/", view_func=assets.asset, defaults={"relpath": ""})
bp.add_url_rule(f"{EDITION}/assets/<path:relpath>", view_func=assets.asset, merge_slashes=False)

# Enrolments
bp.add_url_rule("/<module_id>/enrolments", view_func=enrolments.enrolments, methods=GET_POST)
bp.add_url_rule(
    "/<module_id>/enrolments/<int:enrolment_id>/delete", view_func=enrolments.delete_enrolment, methods=POST
)

# Editing a lesson, and the version history of a file
bp.add_url_rule(f"{LESSON}/edit", view_func=editing.edit_lesson, methods=GET_POST)
bp.add_url_rule(f"{EDITION}/preview", view_func=editing.edit_preview, methods=POST)
bp.add_url_rule(f"{LESSON}/versions", view_func=history.edit_versions, methods=["GET"])
bp.add_url_rule(f"{LESSON}/versions/compare", view_func=history.edit_compare_versions, methods=["GET"])
bp.add_url_rule(VERSION, view_func=history.edit_version, methods=["GET"])
bp.add_url_rule(f"{VERSION}/restore", view_func=history.edit_restore, methods=POST)

# Managing an edition: its page, lessons, assets, edition.toml, publishing
bp.add_url_rule(f"{EDITION}/edit", view_func=edition.edit_edition, methods=["GET"])
bp.add_url_rule(f"{EDITION}/new-lesson", view_func=lessons.edit_create_lesson, methods=POST)
bp.add_url_rule(f"{LESSON}/rename", view_func=lessons.edit_rename_lesson, methods=GET_POST)
bp.add_url_rule(f"{LESSON}/move", view_func=lessons.edit_move_lesson, methods=POST)
bp.add_url_rule(f"{LESSON}/delete", view_func=lessons.edit_delete_lesson, methods=GET_POST)
bp.add_url_rule(f"{EDITION}/upload", view_func=edition.edit_upload_asset, methods=POST)
bp.add_url_rule(f"{EDITION}/files/<path:relpath>/delete", view_func=files.edit_delete_asset, methods=GET_POST)
bp.add_url_rule(f"{EDITION}/settings", view_func=settings.edit_settings, methods=GET_POST)
bp.add_url_rule(f"{EDITION}/edition-file", view_func=edition.edit_edition_file, methods=GET_POST)
bp.add_url_rule(f"{EDITION}/publish", view_func=edition.edit_publish, methods=GET_POST)
bp.add_url_rule("/<module_id>/rollover", view_func=rollover.edit_rollover, methods=GET_POST)
