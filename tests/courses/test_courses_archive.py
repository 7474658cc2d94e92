"""Zip export and import: a round trip works, and every hostile archive is refused before writing."""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from campus.courses.content import archive, load_catalogue
from campus.courses.content.archive import export_module, import_module
from campus.courses.content.errors import ArchiveError, ModuleInvalid


def _zip(path: Path, entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def _exported(make_module, courses_root: Path, tmp_path: Path) -> dict[str, bytes]:
    make_module("demo")
    export_module(courses_root, "demo", tmp_path / "demo.zip")
    with zipfile.ZipFile(tmp_path / "demo.zip") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _untouched(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def test_round_trip_into_an_empty_root(make_module, courses_root: Path, tmp_path: Path) -> None:
    folder = make_module("demo")
    (folder / "2025-26" / ".notiz").write_text("privat", "utf-8")
    export_module(courses_root, "demo", tmp_path / "demo.zip")
    with zipfile.ZipFile(tmp_path / "demo.zip") as zf:
        assert "demo/2025-26/.notiz" not in zf.namelist()
    other = tmp_path / "other"
    other.mkdir()
    assert import_module(other, tmp_path / "demo.zip") == "demo"
    assert _untouched(other) == ["demo"]  # no staging or backup folder left behind
    module = load_catalogue(other).modules["demo"]
    original = load_catalogue(courses_root).modules["demo"]
    assert [lesson.sha256 for lesson in module.current.lessons] == [
        lesson.sha256 for lesson in original.current.lessons
    ]


def test_replace_swaps_the_folder(make_module, courses_root: Path, tmp_path: Path, edit_file) -> None:
    entries = _exported(make_module, courses_root, tmp_path)
    edit_file(courses_root / "demo" / "module.toml", "ects = 5", "ects = 10")
    assert import_module(courses_root, tmp_path / "demo.zip", replace=True) == "demo"
    assert load_catalogue(courses_root).modules["demo"].ects == 5
    assert _untouched(courses_root) == ["demo"]
    assert entries


def test_invalid_module_is_not_written_and_old_one_kept(
    make_module, courses_root, tmp_path, edit_file
) -> None:
    entries = _exported(make_module, courses_root, tmp_path)
    entries["demo/module.toml"] = entries["demo/module.toml"].replace(b"ects = 5", b"ects = 500")
    _zip(tmp_path / "bad.zip", entries)
    with pytest.raises(ModuleInvalid) as caught:
        import_module(courses_root, tmp_path / "bad.zip", replace=True)
    assert [str(p) for p in caught.value.problems] == [
        "demo/module.toml: ects: must be between 1 and 30, got 500"
    ]
    assert _untouched(courses_root) == ["demo"]
    assert load_catalogue(courses_root).modules["demo"].ects == 5


def test_zip_bomb_is_refused(courses_root: Path, tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.zip", {"demo/module.toml": b"x", "demo/zeros.bin": bytes(20 * 1024 * 1024)})
    assert bomb.stat().st_size < 100_000  # small on disk, 20 MB unpacked
    with pytest.raises(ArchiveError, match="compressed more than 100:1"):
        import_module(courses_root, bomb)
    assert _untouched(courses_root) == []


def test_many_small_highly_compressed_files_are_refused(courses_root: Path, tmp_path: Path) -> None:
    entries = {f"demo/f{n}.txt": bytes(60_000) for n in range(40)}  # each under the per-file floor
    with pytest.raises(ArchiveError, match="the archive is compressed more than 100:1"):
        import_module(courses_root, _zip(tmp_path / "b.zip", {"demo/module.toml": b"x", **entries}))


def test_unpacked_size_limit(courses_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL", 1000)
    big = _zip(tmp_path / "big.zip", {"demo/module.toml": os.urandom(2000)})
    with pytest.raises(ArchiveError, match="over the limit"):
        import_module(courses_root, big)


def test_entry_count_limit(courses_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ENTRIES", 10)
    many = _zip(tmp_path / "many.zip", {f"demo/{n}.md": b"x" for n in range(11)})
    with pytest.raises(ArchiveError, match="too many entries"):
        import_module(courses_root, many)


@pytest.mark.parametrize(
    "name",
    [
        "demo/../../evil.txt",
        "../evil.txt",
        "/demo/evil.txt",
        "demo\\..\\..\\evil.txt",
        "C:/evil.txt",
        "demo/./module2.toml",
        "demo//x.md",
        "demo/x\x00.md",
    ],
)
def test_unsafe_entry_names_are_refused(courses_root: Path, tmp_path: Path, name: str) -> None:
    bad = io.BytesIO()
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("demo/module.toml", b"x")
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # ZipInfo() would normalise some of these; an attacker's zip does not
        zf.writestr(info, b"evil")
    (tmp_path / "bad.zip").write_bytes(bad.getvalue())
    with pytest.raises(ArchiveError, match="unsafe path"):
        import_module(courses_root, tmp_path / "bad.zip")
    assert _untouched(courses_root) == [] and not (tmp_path / "evil.txt").exists()


def test_symlink_entry_is_refused(courses_root: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "link.zip", "w") as zf:
        zf.writestr("demo/module.toml", b"x")
        info = zipfile.ZipInfo("demo/2025-26/assets/passwd")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, b"/etc/passwd")
    with pytest.raises(ArchiveError, match="links and special files"):
        import_module(courses_root, tmp_path / "link.zip")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"a/module.toml": b"x", "b/module.toml": b"x"}, "exactly one top folder"),
        ({"module.toml": b"x"}, "exactly one top folder"),
        ({"demo/readme.md": b"x"}, "needs a valid name and module.toml"),
        ({"Demo Modul/module.toml": b"x"}, "needs a valid name"),
    ],
)
def test_archive_must_hold_one_module_folder(courses_root, tmp_path, entries, message) -> None:
    with pytest.raises(ArchiveError, match=message):
        import_module(courses_root, _zip(tmp_path / "x.zip", entries))


