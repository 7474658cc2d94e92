"""Local wall-clock times of one time zone, as whole minutes since the Unix epoch.

The planner computes on real elapsed minutes (so a defence on a daylight-saving day lasts exactly as
long as on any other day) and shows times as the zone's wall clock. Two traps: a local time inside the
hour the clocks skip does not exist, and the hour the clocks repeat names two instants. Input times in
a skipped hour are refused; a repeated hour means its first occurrence, and instants of the second
occurrence are "unrepresentable" (their wall-clock text would read back as the first one).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?")
TEXT_FORMAT = "%Y-%m-%dT%H:%M"
_HOUR = 60


class WallClock:
    """Conversions between wall-clock texts and epoch minutes in ``zone``."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def minute(self, text: object) -> int:
        """The epoch minute of a local time ``YYYY-MM-DDTHH:MM``; ValueError says what is wrong."""
        if not isinstance(text, str) or not TIME_PATTERN.fullmatch(text):
            raise ValueError(f"malformed time {text!r} (expected YYYY-MM-DDTHH:MM)")
        try:
            naive = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"malformed time {text!r} (no such date or time of day)") from None
        found = int(naive.replace(tzinfo=self.zone).timestamp()) // 60
        if self.text(found) != naive.strftime(TEXT_FORMAT):
            raise ValueError(f"time {text!r} does not exist in {self.zone.key} (the clocks skip it)")
        return found

    def text(self, minute: int) -> str:
        """The wall-clock text of an epoch minute."""
        return self.local(minute).strftime(TEXT_FORMAT)

    def local(self, minute: int) -> datetime:
        """The aware local datetime of an epoch minute."""
        return datetime.fromtimestamp(minute * 60, tz=self.zone)

    def day(self, minute: int) -> date:
        """The local calendar day of an epoch minute."""
        return self.local(minute).date()

    def offset(self, minute: int) -> int:
        """The zone's offset from UTC in seconds at that instant."""
        return int((self.local(minute).utcoffset() or timedelta(0)).total_seconds())

    def transitions(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """(instant, offset before, offset after in seconds) for every offset change in [lo, hi]."""
        found = []
        previous = self.offset(lo)
        probe = lo
        while probe < hi:
            nxt = min(probe + _HOUR, hi)
            current = self.offset(nxt)
            if current != previous:
                low, high = probe, nxt  # offset(low) == previous, offset(high) == current
                while high - low > 1:
                    middle = (low + high) // 2
                    low, high = (middle, high) if self.offset(middle) == previous else (low, middle)
                found.append((high, previous, current))
                previous = current
            probe = nxt
        return found

    def unrepresentable(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Half-open minute ranges whose wall-clock text names an earlier instant (repeated hours)."""
        return [
            (instant, instant + (before - after) // 60)
            for instant, before, after in self.transitions(lo, hi)
            if after < before
        ]

    def odd_offsets(self, lo: int, hi: int) -> bool:
        """True when the zone's offset in [lo, hi] is ever not a whole multiple of 5 minutes."""
        offsets = {self.offset(lo)} | {after for _, _, after in self.transitions(lo, hi)}
        return any(seconds % 300 for seconds in offsets)
