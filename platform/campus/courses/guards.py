"""Assignments that must not disappear from an edition: features that keep data about an assignment
(submissions) register a guard here, and edits of edition.toml refuse to remove or rename those.

The core never imports a feature: a guard is a function ``guard(module_id, edition_id) -> ids``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Flask, current_app

EXTENSION = "campus.courses.assignment_guards"
Guard = Callable[[str, str], Iterable[str]]


def register_assignment_guard(app: Flask, guard: Guard) -> None:
    """Protect the assignments ``guard`` names for an edition."""
    app.extensions.setdefault(EXTENSION, []).append(guard)


def assignments_in_use(module_id: str, edition_id: str) -> set[str]:
    """The ids of the edition's assignments that some feature still has data about."""
    found: set[str] = set()
    for guard in current_app.extensions.get(EXTENSION, []):
        found.update(guard(module_id, edition_id))
    return found
