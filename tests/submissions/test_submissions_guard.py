"""An assignment that has submissions cannot disappear: not in the settings form, not by hand on disk
(`flask modules check` names it) and not by importing a replacement module without it."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import submission_files as files
from course import PATH, People
from courses.htmlforms import form_fields
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from handin import upload
from werkzeug.datastructures import MultiDict

from campus.courses.content.archive import export_module
from support import Auth

SETTINGS = "/modules/testmodul/2026-27/settings"
MESSAGE = 'assignment "hausarbeit" has submissions; it cannot be removed or renamed'


def edition_toml(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"]) / "testmodul" / "2026-27" / "edition.toml"


def without_hausarbeit(text: str) -> str:
    """The edition.toml text with the first assignment table (hausarbeit) cut out."""
    head, sep, rest = text.partition("[[assignments]]")
    _first, sep2, others = rest.partition("[[assignments]]")
    assert sep and sep2
    return head + sep2 + others


def test_the_settings_form_refuses_to_remove_an_assignment_with_submissions(
    app: Flask, client: FlaskClient, auth: Auth, people: People, open_clock
) -> None:
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    auth.logout()
    auth.login_as(people.lecturer)
    before = edition_toml(app).read_text()
    data = MultiDict(form_fields(client.get(SETTINGS).get_data(as_text=True), "settings-form"))
    data["action"] = "remove:assignments-0"
    page = client.post(SETTINGS, data=data).get_data(as_text=True)
    data = MultiDict(form_fields(page, "settings-form"))
    data["action"] = "save"
    answer = client.post(SETTINGS, data=data)
    assert answer.status_code == 200
    assert "Zur Aufgabe „hausarbeit“ gibt es Abgaben" in answer.get_data(as_text=True)
    assert edition_toml(app).read_text() == before


def test_modules_check_names_an_assignment_with_submissions_that_is_gone_from_disk(
    app: Flask, client: FlaskClient, auth: Auth, people: People, open_clock, runner: FlaskCliRunner
) -> None:
    assert runner.invoke(args=["modules", "check"]).exit_code == 0
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    toml = edition_toml(app)
    toml.write_text(without_hausarbeit(toml.read_text()))
    for args in (["modules", "check"], ["modules", "check", "testmodul"]):
        result = runner.invoke(args=args)
        assert (
            result.exit_code == 1
            and f"testmodul/2026-27/edition.toml: assignments: {MESSAGE}" in result.output
        )
    assert runner.invoke(args=["modules", "check", "anderes-modul"]).exit_code == 0
    shutil.rmtree(toml.parent.parent)  # the whole module gone
    result = runner.invoke(args=["modules", "check"])
    assert result.exit_code == 1 and MESSAGE in result.output


def test_importing_a_replacement_without_an_assignment_with_submissions_is_refused(
    app: Flask, client: FlaskClient, auth: Auth, people: People, open_clock, runner: FlaskCliRunner,
    tmp_path: Path,
) -> None:  # fmt: skip
    auth.login_as(people.student)
    upload(client, PATH, files.pdf())
    root, toml = Path(app.config["MODULES_DIR"]), edition_toml(app)
    before = toml.read_text()
    # The replacement: the same module without the assignment, exported from a copy.
    other = tmp_path / "elsewhere"
    shutil.copytree(root / "testmodul", other / "testmodul")
    (other / "testmodul" / "2026-27" / "edition.toml").write_text(without_hausarbeit(before))
    export_module(other, "testmodul", tmp_path / "ohne.zip")
    result = runner.invoke(args=["modules", "import", "--replace", str(tmp_path / "ohne.zip")])
    assert result.exit_code == 1 and MESSAGE in result.output
    assert toml.read_text() == before
    # A replacement that keeps it is imported.
    export_module(root, "testmodul", tmp_path / "mit.zip")
    result = runner.invoke(args=["modules", "import", "--replace", str(tmp_path / "mit.zip")])
    assert result.exit_code == 0, result.output
    assert "hausarbeit" in {a["id"] for a in tomllib.loads(toml.read_text())["assignments"]}
