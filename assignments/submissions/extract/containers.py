"""ZIP containers (DOCX, ODT): guarded before any parser sees them, then classified by structure.

The guard reads only the central directory: member count, declared sizes, compression ratio, names
and methods. Python's zipfile stops inflating a member at its declared size (and fails its checksum
if the data wants more), so the declared total is a real bound on what a later parse can inflate.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import xmlguard
from .outcome import Format, Reason, Refused

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
_MACRO_FOLDERS = ("basic/", "scripts/")  # OpenDocument's macro libraries


@dataclass(frozen=True)
class ZipLimits:
    """Bounds for a container; a word processor's real documents stay far inside them."""

    max_members: int = 2000
    max_total_bytes: int = 256 * 1024 * 1024
    max_ratio: int = 200  # inflated / compressed, for members larger than ratio_floor
    ratio_floor: int = 1024 * 1024
    max_name_bytes: int = 512


def _unsafe_name(name: str, limits: ZipLimits) -> bool:
    path = PurePosixPath(name)
    return (
        not name
        or len(name.encode("utf-8", "surrogateescape")) > limits.max_name_bytes
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or ":" in path.parts[0]
        or ".." in path.parts
    )


def guard(archive: zipfile.ZipFile, limits: ZipLimits) -> None:
    """Refuse an archive whose directory promises a bomb, a traversal or something we cannot read."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise Refused(Reason.CONTAINER_UNSAFE)
    seen: set[str] = set()
    total = 0
    for info in members:
        folded = info.filename.casefold()
        if _unsafe_name(info.filename, limits) or folded in seen:
            raise Refused(Reason.CONTAINER_UNSAFE)
        seen.add(folded)
        if info.flag_bits & 0x1:  # an encrypted member: a password-protected package
            raise Refused(Reason.LEGACY_OFFICE)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused(Reason.CONTAINER_UNSAFE)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > limits.max_total_bytes or (
            info.file_size > limits.ratio_floor and ratio > limits.max_ratio
        ):
            raise Refused(Reason.CONTAINER_UNSAFE)


def classify(archive: zipfile.ZipFile) -> Format:
    """DOCX or ODT by the container's own declarations; refuses macros and any other ZIP."""
    names = {info.filename.casefold(): info.filename for info in archive.infolist()}
    if any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in names) or any(
        name.startswith(_MACRO_FOLDERS) for name in names
    ):
        raise Refused(Reason.MACROS)
    if "mimetype" in names:
        with archive.open(names["mimetype"]) as member:
            declared = member.read(100).strip()
        if declared == ODT_MIMETYPE:
            return Format.ODT
        raise Refused(Reason.UNSUPPORTED)
    if "[content_types].xml" in names:
        types = xmlguard.parse(archive.read(names["[content_types].xml"]))
        content_types = {element.get("ContentType", "") for element in types.iter()}
        if any("macroenabled" in value.lower() or "vbaproject" in value.lower() for value in content_types):
            raise Refused(Reason.MACROS)
        if DOCX_MAIN in content_types:
            return Format.DOCX
    raise Refused(Reason.UNSUPPORTED)


def open_checked(path: str, limits: ZipLimits) -> tuple[zipfile.ZipFile, Format]:
    """Open, guard, check every XML member and classify the container at ``path``."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise Refused(Reason.OFFICE_DAMAGED) from error
    try:
        guard(archive, limits)
        document_format = classify(archive)
        xmlguard.check_members(archive)
    except Refused:
        archive.close()
        raise
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as error:
        archive.close()
        raise Refused(Reason.OFFICE_DAMAGED) from error
    return archive, document_format
