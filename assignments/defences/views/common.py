"""Helpers shared by the defences pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import abort, flash, redirect, url_for
from werkzeug.wrappers import Response

from ..forms import ActionForm
from ..service import units
from ..service.booking import taken
from ..service.errors import DefenceError
from ..service.windows import Window

T = TypeVar("T")


def window_url(endpoint: str, win: Window) -> str:
    """The URL of one of a window's pages."""
    values: dict[str, Any] = dict(win.parts)
    return url_for(endpoint, **values)


def attempt(work: Callable[[], object], success: str, back: str) -> Response:
    """Run a unit of work (retried after a lost race), flash its outcome, go back to ``back``."""
    try:
        units.run(work, _lost)
    except DefenceError as error:
        flash(str(error), "error")
    else:
        flash(success, "success")
    return redirect(back)


def _lost() -> None:
    taken()


def require_action() -> None:
    """A bare POST must carry a valid CSRF token."""
    if not ActionForm().validate_on_submit():
        abort(400)
