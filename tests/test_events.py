"""campus.events: a feature reacts to another by subscribing, scoped to its app."""

from __future__ import annotations

import gc
from typing import Any

from flask import Flask

from campus import create_app, events
from support import campus_config


def test_subscribers_receive_the_payload_of_their_app_only(app: Flask, tmp_path) -> None:
    received: list[tuple[Flask, dict[str, Any]]] = []
    other = create_app(campus_config(tmp_path / "other"))
    events.subscribe(
        app, events.submission_finalised, lambda sender, **payload: received.append((sender, payload))
    )
    events.subscribe(
        other, events.submission_finalised, lambda sender, **payload: received.append((sender, {}))
    )
    events.emit(events.submission_finalised, submission_id=3, user_id=7)
    assert received == [(app, {"submission_id": 3, "user_id": 7})]


def test_a_receiver_defined_inside_init_app_stays_connected(app: Flask) -> None:
    calls: list[int] = []

    def init_app(target: Flask) -> None:
        def on_outcome(_sender: Flask, defence_id: int, **_: Any) -> None:
            calls.append(defence_id)

        events.subscribe(target, events.defence_outcome_recorded, on_outcome)

    init_app(app)
    gc.collect()  # a weakly held receiver would be gone now
    events.emit(events.defence_outcome_recorded, defence_id=11, submission_id=2, outcome="passed")
    assert calls == [11]
