"""The parsed, validated shape of a module folder (see docs/module-format.md).

Everything is frozen: a `Catalogue` is a snapshot shared between requests and threads, and a reload
builds a new one instead of mutating the old.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

DEFAULT_LANG = "de"


def _for(values: Mapping[str, object], lang: str) -> object:
    # German is the programme's language and always present; English is optional.
    return values.get(lang) or values[DEFAULT_LANG]


@dataclass(frozen=True)
class Session:
    """One timetable entry; `lesson` is a lesson slug (file name without .md) or None."""

    starts: datetime
    minutes: int
    title: str
    lesson: str | None = None
    room: str | None = None

    @property
    def ends(self) -> datetime:
        """When the session ends (same time zone as `starts`)."""
        return self.starts + timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class Reading:
    """One literature entry."""

    citation: str
    url: str | None = None
    required: bool = False


@dataclass(frozen=True)
class DefenceSpec:
    """The oral defence of an assignment: its window, slots, panel and booking rules (module-format.md).

    Datetimes are aware, Europe/Berlin; ``days`` lists the dates defences may take place on.
    """

    required: bool
    window_start: date
    window_end: date
    minutes: int
    long_minutes: int = 0  # the slot of a student with Nachteilsausgleich
    buffer: int = 10
    days: tuple[date, ...] = ()
    place: str | None = None
    video_url: str | None = None
    panel: int = 2
    who: str = "everyone"  # "everyone" enrolled must defend, or only those "invited"
    booking_opens: datetime | None = None
    booking_closes: datetime | None = None
    notice_hours: int = 48  # cancelling or rebooking is refused this close to the defence
    offer_hours: int = 24  # a waitlisted student's time to accept a freed place
    examiners: tuple[str, ...] = ()  # e-mail addresses; empty: the module's lecturers


@dataclass(frozen=True)
class AssignmentSpec:
    """A term-paper task as submissions will read it; datetimes are aware, Europe/Berlin."""

    id: str
    title: str
    brief: str
    brief_path: Path
    opens: datetime
    due: datetime
    cutoff: datetime
    formats: tuple[str, ...]
    min_words: int
    max_words: int
    defence: DefenceSpec | None = None
    max_mb: int = 20
    blind: bool = False
    second_marker: bool = False
    ai_policy: str = "declared"  # "none" (no AI tools), "declared" (allowed if declared), "free"
    declaration: str | None = None  # the edition's declaration of independent work; None: the standard text
    ai_declaration: str | None = None  # the edition's text above the AI-use declaration; None: standard


@dataclass(frozen=True)
class Lesson:
    """A lesson file. `slug` is the file stem ("01-einfuehrung"), `sha256` hashes the file's bytes."""

    number: int
    slug: str
    title: str
    path: Path
    sha256: str
    text: str = field(repr=False, compare=False)

    @property
    def name(self) -> str:
        """The slug without its number ("einfuehrung"): stable when lessons are reordered."""
        return self.slug[3:]


@dataclass(frozen=True)
class Edition:
    """One academic year of a module, lessons ordered by number."""

    id: str
    path: Path
    label: str
    status: str
    topic: str | None
    term_start: date
    term_end: date
    sessions: tuple[Session, ...]
    readings: tuple[Reading, ...]
    assignments: tuple[AssignmentSpec, ...]
    lessons: tuple[Lesson, ...]

    @property
    def is_published(self) -> bool:
        """Students only ever see published editions."""
        return self.status == "published"

    def lesson(self, slug: str) -> Lesson | None:
        """The lesson with this slug, or None."""
        return next((lesson for lesson in self.lessons if lesson.slug == slug), None)

    def neighbours(self, slug: str) -> tuple[Lesson | None, Lesson | None]:
        """(previous, next) lesson around `slug`, for the lesson page's navigation."""
        slugs = [lesson.slug for lesson in self.lessons]
        if slug not in slugs:
            return None, None
        i = slugs.index(slug)
        return (self.lessons[i - 1] if i else None), (self.lessons[i + 1] if i + 1 < len(slugs) else None)

    def assignment(self, assignment_id: str) -> AssignmentSpec | None:
        """The assignment with this id, or None."""
        return next((a for a in self.assignments if a.id == assignment_id), None)


@dataclass(frozen=True, eq=False)  # identity equality: hashable although it holds mappings
class Module:
    """A module's stable frame plus all its editions (ordered oldest first)."""

    id: str
    path: Path
    title: Mapping[str, str]
    summary: Mapping[str, str]
    learning_outcomes: Mapping[str, tuple[str, ...]]
    ects: int
    semester: int
    lecturers: tuple[str, ...]
    current_edition: str
    editions: Mapping[str, Edition]

    def title_for(self, lang: str) -> str:
        """The title in `lang`, falling back to German."""
        return str(_for(self.title, lang))

    def summary_for(self, lang: str) -> str:
        """The summary in `lang`, falling back to German."""
        return str(_for(self.summary, lang))

    def outcomes_for(self, lang: str) -> tuple[str, ...]:
        """The learning outcomes in `lang`, falling back to German."""
        value = _for(self.learning_outcomes, lang)
        assert isinstance(value, tuple)
        return value

    @property
    def current(self) -> Edition:
        """The edition shown as current (validated to exist)."""
        return self.editions[self.current_edition]

    def edition(self, edition_id: str) -> Edition | None:
        """The edition with this id, or None."""
        return self.editions.get(edition_id)

    def previous_edition(self, edition_id: str) -> Edition | None:
        """The edition before `edition_id`, for "what changed since last year"."""
        earlier = [e for e in self.editions if e < edition_id]
        return self.editions[earlier[-1]] if earlier else None

    def is_lecturer(self, email: str) -> bool:
        """Whether `email` is a responsible lecturer (e-mail addresses compare case-insensitively)."""
        return email.strip().casefold() in {e.casefold() for e in self.lecturers}


def edition_state(module: Module, edition: Edition) -> str:
    """ "current", "archived" (published before the current one: read-only), "draft" or "upcoming"
    (published, not yet current)."""
    if not edition.is_published:
        return "draft"
    if edition.id == module.current_edition:
        return "current"
    return "archived" if edition.id < module.current_edition else "upcoming"
