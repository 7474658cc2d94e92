"""The modules shipped in modules/ check clean and have what issue 3 promises students."""

from __future__ import annotations

import pytest

from campus.accounts.models import Role
from campus.courses.content import check, load_catalogue
from campus.courses.content.diff import compare_editions
from campus.courses.content.manifest import Module
from campus.courses.content.render import render_lesson
from campus.courses.current import DEFAULT_MODULES_DIR
from campus.demo import DEMO_ACCOUNTS


@pytest.fixture(scope="module")
def shipped() -> dict[str, Module]:
    return dict(load_catalogue(DEFAULT_MODULES_DIR).modules)


def test_shipped_modules_check_clean() -> None:
    assert [str(p) for p in check(DEFAULT_MODULES_DIR)] == []


def test_shipped_modules_via_cli(courses_app, courses_cli) -> None:
    courses_app.config["MODULES_DIR"] = str(DEFAULT_MODULES_DIR)
    result = courses_cli.invoke(args=["modules", "check"])
    assert result.exit_code == 0, result.output
    listing = courses_cli.invoke(args=["modules", "list"]).output
    assert "aktuelle-entwicklungen\t" in listing and "BROKEN" not in listing


def test_at_least_three_modules_with_two_editions(shipped: dict[str, Module]) -> None:
    assert len(shipped) >= 3
    assert all(len(module.editions) >= 2 for module in shipped.values())


def test_each_edition_has_sessions_readings_and_a_defended_paper(shipped: dict[str, Module]) -> None:
    for module in shipped.values():
        assert module.outcomes_for("de")
        for edition in module.editions.values():
            where = f"{module.id}/{edition.id}"
            assert len(edition.sessions) >= 6, where
            assert edition.readings, where
            assert any(a.defence is not None for a in edition.assignments), where


def test_lessons_render_with_their_titles(shipped: dict[str, Module]) -> None:
    highlighted = 0
    for module in shipped.values():
        for edition in module.editions.values():
            for lesson in edition.lessons:
                rendered = render_lesson(lesson, f"/assets/{module.id}/{edition.id}/")
                assert rendered.title == lesson.title, lesson.path
                highlighted += '<div class="highlight">' in rendered.html
    assert highlighted >= 1  # at least one lesson shows highlighted code


def test_current_editions_differ_from_last_year(shipped: dict[str, Module]) -> None:
    for module in shipped.values():
        previous = module.previous_edition(module.current_edition)
        assert previous is not None, module.id
        diff = compare_editions(module, previous.id, module.current_edition)
        assert diff.lessons_changed or diff.lessons_added, module.id


def test_every_listed_lecturer_has_a_demo_lecturer_account(shipped: dict[str, Module]) -> None:
    # Edit rights need an account with the lecturer role under the listed address (issue 7).
    lecturers = {a.email.casefold() for a in DEMO_ACCOUNTS if Role.LECTURER in a.roles}
    for module in shipped.values():
        for email in module.lecturers:
            assert email.casefold() in lecturers, f"{module.id}: {email}"
