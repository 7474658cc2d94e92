"""Reading pages of course modules (catalogue, module, lesson, archive, diff, assets, search)."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from flask import (
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from campus.accounts.models import Cohort, User
from campus.admin.forms import ActionForm
from campus.extensions import db

from . import catalogue, search, service
from .assets import asset_headers, guess_type, resolve_asset
from .blueprint import bp
from .diff import compare_editions, word_diff
from .forms import EnrolmentForm
from .manifest import Edition, Module
from .models import Enrolment
from .render import pygments_css, render_lesson


def access() -> service.Access:
    """The signed-in user's `Access`, computed once per request."""
    if "courses_access" not in g:
        g.courses_access = service.access_for(current_user)
    return g.courses_access


def visible_module(module_id: str) -> Module:
    """The module, or 404 when it does not exist, is broken or is not visible to this user."""
    module = catalogue(current_app).get(module_id)
    if module is None or not access().sees_module(module):
        abort(404)
    return module


def visible_edition(module: Module, edition_id: str) -> Edition:
    """The edition, or 404 when it does not exist or is not visible to this user (drafts)."""
    edition = module.edition(edition_id)
    if edition is None or not access().sees_edition(module, edition):
        abort(404)
    return edition


@bp.app_template_global()
def courses_link(endpoint: str, **values: Any) -> str | None:
    """The URL of a page the editing side provides ("courses.edit_lesson", ...), None until it exists."""
    if endpoint not in current_app.view_functions:
        return None
    return url_for(endpoint, **values)


def _lang() -> str:
    return str(get_locale() or "de")


def _lecturer_names(modules: list[Module]) -> dict[str, str]:
    emails = {e.casefold() for m in modules for e in m.lecturers}
    if not emails:
        return {}
    rows = db.session.execute(
        select(func.lower(User.email), User.name).where(func.lower(User.email).in_(emails))
    )
    return dict(rows.tuples().all())


@bp.route("/")
@login_required
def index() -> str:
    """The catalogue: current editions as cards, filterable by semester; admins also see broken modules."""
    cat, who = catalogue(current_app), access()
    semester = request.args.get("semester", type=int)
    modules = [m for m in cat.modules.values() if who.sees_module(m) and semester in (None, m.semester)]
    modules.sort(key=lambda m: (m.semester, m.title_for(_lang()).casefold()))
    cards = [(m, who.current(m)) for m in modules]
    broken = sorted(cat.broken.items()) if who.is_admin else []
    return render_template(
        "courses/catalogue.html",
        cards=cards,
        semester=semester,
        semesters=sorted({m.semester for m in cat.modules.values()}),
        names=_lecturer_names(modules),
        broken=broken,
        is_staff=who.is_staff,
    )


@bp.route("/search")
@login_required
def search_page() -> str:
    """Full-text search over the current editions this user may see."""
    query = request.args.get("q", "").strip()[:200]
    cat, who = catalogue(current_app), access()
    modules = [m for m in cat.modules.values() if who.current(m) is not None]
    hits = search.search(current_app, cat, query, modules) if query else []
    return render_template("courses/search.html", query=query, hits=hits, modules=cat.modules)


@cache
def _stylesheet() -> tuple[str, str]:
    css = pygments_css()
    return css, hashlib.sha256(css.encode()).hexdigest()[:12]


@bp.app_template_global()
def pygments_stylesheet_url() -> str:
    """The code-highlighting stylesheet's URL; its version changes with its content, so it may be cached long."""
    return url_for("courses.pygments_stylesheet", v=_stylesheet()[1])


@bp.route("/pygments.css")
def pygments_stylesheet() -> Response:
    """The Pygments colours for highlighted code, served from here (no CDN)."""
    response = current_app.response_class(_stylesheet()[0], mimetype="text/css")
    response.cache_control.public = True
    response.cache_control.max_age = 31_536_000
    response.cache_control.immutable = True
    return response


def _edition_page(module: Module, edition: Edition | None, is_module_page: bool) -> str:
    who = access()
    return render_template(
        "courses/edition.html",
        module=module,
        edition=edition,
        state=service.edition_state(module, edition) if edition else None,
        is_module_page=is_module_page,
        visible=who.editions(module),
        responsible=who.is_responsible(module),
        names=_lecturer_names([module]),
    )


@bp.route("/<module_id>/")
@login_required
def module(module_id: str) -> str:
    """The module: its frame and its current edition."""
    found = visible_module(module_id)
    return _edition_page(found, access().current(found), True)


@bp.route("/<module_id>/<edition_id>/")
@login_required
def edition(module_id: str, edition_id: str) -> str:
    """Any edition the user may see; earlier ones are marked as a read-only archive."""
    found = visible_module(module_id)
    return _edition_page(found, visible_edition(found, edition_id), False)


