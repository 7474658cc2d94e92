"""Cohort enrolments in module editions, and what they decide.

Enrolment is per edition (README, "Enrolment"): reading published content needs none, but an
enrolment makes an edition *someone's*: it is in their "My modules" until its term ends, its
deadlines are theirs, they may hand in its assignments and must defend them. An enrolment in a draft
counts once the edition is published.

The API other features call (it is stable; everything "who is enrolled" goes through it):
  ``enrolled_editions(user)``                    the published editions the user is enrolled in
  ``is_enrolled(user, module_id, edition_id)``   whether the user is enrolled in that published edition
  ``students_of(module_id, edition_id)``         the active students enrolled in it, by name
Plain functions, no HTTP; the enrolment page's changes are `enrol` and `unenrol`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import Cohort, Role, User, UserRole
from campus.audit import audit
from campus.extensions import db

from .content.loader import Catalogue
from .content.manifest import Edition, Module
from .current import catalogue
from .models import Enrolment

__all__ = [
    "EnrolmentError",
    "enrol",
    "enrolled_editions",
    "enrolments_of",
    "is_enrolled",
    "my_modules",
    "seed_demo_enrolments",
    "students_of",
    "unenrol",
]


class EnrolmentError(ValueError):
    """An enrolment was refused; the message is shown to the user."""


def _published(
    module_id: str, edition_id: str, cat: Catalogue | None = None
) -> tuple[Module, Edition] | None:
    module = (cat or catalogue(current_app)).get(module_id)
    edition = module.edition(edition_id) if module else None
    return (module, edition) if module and edition and edition.is_published else None


def enrolled_editions(user: User) -> list[tuple[Module, Edition]]:
    """Every published edition the user's cohort is enrolled in, by term start, then module title.

    Editions that no longer exist (or whose module is broken) are left out.
    """
    if user.cohort_id is None:
        return []
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).filter_by(cohort_id=user.cohort_id)
    )
    cat = catalogue(current_app)
    found = [pair for pair in (_published(*row, cat) for row in rows.tuples()) if pair is not None]
    return sorted(found, key=lambda p: (p[1].term_start, p[0].semester, p[0].title_for("de")))


def my_modules(user: User, today: date) -> tuple[list[tuple[Module, Edition]], list[tuple[Module, Edition]]]:
    """The user's enrolled editions split into (not ended yet, ended) on `today` (a Berlin date).

    An edition stays in "My modules" until its term ends, even after a newer edition is published.
    """
    editions = enrolled_editions(user)
    running = [(m, e) for m, e in editions if e.term_end >= today]
    ended = [(m, e) for m, e in reversed(editions) if e.term_end < today]
    return running, ended


def is_enrolled(user: User, module_id: str, edition_id: str) -> bool:
    """Whether the user's cohort is enrolled in that edition, and the edition is published."""
    if user.cohort_id is None or _published(module_id, edition_id) is None:
        return False
    query = select(Enrolment.id).filter_by(
        cohort_id=user.cohort_id, module_id=module_id, edition_id=edition_id
    )
    return db.session.scalar(query.limit(1)) is not None


def students_of(module_id: str, edition_id: str) -> list[User]:
    """The active students whose cohort is enrolled in the published edition, ordered by name."""
    if _published(module_id, edition_id) is None:
        return []
    query = (
        select(User)
        .join(Enrolment, Enrolment.cohort_id == User.cohort_id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(Enrolment.module_id == module_id, Enrolment.edition_id == edition_id)
        .where(UserRole.role == Role.STUDENT, User.active.is_(True))
        .order_by(User.name, User.id)
    )
    return list(db.session.scalars(query).unique())


def enrolments_of(module_id: str) -> list[Enrolment]:
    """The enrolments of a module, newest edition first."""
    query = (
        select(Enrolment)
        .join(Cohort)
        .where(Enrolment.module_id == module_id)
        .order_by(Enrolment.edition_id.desc(), Cohort.name)
    )
    return list(db.session.scalars(query))


def enrol(module: Module, edition_id: str, cohort: Cohort, actor: User | None) -> Enrolment:
    """Enrol `cohort` in an edition of `module` and log it (audit "enrolment.create"); the caller commits."""
    if module.edition(edition_id) is None:
        raise EnrolmentError(_("The module has no edition %(edition)s.", edition=edition_id))
    exists = select(Enrolment.id).filter_by(cohort_id=cohort.id, module_id=module.id, edition_id=edition_id)
    if db.session.scalar(exists) is not None:
        raise EnrolmentError(
            _("%(cohort)s is already enrolled in %(edition)s.", cohort=cohort.name, edition=edition_id)
        )
    enrolment = Enrolment(cohort=cohort, module_id=module.id, edition_id=edition_id, created_by=actor)
    db.session.add(enrolment)
    db.session.flush()
    details = {"module": module.id, "edition": edition_id, "cohort": cohort.name}
    audit(actor, "enrolment.create", enrolment, details)
    return enrolment


def unenrol(enrolment: Enrolment, actor: User | None) -> None:
    """Remove an enrolment and log it (audit "enrolment.delete"); the caller commits."""
    details = {
        "module": enrolment.module_id,
        "edition": enrolment.edition_id,
        "cohort": enrolment.cohort.name,
    }
    obj = ("enrolment", enrolment.id)
    db.session.delete(enrolment)
    audit(actor, "enrolment.delete", obj, details)


def seed_demo_enrolments(modules: Iterable[Module], cohort_name: str) -> int:
    """Enrol the demo cohort in the current edition of every module it is missing from; returns how many."""
    cohort = db.session.scalar(select(Cohort).filter_by(name=cohort_name))
    if cohort is None:
        return 0
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).filter_by(cohort_id=cohort.id)
    )
    have = set(rows.tuples())
    created = 0
    for module in modules:
        if (module.id, module.current_edition) not in have:
            db.session.add(Enrolment(cohort=cohort, module_id=module.id, edition_id=module.current_edition))
            created += 1
    return created
