"""Find a file in an edition's ``assets/`` folder for download, and nothing outside it.

The view receives an already URL-decoded path, but the checks here assume nothing about the caller:
traversal in any spelling, absolute paths, backslashes, NUL, hidden files and symlinks that leave the
folder all resolve to None (the view answers 404).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath
from urllib.parse import unquote

from .errors import AssetError
from .files import locked, replace_file
from .validate import N_

ASSETS = "assets"
MAX_PATH = 512

# An explicit table rather than `mimetypes`, whose answers depend on the host's /etc/mime.types.
# Types a browser would run as a page (HTML, XML, JS) are deliberately absent: they download instead.
CONTENT_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
    ".zip": "application/zip",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
FALLBACK_TYPE = "application/octet-stream"
MAX_UPLOAD = 20 * 1024 * 1024
# Uploaded names become URLs and file names on every system: keep them plain.
ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\Z")


def guess_type(path: str | PurePath) -> str:
    """The Content-Type to serve `path` with; unknown (and HTML-like) types become a download."""
    return CONTENT_TYPES.get(PurePath(path).suffix.lower(), FALLBACK_TYPE)


def asset_headers(path: str | PurePath) -> dict[str, str]:
    """Extra response headers for an asset: never sniff; an SVG opened directly runs no script."""
    headers = {"X-Content-Type-Options": "nosniff"}
    if guess_type(path) == "image/svg+xml":
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    if guess_type(path) == FALLBACK_TYPE:
        headers["Content-Disposition"] = "attachment"
    return headers


def _parts(relpath: str) -> list[str] | None:
    if not relpath or len(relpath) > MAX_PATH or "\\" in relpath or "\x00" in relpath:
        return None
    # A "%" left after the framework decoded the URL is either a double-encoded attack (%252e%252e)
    # or a file name nobody needs: refuse both rather than decode a second time.
    if "%" in relpath or unquote(relpath) != relpath:
        return None
    if relpath.startswith("/") or (len(relpath) > 1 and relpath[1] == ":"):
        return None
    parts = relpath.split("/")
    # Empty parts ("a//b", trailing "/"), "." and ".." and hidden files are never asset names.
    if any(not part or part.startswith(".") or part != part.strip() for part in parts):
        return None
    return parts


def resolve_asset(edition_dir: Path, relpath: str) -> Path | None:
    """The file `relpath` (relative to ``<edition_dir>/assets/``) or None if it is not a safe asset."""
    parts = _parts(relpath)
    if parts is None:
        return None
    try:
        edition = edition_dir.resolve(strict=True)
        base = (edition_dir / ASSETS).resolve(strict=True)
        target = base.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a symlink loop
        return None
    # Symlinks are resolved first, so a link pointing out of the folder fails this test.
    if not base.is_relative_to(edition) or not target.is_relative_to(base) or not target.is_file():
        return None
    return target


def store_asset(edition_dir: Path, name: str, data: bytes, replace: bool = False) -> Path:
    """Save an uploaded file as ``<edition>/assets/<name>`` (atomically); returns its path.

    Refuses odd names, types that `guess_type` would not serve as themselves, files over
    `MAX_UPLOAD`, and overwriting unless `replace`.
    """
    if not ASSET_NAME.match(name) or len(name) > 100 or guess_type(name) == FALLBACK_TYPE:
        raise AssetError(
            N_("file name %(name)s: use letters, digits, - and _ and a known file type"), name=repr(name)
        )
    if len(data) > MAX_UPLOAD:
        raise AssetError(N_("%(name)s is larger than %(mb)d MB"), name=name, mb=MAX_UPLOAD // (1024 * 1024))
    folder = edition_dir / ASSETS
    folder.mkdir(exist_ok=True)
    with locked(folder):
        path = folder / name
        if path.exists() and not replace:
            raise AssetError(N_("%(name)s already exists"), name=name)
        replace_file(path, data)
    return path


def delete_asset(edition_dir: Path, relpath: str) -> None:
    """Delete the file `relpath` of the edition's assets/ folder; AssetError if it is no such file."""
    if resolve_asset(edition_dir, relpath) is None:
        raise AssetError(N_("%(name)s is no file in assets/"), name=relpath)
    path = (edition_dir / ASSETS).joinpath(*relpath.split("/"))  # the name itself, not a link's target
    with locked(path.parent):
        path.unlink()
