"""Running one write as one unit of work, retried when it lost a race.

Bookings rely on constraints, not on checks: the loser of a race gets an IntegrityError (a claim, a
day seat or the one-active-defence index was taken first) or, on SQLite, "database is locked" while
another writer holds the file. Either way the whole unit is rolled back and run again from fresh
state, which then either finds another free panel or refuses with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from campus.extensions import db

from .errors import Collision

T = TypeVar("T")
ATTEMPTS = 8


def _locked(error: OperationalError) -> bool:
    text = str(error.orig).lower()
    return "locked" in text or "busy" in text


def run(work: Callable[[], T], lost: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run ``work`` and commit; after a lost race, retry; when every try lost, return ``lost()``.

    ``work`` raises DefenceError to refuse (nothing is kept); ``lost`` usually raises one too.
    """
    for _ in range(attempts):
        try:
            result = work()
            db.session.commit()
            return result
        except (Collision, IntegrityError):
            db.session.rollback()
        except OperationalError as error:
            db.session.rollback()
            if not _locked(error):
                raise
        except BaseException:
            db.session.rollback()
            raise
    return lost()
