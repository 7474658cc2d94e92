"""Scores of one assignment's final papers: counts per band and a histogram, drawn as SVG on the server."""

from __future__ import annotations

from dataclasses import dataclass

from assignments.submissions.models import Submission

from ..models import ABSTAIN, BANDS, Report
from .analysis import current_report

BINS = 10
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 480, 220, 40, 36, 12


@dataclass
class Bar:
    """One bin of the histogram and where it is drawn."""

    low: float
    high: float
    count: int
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


@dataclass
class Distribution:
    """What the chart and its table show."""

    bands: dict[str, int]
    pending: int
    bars: list[Bar]
    threshold_x: float | None
    peak: int

    @property
    def scored(self) -> int:
        """Papers with a score."""
        return sum(bar.count for bar in self.bars)


def _reports(submissions: list[Submission]) -> tuple[list[Report], int]:
    found = [current_report(s) for s in submissions if s.is_final]
    return [r for r in found if r is not None], sum(1 for r in found if r is None)


def distribution(submissions: list[Submission]) -> Distribution:
    """Counts per band, and the scores in BINS equal bins from 0 to 1 laid out for the SVG."""
    reports, pending = _reports(submissions)
    bands = {band: sum(1 for r in reports if r.band == band) for band in BANDS}
    scores = [r.probability for r in reports if r.band != ABSTAIN and r.probability is not None]
    counts = [0] * BINS
    for score in scores:
        counts[min(int(score * BINS), BINS - 1)] += 1
    peak = max(counts) if any(counts) else 1
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    bars = []
    for i, count in enumerate(counts):
        height = plot_h * count / peak
        bars.append(Bar(i / BINS, (i + 1) / BINS, count, LEFT + i * plot_w / BINS + 2, TOP + plot_h - height,
                        plot_w / BINS - 4, height))  # fmt: skip
    thresholds = [r.threshold for r in reports if r.threshold is not None and r.band != ABSTAIN]
    threshold_x = LEFT + plot_w * min(thresholds) if thresholds else None
    return Distribution(bands, pending, bars, threshold_x, peak)
