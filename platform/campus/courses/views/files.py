"""An edition's files (assets/) in the browser: deleting one, refused while a lesson uses it.

Uploading is on the edition page (`views.edition.edit_upload_asset`).
"""

from __future__ import annotations

from flask import abort, flash, render_template
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from campus.extensions import db
from campus.forms import ActionForm

from ..content.assets import delete_asset, resolve_asset
from ..content.errors import AssetError
from ..content.references import lessons_using
from .common import asset_base, editable, log
from .edition import to_edition


@login_required
def edit_delete_asset(module_id: str, edition_id: str, relpath: str) -> str | Response:
    """Confirm, then delete a file of assets/; while lessons use it, list them and offer no button."""
    module, edition = editable(module_id, edition_id)
    if resolve_asset(edition.path, relpath) is None:
        abort(404)
    users = lessons_using(edition.path, relpath, asset_base(module.id, edition.id))
    form = ActionForm()
    if form.validate_on_submit() and not users:
        try:
            delete_asset(edition.path, relpath)
        except AssetError:
            abort(404)
        log("asset.delete", module, edition, file=relpath)
        db.session.commit()
        flash(_("The file %(name)s was deleted.", name=relpath), "success")
        return to_edition(module, edition, "assets")
    return render_template(
        "courses/edit/delete_file.html",
        module=module,
        edition=edition,
        relpath=relpath,
        users=users,
        form=form,
    )
