"""The report's passages in the stored text: the pieces a page shows, highlighted and numbered."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Report

PREVIEW_WORDS = 12


@dataclass(frozen=True)
class Piece:
    """A stretch of the text; ``number`` (1-based) when it is one of the report's passages."""

    text: str
    number: int | None = None
    probability: float | None = None


def pieces(text: str, passages: list[list[float]]) -> list[Piece]:
    """``text`` cut at the passages' offsets (sorted, non-overlapping), in order."""
    out: list[Piece] = []
    at = 0
    for number, (start, end, score) in enumerate(sorted(passages), start=1):
        start, end = max(int(start), at), min(int(end), len(text))
        if start >= end:
            continue
        if start > at:
            out.append(Piece(text[at:start]))
        out.append(Piece(text[start:end], number, score))
        at = end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def preview(report: Report, index: int) -> str:
    """The first words of passage ``index`` (0-based), for the list of passages."""
    start, end, _score = report.passages[index]
    words = (report.version.text or "")[int(start) : int(end)].split()
    return " ".join(words[:PREVIEW_WORDS]) + (" …" if len(words) > PREVIEW_WORDS else "")
