"""The validator's findings in the page's language, naming each field as the edition form names it.

The engine (`content.validate`) keeps every message as an `N_` template with its parameters; here
they are translated, and a dotted field such as ``sessions[2].starts`` becomes "Session 2: start".
The labels are the form's own (`forms.edition`), so a message and the field it points at agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..content.errors import CoursesError
from ..content.validate import TYPE_NAMES, Problem
from ..forms.edition import GROUP_LABELS, field_labels
from .formats import format_day

# Keys of edition.toml that the form does not show (the advanced editor has them).
OTHER_LABELS = {"status": _l("Status")}
_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


@dataclass(frozen=True)
class Finding:
    """A problem for a page: the form field's name (``sessions-1-starts``), its label, the message."""

    name: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


def translate(problem: Problem) -> str:
    """The problem's message in the page's language (English where it has no template)."""
    if not problem.template:
        return problem.message
    params = {}
    for key, value in problem.params:
        if isinstance(value, date):
            value = format_day(value)
        elif value in TYPE_NAMES:
            value = _(str(value))
        params[key] = value
    return _(problem.template, **params)


def problem_line(problem: Problem) -> str:
    """A problem as ``flask modules check`` prints it (file: field: message), in the page's language."""
    where = f"{problem.file}: {problem.field}" if problem.field else problem.file
    return f"{where}: {translate(problem)}"


def locate(dotted: str) -> tuple[str, str]:
    """(form field name, label) of a dotted edition.toml field; ("", "") for the whole file."""
    names: list[str] = []
    labels: list[str] = []
    group = ""
    for part in dotted.split(".") if dotted else []:
        m = _PART.fullmatch(part)
        if m is None:
            return "", dotted
        key, number = m[1], m[2]
        if number is not None and key in GROUP_LABELS:
            names += [key, str(int(number) - 1)]
            labels.append(str(GROUP_LABELS[key]) % {"number": int(number)})
            group = key
        else:
            names.append(key)
            labels.append(str(field_labels(group).get(key) or OTHER_LABELS.get(key, key)))
            group = key if key in GROUP_LABELS else group
    return "-".join(names), ": ".join(labels)


def findings(problems: Iterable[Problem]) -> list[Finding]:
    """Every problem located and translated, in the order given."""
    return [Finding(*locate(p.field), translate(p)) for p in problems]


def describe_problems(problems: Iterable[Problem]) -> list[str]:
    """Every problem as one line "label: message" in the page's language."""
    return [str(finding) for finding in findings(problems)]


def error_text(error: CoursesError) -> str:
    """A refusal of the engine (`CoursesError`) in the page's language, with its findings if it has any."""
    text = _(error.template, **error.params) if error.template else str(error)
    if error.problems:
        text += " " + "; ".join(describe_problems(error.problems))
    return text
