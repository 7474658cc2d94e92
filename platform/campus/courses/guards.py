"""Assignments that must not disappear: features that keep data about an assignment (submissions)
register a guard here, and every way of changing modules refuses to remove or rename one of those:
edits of edition.toml (the editor, the settings form, restoring a version), `flask modules check` and
`flask modules import --replace`.

The core never imports a feature: a guard is a function ``guard() -> (module_id, edition_id,
assignment_id), ...`` naming every assignment it has data about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from flask import Flask, current_app

from .content.checks import EDITION_FILE, kept_problem
from .content.manifest import Module
from .content.validate import Problem

EXTENSION = "campus.courses.assignment_guards"
Guard = Callable[[], Iterable[tuple[str, str, str]]]


def register_assignment_guard(app: Flask, guard: Guard) -> None:
    """Protect the assignments ``guard`` names."""
    app.extensions.setdefault(EXTENSION, []).append(guard)


def guarded_assignments() -> set[tuple[str, str, str]]:
    """Every (module id, edition id, assignment id) that some feature still has data about."""
    found: set[tuple[str, str, str]] = set()
    for guard in current_app.extensions.get(EXTENSION, []):
        found.update(guard())
    return found


def assignments_in_use(module_id: str, edition_id: str) -> set[str]:
    """The ids of the edition's assignments that some feature still has data about."""
    return {aid for mid, eid, aid in guarded_assignments() if (mid, eid) == (module_id, edition_id)}


def missing_assignments(
    modules: Mapping[str, Module], module_ids: Iterable[str] | None = None, skip: Iterable[str] = ()
) -> list[Problem]:
    """A problem for every guarded assignment that ``modules`` no longer have (removed or renamed,
    or its edition or module gone), among ``module_ids`` (None: every module). Modules in ``skip``
    (broken ones, whose problems are reported already) are not looked at."""
    wanted = None if module_ids is None else set(module_ids)
    problems = []
    for module_id, edition_id, aid in sorted(guarded_assignments()):
        if (wanted is not None and module_id not in wanted) or module_id in skip:
            continue
        module = modules.get(module_id)
        edition = module.editions.get(edition_id) if module is not None else None
        if edition is None or aid not in {assignment.id for assignment in edition.assignments}:
            problems.append(kept_problem(f"{module_id}/{edition_id}/{EDITION_FILE}", aid))
    return problems
