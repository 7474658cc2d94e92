"""The refusal a person sees: every rule that says no raises ``DefenceError`` with a translated message."""

from __future__ import annotations


class DefenceError(ValueError):
    """A refused action; ``str(error)`` is the message for the page, already in the page's language."""


class Collision(Exception):
    """A booking lost a race on a database constraint; the unit of work is rolled back and retried."""
