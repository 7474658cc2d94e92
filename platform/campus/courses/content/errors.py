"""Exceptions of the course-module core; messages are plain English for the CLI and admin pages.

Like `Problem`, an error raised from an `N_` template keeps it and its parameters (`template`,
`params`), so the web pages can say it in the page's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from .validate import Problem, by_file


class CoursesError(Exception):
    """Base class; `problems` lists validation findings when a result failed to validate."""

    def __init__(self, message: str, problems: Iterable[Problem] = (), **params: object) -> None:
        super().__init__(message % params if params else message)
        self.problems = by_file(problems)
        self.template, self.params = message, params


class ModuleInvalid(CoursesError):
    """A module (or an edition about to be written) does not validate."""


class RolloverError(CoursesError):
    """A roll-over or publish was refused."""


class ArchiveError(CoursesError):
    """A zip file was refused before anything was written."""


class LessonFileError(CoursesError):
    """A lesson file operation was refused (bad name, exists, missing, still linked)."""


class LessonLinked(LessonFileError):
    """A lesson cannot be deleted while a session of the edition links to it."""


class AssetError(CoursesError):
    """An asset upload was refused (name, type, size, exists)."""


class EditConflict(CoursesError):
    """The file changed since the editor loaded it; nothing was written."""

    def __init__(self, message: str, current_sha256: str | None) -> None:
        super().__init__(message)
        self.current_sha256 = current_sha256
