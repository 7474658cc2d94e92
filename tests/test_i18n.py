"""German by default, English on request: per user, per visitor and from the browser."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from campus import create_app
from campus.accounts.models import User
from support import Auth, campus_config, post_form

CATALOG = Path(__file__).resolve().parents[1] / "platform/campus/translations/de/LC_MESSAGES/messages.po"


def test_accept_language_is_honoured_for_visitors(client: FlaskClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.8"}).get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in to Campus" in page


def test_unknown_browser_language_falls_back_to_german(client: FlaskClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert "Bei Campus anmelden" in page


def test_visitor_switches_language(client: FlaskClient) -> None:
    post_form(client, "/language", {"language": "en", "next": "/login"}, form_url="/login")
    assert "Sign in to Campus" in client.get("/login").get_data(as_text=True)


def test_language_choice_is_stored_on_the_account(app, client: FlaskClient, auth: Auth, make_user) -> None:
    user = auth.login_as(make_user())
    response = post_form(client, "/language", {"language": "en", "next": "/"}, form_url="/")
    assert response.headers["Location"] == "/"
    assert user.language == "en"
    other = app.test_client()
    Auth(other).login_as(user)
    assert "Welcome," in other.get("/").get_data(as_text=True)


def test_language_switch_ignores_unknown_languages(client: FlaskClient, auth: Auth, make_user) -> None:
    user: User = auth.login_as(make_user())
    post_form(client, "/language", {"language": "xx"}, form_url="/")
    assert user.language is None


def test_error_pages_in_both_languages(client: FlaskClient) -> None:
    german = client.get("/no-such-page")
    assert german.status_code == 404 and "Seite nicht gefunden" in german.get_data(as_text=True)
    english = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert "Page not found" in english.get_data(as_text=True)


def test_upload_over_the_limit_gets_the_413_page(app, client: FlaskClient) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"email": "x" * 4096})
    assert response.status_code == 413
    assert "Datei zu groß" in response.get_data(as_text=True)


def test_german_catalogue_is_complete() -> None:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_unexpected_error_gets_the_500_page_in_the_sites_look(tmp_path) -> None:
    app = create_app(campus_config(tmp_path, TESTING=False))

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("broken on purpose")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Etwas ist schiefgegangen" in page and "broken on purpose" not in page
