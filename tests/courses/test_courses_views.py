"""Reading pages of course modules: who sees what (404 otherwise), and what the pages show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Cohort, Role, User
from campus.courses import access
from campus.courses.content import render
from campus.courses.current import PRERENDER, catalogue
from campus.courses.models import Enrolment
from campus.extensions import db
from support import Auth

AE = "aktuelle-entwicklungen"
DP = "digitale-prozesse"
LESSON = f"/modules/{DP}/2025-26/02-prozesse-modellieren"


@pytest.fixture
def root(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"])


@pytest.fixture
def student(app: Flask, make_user, make_cohort) -> User:
    """A student whose cohort is enrolled in the current edition of digitale-prozesse only."""
    cohort: Cohort = make_cohort("MA DiSA 2025")
    db.session.add(Enrolment(cohort=cohort, module_id=DP, edition_id="2025-26"))
    db.session.commit()
    return make_user(Role.STUDENT, cohort=cohort, email="lena@campus.example")


def set_status(root: Path, module_id: str, edition_id: str, status: str) -> None:
    path = root / module_id / edition_id / "edition.toml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r'status = "\w+"', f'status = "{status}"', text, count=1), "utf-8")


def main(page: str) -> str:
    """The page's <main> element."""
    return page[page.index("<main") : page.index("</main>")]


# --- visibility rules (access) -----------------------------------------------------------------------


def test_every_member_reads_published_editions_up_to_the_current(app, root, student) -> None:
    # The enrolment rule: reading needs no enrolment (the student's cohort is enrolled in DP only).
    set_status(root, DP, "2024-25", "draft")
    cat = catalogue(app)
    who = access.access_for(student)
    dp, ae = cat.get(DP), cat.get(AE)
    assert dp is not None and ae is not None
    assert who.sees_module(dp) and who.sees_module(ae)
    assert [e.id for e in who.editions(dp)] == ["2025-26"]  # the past edition is a draft here
    assert [e.id for e in who.editions(ae)] == ["2024-25", "2025-26"]
    assert who.current(ae) is ae.current and not who.is_responsible(dp)


def test_a_module_without_a_readable_edition_is_hidden_from_students(app, root, student) -> None:
    for edition in ("2024-25", "2025-26"):
        set_status(root, AE, edition, "draft")
    ae = catalogue(app).get(AE)
    assert ae is not None and not access.access_for(student).sees_module(ae)


def test_lecturers_see_every_module_but_only_their_own_drafts(app, root, make_user) -> None:
    set_status(root, DP, "2025-26", "draft")
    dp = catalogue(app).get(DP)
    assert dp is not None
    responsible = access.access_for(make_user(Role.LECTURER, email="dozentin@campus.example"))
    other = access.access_for(make_user(Role.LECTURER, Role.EXAMINER))
    admin = access.access_for(make_user(Role.ADMIN))
    examiner = access.access_for(make_user(Role.EXAMINER))
    assert responsible.sees_edition(dp, dp.current) and admin.sees_edition(dp, dp.current)
    assert not other.sees_edition(dp, dp.current) and not examiner.sees_edition(dp, dp.current)
    assert [e.id for e in other.editions(dp)] == ["2024-25"] and other.sees_module(dp)


def test_published_edition_after_the_current_one_is_for_staff_and_its_enrolled_students(
    app, root, student, make_user, make_cohort
) -> None:
    (root / DP / "2026-27").mkdir()
    for item in (root / DP / "2025-26").iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy)(item, root / DP / "2026-27" / item.name)
    dp = catalogue(app).get(DP)
    assert dp is not None and dp.edition("2026-27") is not None
    upcoming = dp.editions["2026-27"]
    assert access.edition_state(dp, upcoming) == "upcoming"
    assert not access.access_for(student).sees_edition(dp, upcoming)
    assert access.access_for(make_user(Role.EXAMINER)).sees_edition(dp, upcoming)
    cohort = make_cohort("MA DiSA 2026")
    db.session.add(Enrolment(cohort=cohort, module_id=DP, edition_id="2026-27"))
    db.session.commit()
    assert access.access_for(make_user(Role.STUDENT, cohort=cohort)).sees_edition(dp, upcoming)


def test_edition_states(app) -> None:
    dp = catalogue(app).get(DP)
    assert dp is not None
    states = {e.id: access.edition_state(dp, e) for e in dp.editions.values()}
    assert states == {"2024-25": "archived", "2025-26": "current"}


# --- pages ------------------------------------------------------------------------------------------


