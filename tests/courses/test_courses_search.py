"""Search over current editions: FTS5 on SQLite, PostgreSQL's full-text search there (TEST_DATABASE_URL).

Every test here runs on both databases, so the words searched for are whole words of the shipped
texts that both SQLite's prefix search and PostgreSQL's German stemming find.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text

from campus.accounts.models import Role, User
from campus.courses.content import render
from campus.courses.current import catalogue
from campus.courses.models import Enrolment
from campus.courses.search import index, query
from campus.database import is_sqlite
from campus.extensions import db
from support import Auth, post_form

DP = "digitale-prozesse"


@pytest.fixture
def root(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"])


@pytest.fixture
def student(app: Flask, make_user, make_cohort) -> User:
    """Enrolled in digitale-prozesse only."""
    cohort = make_cohort("MA DiSA 2025")
    db.session.add(Enrolment(cohort=cohort, module_id=DP, edition_id="2025-26"))
    db.session.commit()
    return make_user(Role.STUDENT, cohort=cohort)


def main_of(response) -> str:
    page = response.get_data(as_text=True)
    return page[page.index("<main") : page.index("</main>")]


def results(client: FlaskClient, query: str) -> str:
    return main_of(client.get("/modules/search", query_string={"q": query}))


def lesson_rows(app: Flask, module_id: str) -> dict[tuple[str, str], int]:
    """{(edition, slug): row id} of a module's lessons in the index, whichever database holds it."""
    sqlite = is_sqlite(app)
    table, rid = (index.FTS, "rowid") if sqlite else (index.PG, "id")
    sql = f"SELECT {rid}, edition_id, ref FROM {table} WHERE module_id = :m AND kind = 'lesson'"  # noqa: S608
    return {
        (edition, ref): row for row, edition, ref in db.session.execute(text(sql), {"m": module_id}).tuples()
    }


def test_finds_lessons_with_highlighted_snippets(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    page = results(client, "BPMN")
    assert f'href="/modules/{DP}/2025-26/02-prozesse-modellieren"' in page
    assert "<mark>BPMN</mark>" in page
    assert re.search(r"\d+ Treffer für „BPMN“", page)


def test_finds_module_titles_and_readings(client: FlaskClient, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.EXAMINER))
    page = results(client, "Eubanks")
    assert "Literaturangabe" in page and "<mark>Eubanks</mark>" in page
    assert 'href="/modules/aktuelle-entwicklungen/2025-26/#readings"' in page
    page = results(client, "Geschäftsmodelle")
    assert f'href="/modules/{DP}/"' in page and "Modulbeschreibung" in page


def test_respects_visibility(client: FlaskClient, auth: Auth, student, root) -> None:
    auth.login_as(student)
    # Published content is for every member: the student's cohort is not enrolled in this module.
    assert "/modules/aktuelle-entwicklungen/2025-26/04-ki-in-der-beratung" in results(client, "Chatbots")
    # A current edition turned into a draft disappears from the student's results.
    toml = root / DP / "2025-26" / "edition.toml"
    toml.write_text(toml.read_text("utf-8").replace('status = "published"', 'status = "draft"', 1), "utf-8")
    assert "0 Treffer" in results(client, "BPMN")


def test_index_follows_changes_on_disk(app: Flask, client: FlaskClient, auth: Auth, student, root) -> None:
    auth.login_as(student)
    assert "0 Treffer" in results(client, "Quokkaprinzip")
    lesson = root / DP / "2025-26" / "08-zusatz.md"
    lesson.write_text("# Zusatz\n\nDas Quokkaprinzip erklärt alles über Prozesse.\n", "utf-8")
    page = results(client, "Quokkaprinzip")
    assert f'href="/modules/{DP}/2025-26/08-zusatz"' in page and "<mark>Quokkaprinzip</mark>" in page
    stored = dict(db.session.execute(text(index._GET_META)).tuples().all())
    assert stored[f"module:{DP}"] == index.fingerprints(catalogue(app))[DP]


def test_snippets_escape_the_text_around_the_marks(client: FlaskClient, auth: Auth, student, root) -> None:
    lesson = root / DP / "2025-26" / "08-zusatz.md"
    lesson.write_text(
        '# Zusatz <img src=x onerror="alert(1)">\n\nCode: `<b onclick="x()">Zauberwort</b>` & mehr.\n',
        "utf-8",
    )
    auth.login_as(student)
    page = results(client, "Zauberwort")
    assert "<mark>Zauberwort</mark>" in page
    # PostgreSQL's ts_headline drops tag-like text, SQLite keeps it: either way it is never markup.
    assert "<b onclick" not in page and "<img" not in page
    assert "Zusatz &lt;img src=x" in page  # the lesson title, escaped


@pytest.mark.parametrize(
    "query", ['" OR * ( ) : ^', "NEAR(a b)", "-", "a AND", "'; DROP TABLE user; --", "ü"]
)
def test_odd_queries_are_harmless(client: FlaskClient, auth: Auth, student, query: str) -> None:
    auth.login_as(student)
    response = client.get("/modules/search", query_string={"q": query})
    assert response.status_code == 200


