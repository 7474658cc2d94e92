"""Jobs leave with the commit: queued runs wait in the session and are sent only when it commits.

A rollback, or a unit of work that ends without committing (an exception in a view), drops them, so
no job ever works on a change that was never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from campus.extensions import db


class Named(Protocol):
    """What the hook needs of a job (``campus.jobs.Job``): its name, for the log."""

    name: str


PENDING_KEY = "campus.jobs.pending"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pending:
    """A job run waiting for its unit of work to commit."""

    job: Named
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    when: datetime | timedelta | None


# Set by campus.jobs.init_app: sends one pending run to the current app's queue.
_dispatch: Callable[[Pending], None] | None = None


def set_dispatcher(dispatch: Callable[[Pending], None]) -> None:
    """Tell the hook how to send a run (the queue module does, once)."""
    global _dispatch
    _dispatch = dispatch


def from_current_session() -> list[Pending]:
    """The runs waiting for the current session's next commit."""
    session = db.session()
    return session.info.setdefault(PENDING_KEY, [])


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING_KEY, None)
    if not pending or _dispatch is None:
        return
    for run in pending:
        try:
            _dispatch(run)
        except Exception:
            # The change is stored; failing the request now would invite a second, duplicate attempt.
            log.exception("Could not queue job %s%r after commit", run.job.name, run.args)


@event.listens_for(Session, "after_transaction_end")
def _drop_after_rollback(session: Session, transaction: SessionTransaction) -> None:
    # after_commit has already taken the runs of a committed transaction; whatever is left was rolled back.
    if transaction.parent is None:
        session.info.pop(PENDING_KEY, None)
