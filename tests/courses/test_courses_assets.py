"""Asset lookup: only regular files under <edition>/assets/, however the path is spelt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campus.courses.content import assets
from campus.courses.content.assets import asset_headers, guess_type, resolve_asset, store_asset
from campus.courses.content.errors import AssetError


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    folder = tmp_path / "modules" / "demo" / "2025-26"
    (folder / "assets" / "sub").mkdir(parents=True)
    (folder / "assets" / "bild.png").write_bytes(b"png")
    (folder / "assets" / "sub" / "daten.csv").write_text("a,b\n", "utf-8")
    (folder / "assets" / ".versteckt").write_text("x", "utf-8")
    (folder / "01-lektion.md").write_text("# L\n", "utf-8")
    (folder.parent / "module.toml").write_text("geheim", "utf-8")
    (tmp_path / "secret.txt").write_text("geheim", "utf-8")
    return folder


def test_files_under_assets_resolve(edition: Path) -> None:
    assert resolve_asset(edition, "bild.png") == (edition / "assets" / "bild.png").resolve()
    assert resolve_asset(edition, "sub/daten.csv") == (edition / "assets" / "sub" / "daten.csv").resolve()


@pytest.mark.parametrize(
    "relpath",
    [
        "../01-lektion.md",  # parent traversal
        "../../module.toml",
        "sub/../../01-lektion.md",
        "sub/../bild.png",  # harmless, but ".." is never needed
        "./bild.png",
        "/etc/passwd",  # absolute
        "C:/Windows/win.ini",
        "..\\01-lektion.md",  # backslash
        "sub\\daten.csv",
        "bild.png\x00.txt",  # NUL
        "%2e%2e/01-lektion.md",  # percent-encoded traversal reaching us undecoded
        "%2E%2E%2F01-lektion.md",
        "%252e%252e/01-lektion.md",  # double-encoded
        "..%2f01-lektion.md",
        ".versteckt",  # hidden file
        "sub",  # a folder
        "sub/",
        "sub//daten.csv",
        "",
        "fehlt.png",
        " bild.png",
    ],
)
def test_unsafe_or_missing_paths_are_refused(edition: Path, relpath: str) -> None:
    assert resolve_asset(edition, relpath) is None


def test_symlink_leaving_the_folder_is_refused(edition: Path, tmp_path: Path) -> None:
    os.symlink(tmp_path / "secret.txt", edition / "assets" / "link.txt")
    os.symlink(edition / "01-lektion.md", edition / "assets" / "lektion.md")
    os.symlink(tmp_path, edition / "assets" / "oben")
    assert resolve_asset(edition, "link.txt") is None
    assert resolve_asset(edition, "lektion.md") is None
    assert resolve_asset(edition, "oben/secret.txt") is None


def test_symlink_inside_the_folder_is_allowed(edition: Path) -> None:
    os.symlink("bild.png", edition / "assets" / "alias.png")
    assert resolve_asset(edition, "alias.png") == (edition / "assets" / "bild.png").resolve()


def test_assets_folder_that_is_a_link_out_is_refused(tmp_path: Path) -> None:
    edition = tmp_path / "2025-26"
    edition.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.png").write_bytes(b"x")
    os.symlink(tmp_path / "elsewhere", edition / "assets")
    assert resolve_asset(edition, "x.png") is None


def test_missing_assets_folder(tmp_path: Path) -> None:
    assert resolve_asset(tmp_path, "x.png") is None


@pytest.fixture(scope="module")
def fixed_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # hypothesis runs many examples per test call, so the folder must outlive a single example
    root = tmp_path_factory.mktemp("fixed")
    (root / "ed" / "assets" / "sub").mkdir(parents=True)
    (root / "ed" / "assets" / "sub" / "daten.csv").write_text("x", "utf-8")
    (root / "ed" / "01-lektion.md").write_text("x", "utf-8")
    (root / "geheim.txt").write_text("x", "utf-8")
    return root / "ed"


PARTS = [
    "..",
    ".",
    "",
    "sub",
    "daten.csv",
    "assets",
    "01-lektion.md",
    "geheim.txt",
    "%2e%2e",
    "\\..",
    "ed",
    "C:",
]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PARTS), min_size=1, max_size=6), st.booleans())
def test_no_spelling_escapes_the_assets_folder(fixed_edition: Path, parts: list[str], absolute: bool) -> None:
    relpath = ("/" if absolute else "") + "/".join(parts)
    found = resolve_asset(fixed_edition, relpath)
    assert found is None or found == (fixed_edition / "assets" / "sub" / "daten.csv").resolve()


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("bild.PNG", "image/png"),
        ("foto.jpeg", "image/jpeg"),
        ("skript.pdf", "application/pdf"),
        ("daten.csv", "text/csv; charset=utf-8"),
        ("grafik.svg", "image/svg+xml"),
        ("seite.html", "application/octet-stream"),  # would run as a page on our origin
        ("code.js", "application/octet-stream"),
        ("ohne", "application/octet-stream"),
    ],
)
def test_guess_type(name: str, content_type: str) -> None:
    assert guess_type(name) == content_type


def test_asset_headers() -> None:
    assert asset_headers("a.png") == {"X-Content-Type-Options": "nosniff"}
    assert "sandbox" in asset_headers("a.svg")["Content-Security-Policy"]
    assert asset_headers("a.html")["Content-Disposition"] == "attachment"


def test_store_asset(edition: Path) -> None:
    path = store_asset(edition, "schaubild-2.svg", b"<svg/>")
    assert path == edition / "assets" / "schaubild-2.svg" and path.read_bytes() == b"<svg/>"
    assert resolve_asset(edition, "schaubild-2.svg") == path.resolve()
    with pytest.raises(AssetError, match="already exists"):
        store_asset(edition, "schaubild-2.svg", b"x")
    assert (
        store_asset(edition, "schaubild-2.svg", b"<svg></svg>", replace=True).read_bytes() == b"<svg></svg>"
    )


@pytest.mark.parametrize(
    "name", ["../x.png", "a/b.png", ".htaccess", "seite.html", "ohne", "a..png", "ä.png", ""]
)
def test_store_asset_refuses_bad_names(edition: Path, name: str) -> None:
    with pytest.raises(AssetError):
        store_asset(edition, name, b"x")


def test_store_asset_size_limit(edition: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "MAX_UPLOAD", 10)
    with pytest.raises(AssetError, match="larger than"):
        store_asset(edition, "gross.png", b"x" * 11)