def test_empty_query_shows_the_form(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    page = results(client, "")
    assert '<input id="q" name="q" type="search" value=""' in page and "Treffer" not in page


def test_fts5_query_quotes_every_word() -> None:
    assert query.fts5_query('Daten" OR schutz*') == '("daten"*) AND ("or"*) AND ("schutz"*)'
    assert query.fts5_query("-- ; ()") == ""
    assert query.fts5_query("Grösse") == '("grösse"* OR "größe"*)'


def test_spellings_try_umlauts_for_each_digraph() -> None:
    assert query.spellings("laendlich") == ["laendlich", "ländlich"]
    assert "steuerungsfähig" in query.spellings("Steuerungsfaehig")  # the ue stays, the ae is an ä
    assert len(query.spellings("aeaeaeaeae")) == 8  # bounded
    assert query.spellings("Beratung") == ["beratung"]


def test_highlighted_escapes_everything_but_the_markers() -> None:
    raw = f"<script>x</script> {index.OPEN}Treffer{index.CLOSE} &"
    assert str(query.highlighted(raw)) == "&lt;script&gt;x&lt;/script&gt; <mark>Treffer</mark> &amp;"


def test_index_tables_are_invisible_to_migrations(
    app: Flask, client: FlaskClient, auth: Auth, student
) -> None:
    auth.login_as(student)
    results(client, "BPMN")  # builds the index
    include_name = app.extensions["migrate"].configure_args["include_name"]
    with db.engine.connect() as connection:
        seen = compare_metadata(MigrationContext.configure(connection), db.metadata)
        filtered = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}), db.metadata
        )
    assert any(
        index.PREFIX in str(change) for change in seen
    )  # without the filter, autogenerate would drop them
    assert not any(index.PREFIX in str(change) for change in filtered)


def test_words_typed_without_umlauts_find_them(client: FlaskClient, auth: Auth, student, root) -> None:
    lesson = root / DP / "2025-26" / "08-zusatz.md"
    lesson.write_text("# Zusatz\n\nDie ländliche Versorgung und die Straßensozialarbeit.\n", "utf-8")
    auth.login_as(student)
    for typed in ("laendliche", "ländliche", "Strassensozialarbeit", "straßensozialarbeit"):
        page = results(client, typed)
        assert f'href="/modules/{DP}/2025-26/08-zusatz"' in page, typed
    assert "<mark>ländliche</mark>" in results(client, "laendliche")


def test_a_lecturer_may_include_drafts_and_the_archive_of_their_modules(
    app: Flask, client: FlaskClient, auth: Auth, make_user, student
) -> None:
    assert app.test_cli_runner().invoke(args=["modules", "rollover", DP, "--to", "2026-27"]).exit_code == 0
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    current = f'href="/modules/{DP}/2025-26/02-prozesse-modellieren"'
    archived = f'href="/modules/{DP}/2024-25/02-prozesse-modellieren"'
    draft = f'href="/modules/{DP}/2026-27/02-prozesse-modellieren"'
    page = results(client, "BPMN")
    assert current in page and archived not in page and draft not in page
    assert "Auch Entwürfe und archivierte Ausgaben meiner Module" in page
    page = main_of(client.get("/modules/search", query_string={"q": "BPMN", "all": "1"}))
    assert current in page and archived in page and draft in page
    assert (
        "Wintersemester 2026/27 (Entwurf)" in page
        and "Wintersemester 2024/25 (Archiv – schreibgeschützt)" in page
    )
    auth.logout()
    auth.login_as(student)  # not responsible: no such option, and asking for it changes nothing
    assert "Auch Entwürfe" not in results(client, "BPMN")
    page = main_of(client.get("/modules/search", query_string={"q": "BPMN", "all": "1"}))
    assert current in page and archived not in page and draft not in page
    auth.logout()
    auth.login_as(make_user(Role.LECTURER))  # a lecturer of no module
    assert "Auch Entwürfe" not in results(client, "BPMN")


def test_search_never_renders_and_a_save_updates_only_its_lesson(
    app: Flask, client: FlaskClient, auth: Auth, make_user, root, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A lesson that stalls the renderer is on disk: searching must not care.
    (root / DP / "2025-26" / "09-eckig.md").write_text(
        "# Eckig\n\nQuadratwurzel " + "[" * 20_000 + "\n", "utf-8"
    )

    def no_rendering(*_args: object) -> None:
        raise AssertionError("the search rendered a lesson")

    monkeypatch.setattr(render, "_render", no_rendering)
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    assert f'href="/modules/{DP}/2025-26/09-eckig"' in results(client, "Quadratwurzel")
    monkeypatch.undo()
    rows = lesson_rows(app, DP)
    lesson = f"/modules/{DP}/2025-26/01-einfuehrung"
    page = client.get(f"{lesson}/edit").get_data(as_text=True)
    base = re.search(r'name="base_sha256" type="hidden" value="([^"]*)"', page)
    assert base is not None
    saved = "# Einführung\n\nDas Zebrastreifenprinzip.\n"
    assert (
        post_form(client, f"{lesson}/edit", {"text": saved, "base_sha256": base[1], "save": "1"}).status_code
        == 302
    )
    after = lesson_rows(app, DP)
    changed = {key for key in rows if rows[key] != after.get(key)}
    assert changed == {("2025-26", "01-einfuehrung")}  # the save rewrote its own document, no other
    assert f'href="{lesson}"' in results(client, "Zebrastreifenprinzip")
