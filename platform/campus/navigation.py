"""The main navigation: parts of the platform add their entries, each for the roles that use it."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from flask_babel import LazyString
from flask_login import current_user

from campus.accounts.models import Role


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation; ``roles`` empty means every signed-in user."""

    endpoint: str
    label: LazyString | str
    roles: frozenset[Role] = frozenset()
    order: int = 50
    # Endpoint prefixes that mark this entry as the current page; the entry's own endpoint by default.
    match: tuple[str, ...] = ()

    def is_current(self, endpoint: str | None) -> bool:
        """Whether the page being shown belongs to this entry."""
        return bool(endpoint) and endpoint.startswith(self.match or (self.endpoint,))  # type: ignore[union-attr]


def register_nav_item(app: Flask, item: NavItem) -> None:
    """Add an entry to the main navigation."""
    app.extensions.setdefault("campus.nav_items", []).append(item)


def nav_items() -> list[NavItem]:
    """The entries the current user sees, in order."""
    if not current_user.is_authenticated:
        return []
    items = current_app.extensions.get("campus.nav_items", [])
    visible = [item for item in items if not item.roles or current_user.has_role(*item.roles)]
    return sorted(visible, key=lambda item: item.order)


def init_app(app: Flask) -> None:
    """Give templates ``nav_items()``."""
    app.context_processor(lambda: {"nav_items": nav_items})
