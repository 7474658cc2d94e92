"""Gunicorn settings for Campus; gunicorn reads this file by itself when started in this folder.

Campus refuses, in production, to count sign-in attempts in each process's memory when several workers
serve it: each would count alone, and the limits would allow several times the attempts. The app learns the
number of workers from ``WEB_CONCURRENCY`` (gunicorn's own default for ``--workers``); the hook below passes
on the number gunicorn really starts, also when it was given as ``--workers`` on the command line.
"""

from __future__ import annotations

import os
from typing import Any

from campus.config import check_production


def on_starting(server: Any) -> None:
    """Before any worker starts: tell the app how many workers there are."""
    os.environ["WEB_CONCURRENCY"] = str(server.cfg.workers)
    app = getattr(server.app, "callable", None)
    if server.cfg.preload_app and app is not None:
        # With --preload the app was built before this hook ran: check it again with the real number.
        app.config["WEB_CONCURRENCY"] = server.cfg.workers
        check_production(app)