def test_pages_need_a_sign_in(client: FlaskClient) -> None:
    for url in ("/modules/", f"/modules/{DP}/", LESSON, "/modules/search?q=x"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_student_reads_modules_of_other_cohorts_and_gets_404_for_what_does_not_exist(
    client, auth: Auth, student, root
) -> None:
    auth.login_as(student)
    for url in (
        f"/modules/{AE}/",
        f"/modules/{AE}/2025-26/",
        f"/modules/{AE}/2025-26/01-einfuehrung",
        f"/modules/{AE}/archive",
        f"/modules/{AE}/diff",
    ):
        assert client.get(url).status_code == 200, url
    set_status(root, AE, "2025-26", "draft")
    for url in (
        f"/modules/{AE}/2025-26/",
        f"/modules/{AE}/2025-26/01-einfuehrung",
        f"/modules/{AE}/2025-26/assets/none.png",
        "/modules/no-such-module/",
        f"/modules/{DP}/2030-31/",
        f"/modules/{DP}/2025-26/99-fehlt",
    ):
        assert client.get(url).status_code == 404, url


def test_catalogue_shows_cards_in_german_with_filter(client, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.LECTURER, name="Prof. Dr. Miriam Albers", email="dozentin@campus.example"))
    page = main(client.get("/modules/").get_data(as_text=True))
    assert "<h1>Module</h1>" in page
    for title in ("Aktuelle Entwicklungen und Diskurse", "Onlineberatung und Blended Counselling"):
        assert title in page
    assert "5 ECTS" in page and "KI in Beratung und Verwaltung der Sozialen Arbeit" in page
    assert "Prof. Dr. Miriam Albers" in page  # lecturer e-mail shown as the account's name
    assert "Fehlerhafte Module" not in page  # admins only
    semester_1 = client.get("/modules/?semester=3").get_data(as_text=True)
    assert "Aktuelle Entwicklungen und Diskurse" in semester_1 and "Onlineberatung und" not in semester_1


