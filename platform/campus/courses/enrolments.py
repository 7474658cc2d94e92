"""Cohort enrolments in module editions: enrol, unenrol, list, the demo seed, a student's current modules.

Plain functions the views, the dashboard panels and the demo seed call; no HTTP here.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from campus.accounts.models import Cohort, User
from campus.audit import audit
from campus.extensions import db

from .content.manifest import Edition, Module
from .models import Enrolment


class EnrolmentError(ValueError):
    """An enrolment was refused; the message is shown to the user."""


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
    """Enrol `cohort` in an edition of `module` and log it (audit "enrolment.create")."""
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
    """Remove an enrolment and log it (audit "enrolment.delete")."""
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


def enrolled_current(user: User, modules: Iterable[Module]) -> list[tuple[Module, Edition]]:
    """The published current editions the user's cohort is enrolled in, ordered by semester and title."""
    if user.cohort_id is None:
        return []
    rows = db.session.execute(
        select(Enrolment.module_id, Enrolment.edition_id).filter_by(cohort_id=user.cohort_id)
    )
    enrolled = set(rows.tuples())
    found = [
        (m, m.current) for m in modules if (m.id, m.current_edition) in enrolled and m.current.is_published
    ]
    return sorted(found, key=lambda pair: (pair[0].semester, pair[0].title_for("de")))
