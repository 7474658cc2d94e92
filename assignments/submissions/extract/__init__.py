"""Checking and text extraction of submitted files: the Flask-free core of submissions.

One code path for the web upload, the extraction job and ``flask submissions check-file``:

    result = check_file(path, claimed_name="Hausarbeit.pdf", max_bytes=20 * 2**20, allowed={Format.PDF})

The type comes from the content (magic bytes and structure), never from the name; every parse runs in
a child process with a time and memory limit (`sandbox`); ZIP containers and their XML are guarded
before a parser sees them. A refusal carries a message id (`Reason.message`) that the caller translates.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import asdict

from .containers import ZipLimits
from .names import sanitise_name, split_extension
from .outcome import CheckResult, Finding, Format, Reason, Refused
from .sandbox import Limits, run
from .textstats import language, word_count

__all__ = [
    "CheckResult",
    "Finding",
    "Format",
    "Limits",
    "Reason",
    "Refused",
    "ZipLimits",
    "check_file",
    "render_markdown",
    "sanitise_name",
    "strip_metadata",
]

ALL_FORMATS = frozenset(Format)
DEFAULT_LIMITS = Limits()
DEFAULT_ZIP_LIMITS = ZipLimits()
_NEEDS_ALLOWED = {Reason.UNSUPPORTED, Reason.EXECUTABLE}
# Extensions that name a format we know: content of another format behind one of them is refused,
# since the student most likely picked the wrong file. Other extensions get the right one appended.
_KNOWN_EXTENSIONS = {extension: fmt for fmt in Format for extension in fmt.extensions}


def _allowed_label(allowed: Collection[Format]) -> str:
    return ", ".join(fmt.label for fmt in Format if fmt in allowed)


def _refused(
    stored_name: str, size: int, reason: Reason, found: Format | None = None, **params: str
) -> CheckResult:
    return CheckResult(stored_name=stored_name, size=size, format=found, refusal=Finding(reason, params))


def _text_family(document_format: Format) -> bool:
    return document_format in (Format.TXT, Format.MD)


def check_file(
    path: str | os.PathLike[str],
    claimed_name: str | None = None,
    *,
    max_bytes: int,
    allowed: Collection[Format] = ALL_FORMATS,
    full: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS,
) -> CheckResult:
    """Decide whether the file at ``path`` may be stored, and read its text.

    ``claimed_name`` is the name the student's computer sent (default: the file's own name); it only
    becomes the sanitised ``stored_name`` and is compared with the content's real type. With
    ``full=False`` a PDF is read only until it shows a text layer (the quick check of an upload);
    the extraction job reads it all.
    """
    path = os.fspath(path)
    claimed = claimed_name if claimed_name is not None else os.path.basename(path)
    name = sanitise_name(claimed)
    allowed = frozenset(allowed) | (
        {Format.TXT, Format.MD} if {Format.TXT, Format.MD} & set(allowed) else set()
    )
    size = os.path.getsize(path)
    if size == 0:
        return _refused(name, size, Reason.EMPTY)
    if size > max_bytes:
        return _refused(name, size, Reason.TOO_LARGE, max_mb=f"{max_bytes / 2**20:.3g}")
    answer = run("inspect", (path, full, asdict(zip_limits)), limits)
    if "refusal" in answer:
        finding = answer["refusal"]
        reason = Reason(finding["reason"])
        params = finding["params"] or (
            {"allowed": _allowed_label(allowed)} if reason in _NEEDS_ALLOWED else {}
        )
        return _refused(name, size, reason, **params)
    document_format = Format(answer["format"])
    extension = split_extension(name)[1].lower()
    if extension and extension in _KNOWN_EXTENSIONS and extension not in document_format.extensions:
        return _refused(
            name, size, Reason.NAME_MISMATCH, document_format,
            name=name, actual=document_format.label, claimed=_KNOWN_EXTENSIONS[extension].label,
        )  # fmt: skip
    if document_format not in allowed:
        return _refused(
            name, size, Reason.NOT_ALLOWED, document_format,
            allowed=_allowed_label(allowed), actual=document_format.label,
        )  # fmt: skip
    if extension not in document_format.extensions:
        name = sanitise_name(name + document_format.extensions[0])
    text = answer["text"] or ""
    words = word_count(text)
    return CheckResult(
        stored_name=name,
        size=size,
        format=document_format,
        notice=Finding(Reason.NO_TEXT) if words == 0 else None,
        text=text if full and words else None,
        words=words,
        language=language(text) if full else None,
        pages=answer.get("pages"),
    )


def strip_metadata(
    source: str | os.PathLike[str],
    destination: str | os.PathLike[str],
    *,
    limits: Limits = DEFAULT_LIMITS,
    zip_limits: ZipLimits = DEFAULT_ZIP_LIMITS,
) -> Format | None:
    """Write a copy of ``source`` without author metadata; None when the format carries none (text).

    Raises `Refused` when the document cannot be read (it passed the checks once, so this is rare).
    """
    answer = run("strip", (os.fspath(source), os.fspath(destination), asdict(zip_limits)), limits)
    if "refusal" in answer:
        raise Refused(Reason(answer["refusal"]["reason"]))
    return Format(answer["format"]) if answer["format"] else None


def render_markdown(text: str, seconds: float = 2.0) -> str | None:
    """Markdown to HTML (not yet sanitised) in the sandbox; None when it takes longer than ``seconds``."""
    answer = run("markdown_to_html", (text,), Limits(seconds=seconds))
    return answer.get("html")
