"""Error pages in the site's look and the user's language."""

from __future__ import annotations

import math
import time

from flask import Flask, make_response, render_template
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from campus.extensions import limiter

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please go back and try again.")),
    403: (_l("Access denied"), _l("You do not have permission to open this page.")),
    404: (_l("Page not found"), _l("This page does not exist or has been moved.")),
    405: (_l("Not allowed"), _l("This action is not possible here.")),
    413: (
        _l("File too large"),
        _l("The upload is larger than allowed. Nothing was saved; please choose a smaller file."),
    ),
    429: (
        _l("Too many attempts"),
        _l("Too many requests in a short time. Please wait a minute and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. It has been logged; please try again later."),
    ),
}


def render_error(error: HTTPException) -> Response:
    """The error page for ``error``; a throttled request learns how long to wait."""
    code = error.code or 500
    title, message = MESSAGES.get(code, (error.name, error.description or ""))
    wait = seconds_to_wait() if code == 429 else None
    if wait is not None:
        message = _wait_message(wait)
    response = make_response(
        render_template("errors/error.html", code=code, title=title, message=message), code
    )
    if wait is not None:
        response.headers["Retry-After"] = str(wait)
    return response


def seconds_to_wait() -> int | None:
    """Seconds until the limit this request broke lets it through again (None: no limit was broken)."""
    current = limiter.current_limit
    if current is None or not current.breached:
        return None
    return max(1, math.ceil(current.reset_at - time.time()))


def _wait_message(seconds: int) -> str:
    if seconds < 90:
        return ngettext(
            "Too many attempts in a short time. Please try again in %(num)d second.",
            "Too many attempts in a short time. Please try again in %(num)d seconds.",
            seconds,
        )
    return ngettext(
        "Too many attempts in a short time. Please try again in %(num)d minute.",
        "Too many attempts in a short time. Please try again in %(num)d minutes.",
        math.ceil(seconds / 60),
    )


def init_app(app: Flask) -> None:
    """Register the handlers; Flask logs an unhandled exception and turns it into a 500 for us."""
    app.register_error_handler(HTTPException, render_error)
