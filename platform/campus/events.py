"""Named domain events: one part of Campus reacts to another without importing it.

A feature emits an event with plain values (ids, not model objects); subscribers connect in their
``init_app``. Receivers run at once, inside the emitting unit of work: a receiver that does real work
enqueues a job, which is then sent only if that unit of work commits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blinker import Namespace, Signal
from flask import Flask, current_app

_events = Namespace()

# A student's submission became final (payload: submission_id, user_id).
submission_finalised = _events.signal("submission_finalised")
# Examiners recorded the outcome of an oral defence (payload: defence_id, submission_id, outcome).
defence_outcome_recorded = _events.signal("defence_outcome_recorded")
# A person set a password through a reset or invitation link (payload: user_id).
password_reset = _events.signal("password_reset")

Receiver = Callable[..., Any]


def subscribe(app: Flask, event: Signal, receiver: Receiver) -> None:
    """Call ``receiver(app, **payload)`` whenever ``event`` is emitted in ``app``.

    The connection is scoped to this app (tests build many apps in one process) and kept alive by the
    app: a receiver may be a function defined inside ``init_app``.
    """
    event.connect(receiver, sender=app, weak=False)


def emit(event: Signal, **payload: Any) -> None:
    """Tell the subscribers of the current app that ``event`` happened; payload values are plain data."""
    event.send(current_app._get_current_object(), **payload)  # type: ignore[attr-defined]
