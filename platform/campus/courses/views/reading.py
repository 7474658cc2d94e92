"""Reading pages of course modules: catalogue, search, module, edition, lesson, archive, year-to-year diff."""

from __future__ import annotations

from flask import abort, current_app, render_template, request
from flask_login import login_required
from sqlalchemy import func, select

from campus.accounts.models import User
from campus.extensions import db

from ..access import Access, edition_state, lecturers_without_account
from ..content.diff import compare_editions, condense, word_diff
from ..content.loader import Catalogue
from ..content.manifest import Edition, Module
from ..content.render import render_lesson
from ..content.salvage import salvage_module
from ..current import catalogue
from ..search.index import scope
from ..search.query import search
from .common import access, asset_base, lang, optional_url, visible_edition, visible_module


def _lecturer_names(modules: list[Module]) -> dict[str, str]:
    emails = {e.casefold() for m in modules for e in m.lecturers}
    if not emails:
        return {}
    rows = db.session.execute(
        select(func.lower(User.email), User.name).where(func.lower(User.email).in_(emails))
    )
    return dict(rows.tuples().all())


def _repair_url(cat: Catalogue, module_id: str) -> str | None:
    salvaged = salvage_module(cat.root, module_id)
    if salvaged is None:
        return None
    return optional_url("courses.edit_edition", module_id=module_id, edition_id=salvaged.current_edition)


@login_required
def index() -> str:
    """The catalogue: current editions as cards, filterable by semester; admins also see broken modules."""
    cat, who = catalogue(current_app), access()
    semester = request.args.get("semester", type=int)
    modules = [m for m in cat.modules.values() if who.sees_module(m) and semester in (None, m.semester)]
    modules.sort(key=lambda m: (m.semester, m.title_for(lang()).casefold()))
    cards = [(m, who.current(m)) for m in modules]
    broken = (
        [(m, problems, _repair_url(cat, m)) for m, problems in sorted(cat.broken.items())]
        if who.is_admin
        else []
    )
    return render_template(
        "courses/catalogue.html",
        cards=cards,
        semester=semester,
        semesters=sorted({m.semester for m in cat.modules.values()}),
        names=_lecturer_names(modules),
        broken=broken,
        is_staff=who.is_staff,
    )


def _search_scopes(who: Access, modules: list[Module], everything: bool) -> list[str]:
    """Current editions the user may see; with `everything`, every edition of their own modules too."""
    scopes = []
    for found in modules:
        current = who.current(found)
        if current is not None:
            scopes += [scope(found.id), scope(found.id, current.id)]
        if everything and who.is_responsible(found):
            scopes += [scope(found.id, e.id) for e in found.editions.values()]
    return sorted(set(scopes))


@login_required
def search_page() -> str:
    """Full-text search over the current editions this user may see; lecturers may add their drafts and archive."""
    query = request.args.get("q", "").strip()[:200]
    cat, who = catalogue(current_app), access()
    modules = list(cat.modules.values())
    may_widen = any(who.is_responsible(m) for m in modules)
    everything = may_widen and request.args.get("all") == "1"
    scopes = _search_scopes(who, modules, everything)
    hits = search(current_app, cat, query, scopes) if query else []
    db.session.commit()  # an index brought up to date is stored with this request
    states = {
        (h.module_id, h.edition_id): edition_state(
            cat.modules[h.module_id], cat.modules[h.module_id].editions[h.edition_id]
        )
        for h in hits
        if h.edition_id
    }
    return render_template(
        "courses/search.html", query=query, hits=hits, modules=cat.modules, states=states,
        may_widen=may_widen, everything=everything,
    )  # fmt: skip


def _edition_page(module: Module, edition: Edition | None, is_module_page: bool) -> str:
    who = access()
    responsible = who.is_responsible(module)
    return render_template(
        "courses/edition.html",
        module=module,
        edition=edition,
        state=edition_state(module, edition) if edition else None,
        is_module_page=is_module_page,
        visible=who.editions(module),
        responsible=responsible,
        names=_lecturer_names([module]),
        # Listed addresses that cannot edit: worth a warning to the people who can fix the list.
        no_account=lecturers_without_account([module]).get(module.id, []) if responsible else [],
    )


@login_required
def module(module_id: str) -> str:
    """The module: its frame and its current edition."""
    found = visible_module(module_id)
    return _edition_page(found, access().current(found), True)


@login_required
def edition(module_id: str, edition_id: str) -> str:
    """Any edition the user may see; earlier ones are marked as a read-only archive."""
    found = visible_module(module_id)
    return _edition_page(found, visible_edition(found, edition_id), False)


@login_required
def lesson(module_id: str, edition_id: str, slug: str) -> str:
    """One lesson: sanitised HTML, its table of contents, previous and next lesson."""
    found = visible_module(module_id)
    shown = visible_edition(found, edition_id)
    item = shown.lesson(slug)
    if item is None:
        abort(404)
    previous, following = shown.neighbours(slug)
    return render_template(
        "courses/lesson.html",
        module=found,
        edition=shown,
        lesson=item,
        rendered=render_lesson(item, asset_base(module_id, edition_id)),
        previous=previous,
        following=following,
        session=next((s for s in shown.sessions if s.lesson == slug), None),
        state=edition_state(found, shown),
        responsible=access().is_responsible(found),
    )


@login_required
def archive(module_id: str) -> str:
    """Every edition of the module this user may see, newest first."""
    found = visible_module(module_id)
    editions = list(reversed(access().editions(found)))
    states = {e.id: edition_state(found, e) for e in editions}
    return render_template("courses/archive.html", module=found, editions=editions, states=states)


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
    changes = [(old, new, condense(word_diff(old.text, new.text))) for old, new in result.lessons_changed]
    return render_template("courses/diff.html", module=found, ids=ids, result=result, changes=changes)