@bp.route("/<module_id>/<edition_id>/<slug>")
@login_required
def lesson(module_id: str, edition_id: str, slug: str) -> str:
    """One lesson: sanitised HTML, its table of contents, previous and next lesson."""
    found = visible_module(module_id)
    shown = visible_edition(found, edition_id)
    item = shown.lesson(slug)
    if item is None:
        abort(404)
    base = url_for("courses.asset", module_id=module_id, edition_id=edition_id, relpath="")
    previous, following = shown.neighbours(slug)
    return render_template(
        "courses/lesson.html",
        module=found,
        edition=shown,
        lesson=item,
        rendered=render_lesson(item, base),
        previous=previous,
        following=following,
        session=next((s for s in shown.sessions if s.lesson == slug), None),
        state=service.edition_state(found, shown),
        responsible=access().is_responsible(found),
    )


@bp.route("/<module_id>/archive")
@login_required
def archive(module_id: str) -> str:
    """Every edition of the module this user may see, newest first."""
    found = visible_module(module_id)
    editions = list(reversed(access().editions(found)))
    states = {e.id: service.edition_state(found, e) for e in editions}
    return render_template("courses/archive.html", module=found, editions=editions, states=states)


@bp.route("/<module_id>/diff")
@login_required
def diff(module_id: str) -> str:
    """What changed between two visible editions (default: the previous and the current one)."""
    found = visible_module(module_id)
    ids = [e.id for e in access().editions(found)]
    if len(ids) < 2:
        return render_template("courses/diff.html", module=found, ids=ids, result=None)
    new_id = request.args.get("to") or (found.current_edition if found.current_edition in ids else ids[-1])
    old_id = request.args.get("from") or next((i for i in reversed(ids) if i < new_id), ids[0])
    if old_id not in ids or new_id not in ids:
        abort(404)
    result = compare_editions(found, old_id, new_id)
    changes = [
        (old, new, service.condense(word_diff(old.text, new.text))) for old, new in result.lessons_changed
    ]
    return render_template("courses/diff.html", module=found, ids=ids, result=result, changes=changes)


@bp.route("/<module_id>/<edition_id>/assets/", defaults={"relpath": ""})
@bp.route("/<module_id>/<edition_id>/assets/<path:relpath>", merge_slashes=False)
@login_required
def asset(module_id: str, edition_id: str, relpath: str) -> Response:
    """A file from the edition's assets/ folder; anything else (traversal, hidden, missing) is 404."""
    shown = visible_edition(visible_module(module_id), edition_id)
    path = resolve_asset(shown.path, relpath) if relpath else None
    if path is None:
        abort(404)
    response = send_file(path, conditional=True)
    # Our own table, charset included (send_file would add a second "; charset=" to text types).
    response.headers["Content-Type"] = guess_type(path)
    response.headers.update(asset_headers(path))
    # Behind a login: the browser may keep it but must ask again (cheap: 304 via ETag).
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


def _responsible_module(module_id: str) -> Module:
    found = visible_module(module_id)
    if not access().is_responsible(found):
        abort(403)
    return found


@bp.route("/<module_id>/enrolments", methods=["GET", "POST"])
@login_required
def enrolments(module_id: str) -> str | Response:
    """Which cohorts are enrolled in which edition; admins and the module's lecturers change it."""
    found = _responsible_module(module_id)
    form = EnrolmentForm()
    form.cohort.choices = [(c.id, c.name) for c in db.session.scalars(select(Cohort).order_by(Cohort.name))]
    form.edition.choices = [(e.id, f"{e.id} – {e.label}") for e in list(found.editions.values())[::-1]]
    if request.method == "GET":
        form.edition.data = found.current_edition
    if form.validate_on_submit():
        cohort = db.get_or_404(Cohort, form.cohort.data)
        try:
            service.enrol(found, form.edition.data or "", cohort, current_user)
        except service.EnrolmentError as error:
            form.cohort.errors = [str(error)]
        else:
            flash(
                _(
                    "%(cohort)s is now enrolled in %(edition)s.",
                    cohort=cohort.name,
                    edition=form.edition.data,
                ),
                "success",
            )
            return redirect(url_for("courses.enrolments", module_id=module_id))
    return render_template(
        "courses/enrolments.html",
        module=found,
        form=form,
        rows=service.enrolments_of(module_id),
        action=ActionForm(),
    )


@bp.route("/<module_id>/enrolments/<int:enrolment_id>/delete", methods=["POST"])
@login_required
def delete_enrolment(module_id: str, enrolment_id: int) -> Response:
    """Remove one enrolment of this module."""
    _responsible_module(module_id)
    row = db.session.get(Enrolment, enrolment_id)
    if row is None or row.module_id != module_id:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    name, edition_id = row.cohort.name, row.edition_id
    service.unenrol(row, current_user)
    flash(_("%(cohort)s is no longer enrolled in %(edition)s.", cohort=name, edition=edition_id), "success")
    return redirect(url_for("courses.enrolments", module_id=module_id))
