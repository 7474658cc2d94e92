"""Edition assets through the web: the right file with the right headers, and 404 for any trick."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from campus.accounts.models import Role, User
from campus.courses.models import Enrolment
from campus.extensions import db
from support import Auth

BASE = "/modules/demo/2025-26/assets"


@pytest.fixture
def app_config(courses_root: Path, make_module) -> dict[str, Any]:
    """The example module of tests/courses/conftest.py, with a few more files around its assets."""
    assets = make_module("demo") / "2025-26" / "assets"
    (assets / "sub").mkdir()
    (assets / "sub" / "daten.csv").write_text("a,b\n1,2\n", "utf-8")
    (assets / "bild.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf-8"
    )
    (assets / "seite.html").write_text("<script>alert(1)</script>", "utf-8")
    (assets / ".versteckt.txt").write_text("geheim", "utf-8")
    (courses_root.parent / "secret.txt").write_text("geheim", "utf-8")
    return {"MODULES_DIR": str(courses_root), "MODULES_RELOAD_INTERVAL": 0}


@pytest.fixture
def student(app: Flask, make_user, make_cohort) -> User:
    cohort = make_cohort("MA DiSA 2025")
    db.session.add(Enrolment(cohort=cohort, module_id="demo", edition_id="2025-26"))
    db.session.commit()
    return make_user(Role.STUDENT, cohort=cohort)


def test_an_asset_is_served_with_its_type_and_revalidated(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    with client.get(f"{BASE}/bild.png") as response:  # `with`: the file is closed afterwards
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data == b"\x89PNG\r\n\x1a\n"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert (
            "private" in response.headers["Cache-Control"] and "no-cache" in response.headers["Cache-Control"]
        )
        etag = response.headers["ETag"]
    with client.get(f"{BASE}/bild.png", headers={"If-None-Match": etag}) as again:
        assert again.status_code == 304
    with client.get(f"{BASE}/sub/daten.csv") as csv:
        assert csv.status_code == 200 and csv.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_lesson_images_point_at_the_asset_route(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    page = client.get("/modules/demo/2025-26/01-einfuehrung").get_data(as_text=True)
    assert f'src="{BASE}/bild.png"' in page


def test_svg_runs_no_script_and_html_downloads(client: FlaskClient, auth: Auth, student) -> None:
    auth.login_as(student)
    with client.get(f"{BASE}/bild.svg") as svg:
        assert svg.mimetype == "image/svg+xml" and "sandbox" in svg.headers["Content-Security-Policy"]
    with client.get(f"{BASE}/seite.html") as page:
        assert (
            page.mimetype == "application/octet-stream"
            and page.headers["Content-Disposition"] == "attachment"
        )


@pytest.mark.parametrize(
    "path",
    [
        "../01-einfuehrung.md",
        "../edition.toml",
        "../../module.toml",
        "sub/../../edition.toml",
        "%2e%2e/edition.toml",
        "%2E%2E%2Fedition.toml",
        "..%2Fedition.toml",
        "..%2f..%2fmodule.toml",
        "%252e%252e/edition.toml",
        "sub%2F..%2F..%2Fedition.toml",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "%2F%2Fetc/passwd",
        "..%5Cedition.toml",
        "bild.png%00.txt",
        ".versteckt.txt",
        "sub",
        "",
        "fehlt.png",
        "../../../secret.txt",
    ],
)
def test_traversal_and_tricks_are_404(client: FlaskClient, auth: Auth, student, path: str) -> None:
    auth.login_as(student)
    response = client.get(f"{BASE}/{path}")
    assert response.status_code == 404, (path, response.status_code, response.headers.get("Location"))
    assert b"geheim" not in response.data and b"current_edition" not in response.data


def test_assets_follow_the_visibility_rules(
    client: FlaskClient, auth: Auth, make_user, make_cohort, courses_root: Path
) -> None:
    auth.login_as(make_user(Role.STUDENT, cohort=make_cohort("Andere Kohorte")))
    with client.get(f"{BASE}/bild.png") as response:  # published content: for every member
        assert response.status_code == 200
    toml = courses_root / "demo" / "2025-26" / "edition.toml"
    toml.write_text(toml.read_text("utf-8").replace('status = "published"', 'status = "draft"'), "utf-8")
    assert client.get(f"{BASE}/bild.png").status_code == 404  # a draft's files: its lecturers only
    toml.write_text(toml.read_text("utf-8").replace('status = "draft"', 'status = "published"'), "utf-8")
    auth.logout()
    assert client.get(f"{BASE}/bild.png").status_code == 302  # to the sign-in page
    auth.login_as(make_user(Role.EXAMINER))  # staff see every module's published editions
    with client.get(f"{BASE}/bild.png") as response:
        assert response.status_code == 200
