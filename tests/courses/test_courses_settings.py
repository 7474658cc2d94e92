"""The edition settings form: saving through the module validator, messages at the fields, rows by button."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from htmlforms import form_fields
from werkzeug.datastructures import MultiDict

from campus.accounts.models import Role
from campus.audit import AuditEvent
from campus.courses.content import settings
from campus.courses.models import FileVersion
from campus.extensions import db
from support import Auth

MODULE, EDITION = "aktuelle-entwicklungen", "2025-26"
URL = f"/modules/{MODULE}/{EDITION}/settings"


@pytest.fixture
def toml(app: Flask) -> Path:
    return Path(app.config["MODULES_DIR"]) / MODULE / EDITION / "edition.toml"


@pytest.fixture
def lecturer(auth: Auth, make_user):
    return auth.login_as(make_user(Role.LECTURER, email="dozentin@campus.example"))


def page_form(client: FlaskClient) -> MultiDict:
    return MultiDict(form_fields(client.get(URL).get_data(as_text=True), "settings-form"))


def submit(client: FlaskClient, data: MultiDict, action: str = "save"):
    data = MultiDict(data)
    data["action"] = action
    return client.post(URL, data=data)


def test_saving_the_unchanged_form_changes_nothing(client: FlaskClient, lecturer, toml: Path) -> None:
    before = toml.read_bytes()
    response = submit(client, page_form(client))
    assert response.status_code == 302
    assert "Es gab keine Änderungen" in client.get(URL).get_data(as_text=True)
    assert toml.read_bytes() == before
    assert db.session.query(FileVersion).count() == 0


def test_a_changed_session_is_saved_with_comments_and_other_rows_kept(client, lecturer, toml) -> None:
    before = toml.read_text("utf-8")
    data = page_form(client)
    assert data["sessions-1-room"] == "Raum B 2.14" and data["sessions-1-lesson"] == "02-ki-grundlagen"
    data["sessions-1-room"] = "Raum C 1.01"
    data["sessions-1-title"] = "Was ist KI?\nBegriffe"  # a newline never reaches the file
    assert submit(client, data).status_code == 302
    after = toml.read_text("utf-8")
    assert "# Wöchentlich dienstags, 10:00–11:30 Uhr" in after
    sessions = tomllib.loads(after)["sessions"]
    assert (sessions[1]["room"], sessions[1]["title"]) == ("Raum C 1.01", "Was ist KI? Begriffe")
    old = tomllib.loads(before)
    assert sessions[0] == old["sessions"][0] and tomllib.loads(after)["readings"] == old["readings"]
    assert db.session.query(AuditEvent).filter_by(action="course.edition_settings.save").count() == 1
    assert db.session.query(FileVersion).filter_by(path="edition.toml", action="save").count() == 1


def test_validator_messages_are_german_and_name_the_field(client, lecturer, toml) -> None:
    before = toml.read_bytes()
    data = page_form(client)
    data["sessions-2-starts"] = "2026-05-05T10:00"
    data["sessions-0-minutes"] = "5"
    page = submit(client, data).get_data(as_text=True)
    assert "Nicht gespeichert" in page
    assert (
        "Sitzung 3: Beginn: Die Sitzung am 05.05.2026 liegt außerhalb des Semesters (01.10.2025 bis 31.03.2026)"
        in page
    )
    assert "Sitzung 1: Dauer in Minuten: Muss zwischen 15 und 480 liegen, angegeben ist 5" in page
    data = page_form(client)
    data["term_end"] = ""
    assert "Semesterende: Pflichtangabe fehlt" in submit(client, data).get_data(as_text=True)
    assert 'href="#sessions-2-starts"' in page and 'aria-invalid="true"' in page
    assert "session on" not in page and "required field" not in page  # no English left
    assert toml.read_bytes() == before


def test_rows_are_added_and_removed_by_buttons(client, lecturer, toml) -> None:
    data = page_form(client)
    page = submit(client, data, "add:readings").get_data(as_text=True)
    assert 'name="readings-7-citation"' in page and "Literatur 8" in page
    data = MultiDict(form_fields(page, "settings-form"))
    data["readings-7-citation"] = "Muster, M. (2026). Neues Buch. Verlag."
    page = submit(client, data, "remove:sessions-7").get_data(as_text=True)
    assert "Kolloquium: Themenskizzen" not in page
    assert submit(client, MultiDict(form_fields(page, "settings-form"))).status_code == 302
    saved = tomllib.loads(toml.read_text("utf-8"))
    assert len(saved["sessions"]) == 7 and saved["readings"][-1] == {
        "citation": "Muster, M. (2026). Neues Buch. Verlag."
    }


def test_keys_the_form_does_not_know_stay() -> None:
    text = (
        '# Kopf\nlabel = "WS"\n\n[[assignments]]\nid = "ha"\nmax_mb = 12 # von submissions\n\n'
        "[assignments.defence]\nminutes = 20\nkiosk = true\n"
    )
    change = settings.Change(
        {"label": "WS 2026/27"},
        {"assignments": [settings.Row(0, {"id": "ha2"}, {"defence": settings.Row(None, {"minutes": 25})})]},
    )
    new = settings.apply(text, change)
    assert new.startswith("# Kopf\n") and "max_mb = 12 # von submissions" in new
    assert tomllib.loads(new) == {
        "label": "WS 2026/27",
        "assignments": [{"id": "ha2", "max_mb": 12, "defence": {"minutes": 25, "kiosk": True}}],
    }


def test_a_form_save_to_unchanged_values_keeps_each_line() -> None:
    text = 'label = "WS"  # bleibt\nterm_start = 2025-10-01 # auch\n'
    assert settings.apply(text, settings.Change({"label": "WS", "term_start": date(2025, 10, 1)}, {})) == text


def test_only_responsible_people_see_the_form(client: FlaskClient, auth: Auth, make_user, toml) -> None:
    auth.login_as(make_user(Role.STUDENT))
    assert client.get(URL).status_code in (403, 404)
    assert client.post(URL, data={"action": "save", "label": "x"}).status_code in (400, 403, 404)


def test_a_posted_form_cannot_grow_without_bound(client, lecturer, toml) -> None:
    data = page_form(client)
    for i in range(8, 260):
        data[f"sessions-{i}-title"] = f"Sitzung {i}"
    page = submit(client, data, "add:sessions")
    assert page.status_code == 200
    assert 'name="sessions-199-title"' in page.get_data(as_text=True)
    assert 'name="sessions-200-title"' not in page.get_data(as_text=True)


def test_the_hand_in_and_marking_keys_of_an_assignment_are_edited_in_the_form(client, lecturer, toml) -> None:
    data = page_form(client)
    assert data["assignments-0-ai_policy"] == "" and "assignments-0-blind" not in data
    changes = {
        "assignments-0-max_mb": "10", "assignments-0-blind": "y", "assignments-0-second_marker": "y",
        "assignments-0-ai_policy": "none", "assignments-0-declaration": "Ich versichere,\ndass ich allein schrieb.",
    }  # fmt: skip
    for name, value in changes.items():
        data[name] = value  # MultiDict.update would add a second value, not replace the first
    assert submit(client, data).status_code == 302
    saved = tomllib.loads(toml.read_text("utf-8"))["assignments"][0]
    assert (saved["max_mb"], saved["blind"], saved["second_marker"], saved["ai_policy"]) == (
        10,
        True,
        True,
        "none",
    )
    assert (
        saved["declaration"] == "Ich versichere, dass ich allein schrieb." and "ai_declaration" not in saved
    )
    data = page_form(client)
    assert (data["assignments-0-max_mb"], data["assignments-0-ai_policy"]) == ("10", "none")
    data["assignments-0-max_mb"] = "500"
    page = submit(client, data).get_data(as_text=True)
    assert "Nicht gespeichert" in page and "Größte Datei in MB" in page
    data["assignments-0-max_mb"], data["assignments-0-ai_policy"] = "", ""
    del data["assignments-0-blind"]
    assert submit(client, data).status_code == 302
    saved = tomllib.loads(toml.read_text("utf-8"))["assignments"][0]
    # Emptied: the key goes and the default applies; an unticked box that was set writes false.
    assert "max_mb" not in saved and "ai_policy" not in saved and saved["blind"] is False


def test_the_defence_window_keys_are_in_the_form(client, lecturer, toml) -> None:
    data = page_form(client)
    prefix = "assignments-0-defence-"
    data[prefix + "buffer"], data[prefix + "place"], data[prefix + "who"] = "15", "Raum A 0.01", "invited"
    data[prefix + "notice_hours"], data[prefix + "booking_opens"] = "24", "2026-02-28T08:00"
    assert submit(client, data).status_code == 302
    defence = tomllib.loads(toml.read_text("utf-8"))["assignments"][0]["defence"]
    assert (defence["buffer"], defence["place"], defence["who"], defence["notice_hours"]) == (
        15,
        "Raum A 0.01",
        "invited",
        24,
    )
    data = page_form(client)
    data[prefix + "buffer"] = "7"
    page = submit(client, data).get_data(as_text=True)
    assert "Nicht gespeichert" in page and "Vielfaches von 5" in page