def test_existing_module_needs_replace(make_module, courses_root: Path, tmp_path: Path) -> None:
    _exported(make_module, courses_root, tmp_path)
    with pytest.raises(ArchiveError, match="already exists"):
        import_module(courses_root, tmp_path / "demo.zip")


def test_not_a_zip(courses_root: Path, tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_text("kein zip", "utf-8")
    with pytest.raises(ArchiveError, match="not a readable zip"):
        import_module(courses_root, tmp_path / "x.zip")


def test_header_that_understates_the_size_is_refused(make_module, courses_root, tmp_path) -> None:
    entries = _exported(make_module, courses_root, tmp_path)
    entries["demo/2025-26/assets/daten.bin"] = b"A" * 5000
    data = bytearray(_zip(tmp_path / "lie.zip", entries, zipfile.ZIP_STORED).read_bytes())
    # Claim 50 bytes in both the local header and the central directory entry of that file.
    name = b"demo/2025-26/assets/daten.bin"
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = data.find(signature)
        while start != -1:
            if data[start + name_at : start + name_at + len(name)] == name:
                struct.pack_into("<I", data, start + size_at, 50)
            start = data.find(signature, start + 4)
    (tmp_path / "lie.zip").write_bytes(bytes(data))
    target = tmp_path / "target"
    target.mkdir()
    with pytest.raises(ArchiveError, match="damaged"):
        import_module(target, tmp_path / "lie.zip")
    assert _untouched(target) == []


def _two_editions(make_module, courses_root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The demo module with 2024-25 archived (2025-26 is current), exported."""
    make_module("demo")
    make_module("demo", "2024-25")  # writes the 2024-25 folder (and a module.toml naming it current)
    toml = courses_root / "demo" / "module.toml"
    toml.write_text(toml.read_text("utf-8").replace('"2024-25"', '"2025-26"'), "utf-8")
    assert load_catalogue(courses_root).modules["demo"].current_edition == "2025-26"
    export_module(courses_root, "demo", tmp_path / "demo.zip")
    with zipfile.ZipFile(tmp_path / "demo.zip") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_replacing_a_module_may_not_change_its_archive(make_module, courses_root, tmp_path) -> None:
    entries = _two_editions(make_module, courses_root, tmp_path)
    lesson = "demo/2024-25/01-einfuehrung.md"
    before = (courses_root / lesson).read_bytes()
    changed = {**entries, lesson: entries[lesson] + "\nNachträglich geändert.\n".encode()}
    _zip(tmp_path / "changed.zip", changed)
    with pytest.raises(ArchiveError, match=r"archived edition.*2024-25.*read-only"):
        import_module(courses_root, tmp_path / "changed.zip", replace=True)
    removed = {name: data for name, data in entries.items() if "/2024-25/" not in name}
    _zip(tmp_path / "removed.zip", removed)
    with pytest.raises(ArchiveError, match="2024-25"):
        import_module(courses_root, tmp_path / "removed.zip", replace=True)
    back = {**entries, "demo/module.toml": entries["demo/module.toml"].replace(b'"2025-26"', b'"2024-25"')}
    _zip(tmp_path / "back.zip", back)
    with pytest.raises(ArchiveError, match="current again"):
        import_module(courses_root, tmp_path / "back.zip", replace=True)
    assert (courses_root / lesson).read_bytes() == before and _untouched(courses_root) == ["demo"]
    # The current edition may change, the archive untouched.
    current = "demo/2025-26/01-einfuehrung.md"
    _zip(tmp_path / "ok.zip", {**entries, current: entries[current] + b"\nNeu.\n"})
    assert import_module(courses_root, tmp_path / "ok.zip", replace=True) == "demo"
