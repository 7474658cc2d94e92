"""Language choice: the user's stored preference, else the visitor's choice, else the browser's, else German."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from babel.support import Translations
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import force_locale, get_locale, get_translations
from flask_login import current_user

from campus.extensions import babel

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def select_locale() -> str:
    """The language of the current request."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the configured default
        return str(current_app.config["BABEL_DEFAULT_LOCALE"])
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return str(current_user.language)
    if session.get("language") in languages:
        return str(session["language"])
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def request_translations() -> Translations:
    """The current request's translations, looked up once: a page asks for dozens of strings."""
    translations = g.get("_campus_translations")
    if translations is None:
        translations = g._campus_translations = get_translations()
    return translations


@contextmanager
def language(code: str) -> Iterator[None]:
    """Render in ``code`` for a moment (a mail in its recipient's language, whatever the page's language)."""
    saved = g.pop("_campus_translations", None)
    try:
        with force_locale(code):
            yield
    finally:
        g.pop("_campus_translations", None)
        if saved is not None:
            g._campus_translations = saved


def init_app(app: Flask) -> None:
    """Bind Flask-Babel and give templates the current language."""
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel's template functions resolve the locale and catalogue on every call; these once per request.
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.context_processor
    def language_context() -> dict[str, object]:
        return {"current_language": str(get_locale() or "de"), "language_names": LANGUAGE_NAMES}
