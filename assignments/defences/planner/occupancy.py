"""Defences placed so far, as the greedy start and the explanations need them."""

from __future__ import annotations

import numpy as np

from .grid import Grid

NO_LIMIT = np.iinfo(np.int32).max


class Occupancy:
    """Per examiner: the ticks blocked by their defences and buffers, loads per day and in total."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        examiners = len(grid.scenario.examiners)
        self.blocked = np.zeros((examiners, grid.ticks), dtype=bool)
        self._prefix = np.zeros((examiners, grid.ticks + 1), dtype=np.int32)
        self.per_day = np.zeros((examiners, len(grid.days)), dtype=np.int32)
        self.cap = np.array(
            [NO_LIMIT if e.max_per_day is None else e.max_per_day for e in grid.scenario.examiners],
            dtype=np.int64,
        )
        self.load = np.zeros(examiners, dtype=np.int64)
        self.day_total = np.zeros(len(grid.days), dtype=np.int64)

    def clear(self, examiners: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
        """Boolean matrix [examiner, start]: a defence of ``length`` ticks there keeps the buffer to
        every defence those examiners already hold."""
        ticks = starts * self.grid.step
        rows = examiners[:, None]
        return self._prefix[rows, ticks + length] == self._prefix[rows, ticks]

    def free(self, examiners: np.ndarray, starts: np.ndarray, length: int) -> np.ndarray:
        """``clear`` and below the examiner's daily maximum on that day (availability itself is
        ``Grid.availability``)."""
        days = self.grid.day_of_start[starts]
        under = self.per_day[np.ix_(examiners, days)] < self.cap[examiners, None]
        return self.clear(examiners, starts, length) & under

    def book(self, start: int, length: int, examiners: tuple[int, ...]) -> None:
        """Record a defence at start index ``start`` with this panel."""
        tick, buffer = start * self.grid.step, self.grid.buffer
        day = self.grid.day_of_start[start]
        for e in examiners:
            # Another defence of e must end `buffer` before this one starts and start `buffer` after it ends.
            self.blocked[e, max(0, tick - buffer) : tick + length + buffer] = True
            self._prefix[e, 1:] = np.cumsum(self.blocked[e], dtype=np.int32)
            self.per_day[e, day] += 1
            self.load[e] += 1
        self.day_total[day] += 1