def test_catalogue_in_english_uses_english_titles(client, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.EXAMINER))
    page = client.get("/modules/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Current Developments and Discourses" in page and "<h1>Modules</h1>" in page


def test_student_catalogue_lists_every_published_module(client, auth: Auth, student) -> None:
    auth.login_as(student)
    page = main(client.get("/modules/").get_data(as_text=True))
    assert "Digitalisierung von Prozessen" in page and "Onlineberatung und" in page


def test_module_page_shows_frame_edition_timeline_readings_and_assignment(
    client, auth: Auth, student
) -> None:
    auth.login_as(student)
    page = main(client.get(f"/modules/{DP}/").get_data(as_text=True))
    assert "Lernergebnisse" in page and "10 ECTS" in page and "Aktuelle Ausgabe" in page
    # Sessions: an ordered list with machine-readable times in Berlin time.
    timeline = page[page.index('<ol class="timeline">') :]
    assert '<time datetime="2025-10-15T14:00:00+02:00">Mi., 15. Okt. 2025, 14:00</time>' in timeline
    assert "Pflichtlektüre" in page
    # The assignment: opens, due and cut-off in German, formats, word range and the defence window.
    assert "Fr., 27. Feb. 2026, 23:59" in page and "Fr., 6. März 2026, 23:59" in page
    assert "PDF, DOCX" in page and "6.000 bis 8.000 Wörter" in page
    assert "Mündliche Verteidigung" in page and "10.03.2026" in page
    assert f'href="/modules/{DP}/archive"' in page and f'href="/modules/{DP}/diff"' in page
    assert f'href="{LESSON}"' in page
    assert "Einschreibungen verwalten" not in page


def test_past_edition_is_marked_as_read_only_archive(client, auth: Auth, student) -> None:
    auth.login_as(student)
    page = client.get(f"/modules/{DP}/2024-25/").get_data(as_text=True)
    assert "Archiv – schreibgeschützt" in page and "Wintersemester 2024/25" in page
    lesson = client.get(f"/modules/{DP}/2024-25/01-einfuehrung")
    assert lesson.status_code == 200 and "Archiv – schreibgeschützt" in lesson.get_data(as_text=True)


def test_lesson_page_has_toc_highlighted_code_and_neighbours(client, auth: Auth, student) -> None:
    auth.login_as(student)
    page = client.get(LESSON).get_data(as_text=True)
    assert re.search(r'<link rel="stylesheet" href="/modules/pygments.css\?v=\w+">', page)
    assert '<nav class="lesson-toc" aria-label="Inhalt dieser Lektion">' in page
    assert 'href="#bpmn-in-grundzugen"' in page and '<div class="highlight">' in page
    assert f'rel="prev" href="/modules/{DP}/2025-26/01-einfuehrung"' in page
    assert f'rel="next" href="/modules/{DP}/2025-26/03-medienbrueche-und-fachsoftware"' in page
    assert "Lektion bearbeiten" not in page
    # Assets are linked through the asset route of this edition.
    einfuehrung = client.get(f"/modules/{DP}/2025-26/01-einfuehrung").get_data(as_text=True)
    assert 'rel="prev"' not in einfuehrung


def test_pages_link_the_editing_pages_only_once_they_exist(
    app: Flask, client, auth: Auth, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    with monkeypatch.context() as patch:  # as before the editing pages are installed
        for endpoint in ("courses.edit_lesson", "courses.edit_edition"):
            patch.delitem(app.view_functions, endpoint, raising=False)
        assert "Lektion bearbeiten" not in client.get(LESSON).get_data(as_text=True)
        assert "Ausgabe bearbeiten" not in client.get(f"/modules/{DP}/").get_data(as_text=True)
        assert client.get("/").status_code == 200
    for rule, endpoint in (("<slug>/edit", "courses.edit_lesson"), ("edit", "courses.edit_edition")):
        if endpoint not in app.view_functions:  # the editing pages are not there yet: a stand-in
            app.add_url_rule(f"/modules/<module_id>/<edition_id>/{rule}", endpoint, lambda **_: "")
    page = client.get(LESSON).get_data(as_text=True)
    assert f'href="{LESSON}/edit"' in page and "Lektion bearbeiten" in page
    assert f'href="/modules/{DP}/2025-26/edit"' in client.get(f"/modules/{DP}/").get_data(as_text=True)
    assert f'href="/modules/{DP}/2025-26/edit"' in client.get("/").get_data(as_text=True)  # dashboard panel
    auth.logout()
    auth.login_as(make_user(Role.LECTURER))  # not responsible for the module: no edit link
    assert "Lektion bearbeiten" not in client.get(LESSON).get_data(as_text=True)
    assert "Ausgabe bearbeiten" not in client.get(f"/modules/{DP}/").get_data(as_text=True)


def test_pygments_stylesheet_is_served_locally_and_cached(client) -> None:
    response = client.get("/modules/pygments.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert ".highlight" in response.get_data(as_text=True)
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_archive_lists_visible_editions(client, auth: Auth, student, root) -> None:
    auth.login_as(student)
    page = client.get(f"/modules/{DP}/archive").get_data(as_text=True)
    assert "Wintersemester 2024/25" in page and "Wintersemester 2025/26" in page
    assert "2 Ausgaben" in page


def test_english_interface(client, auth: Auth, make_user) -> None:
    auth.login_as(make_user(Role.ADMIN))
    page = client.get(f"/modules/{DP}/2024-25/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Archive – read-only" in page and "Learning outcomes" in page
    assert "Digitalising Processes and Digital Business Models" in page


def test_module_page_warns_responsible_people_about_lecturers_without_an_account(
    client, auth: Auth, make_user, student
) -> None:
    # onlineberatung lists dozentin@ and jonas.albrecht@; only the first has a lecturer account here.
    auth.login_as(make_user(Role.ADMIN))
    page = main(client.get("/modules/onlineberatung/").get_data(as_text=True))
    assert "Dozierende ohne Dozierendenkonto" in page and "<code>jonas.albrecht@campus.example</code>" in page
    assert "<code>dozentin@campus.example</code>" in page  # no account at all in this test
    auth.logout()
    make_user(Role.LECTURER, email="jonas.albrecht@campus.example")
    auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))
    assert "Dozierende ohne Dozierendenkonto" not in client.get("/modules/onlineberatung/").get_data(
        as_text=True
    )
    auth.logout()
    auth.login_as(student)  # not responsible: no warning, whatever the list says
    assert "Dozierende ohne" not in client.get(f"/modules/{AE}/").get_data(as_text=True)


def test_a_lesson_that_cannot_render_in_time_shows_a_notice_and_is_not_rendered_again(
    app, client, auth: Auth, student, root, quick_limit: float, stalling_lesson: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    (root / DP / "2025-26" / "09-eckig.md").write_text(stalling_lesson, "utf-8")  # by hand, on disk
    auth.login_as(student)
    page = main(client.get(f"/modules/{DP}/2025-26/09-eckig").get_data(as_text=True))
    assert "Diese Lektion kann gerade nicht angezeigt werden" in page and "<h1>Eckig</h1>" in page
    monkeypatch.setattr(render, "_render", lambda *_: pytest.fail("rendered again"))
    assert "kann gerade nicht" in client.get(f"/modules/{DP}/2025-26/09-eckig").get_data(as_text=True)
    assert client.get(f"/modules/{AE}/").status_code == 200  # everything else keeps working


def test_every_lesson_is_rendered_ahead_so_readers_get_cached_pages(
    app, client, auth: Auth, student, monkeypatch: pytest.MonkeyPatch
) -> None:
    render.clear_cache()
    cat = catalogue(app)
    rendered = app.extensions[PRERENDER].render_all(cat)
    assert rendered == sum(len(e.lessons) for m in cat.modules.values() for e in m.editions.values())
    assert app.extensions[PRERENDER].render_all(cat) == 0  # cached: nothing to do a second time
    monkeypatch.setattr(render, "_render", lambda *_: pytest.fail("a reader waited for a render"))
    auth.login_as(student)
    for module in cat.modules.values():
        for lesson in module.current.lessons:
            url = f"/modules/{module.id}/{module.current.id}/{lesson.slug}"
            assert client.get(url).status_code == 200, url
