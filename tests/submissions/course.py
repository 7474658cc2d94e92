"""A module folder for the submission tests: one edition (2026-27) with two assignments.

"hausarbeit": open from 1 Oct 2026, due 15 Feb 2027 23:59, late submissions until 22 Feb 2027 23:59;
"blind": the same dates, blind marking with a second marker. Lecturer: dozentin@test.example.
Also the URLs of both assignments and the people the tests act as.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from campus.accounts.models import User

PATH = "/submissions/testmodul/2026-27/hausarbeit/"
BLIND_PATH = "/submissions/testmodul/2026-27/blind/"

MODULE_TOML = """\
current_edition = "2026-27"
ects = 5
semester = 1
lecturers = ["dozentin@test.example"]

[title]
de = "Testmodul"

[summary]
de = "Ein Modul für die Tests."

[learning_outcomes]
de = ["Die Studierenden schreiben Hausarbeiten."]
"""

ASSIGNMENT = """
[[assignments]]
id = "{id}"
title = "{title}"
brief = "briefs/hausarbeit.md"
opens = 2026-10-01T00:00:00
due = 2027-02-15T23:59:00
cutoff = 2027-02-22T23:59:00
formats = ["pdf", "docx", "odt", "txt"]
words = [100, 8000]
max_mb = 2
{extra}
"""

EDITION_TOML = """\
label = "Wintersemester 2026/27"
status = "published"
term_start = 2026-10-01
term_end = 2027-03-31

[[sessions]]
starts = 2026-10-13T10:00:00
minutes = 90
title = "Einführung"
"""


def write_module(root: Path, module_id: str = "testmodul", lecturer: str = "dozentin@test.example") -> Path:
    """Write the module under ``root`` and return its folder."""
    folder = root / module_id
    edition = folder / "2026-27"
    (edition / "briefs").mkdir(parents=True)
    (folder / "module.toml").write_text(MODULE_TOML.replace("dozentin@test.example", lecturer))
    assignments = ASSIGNMENT.format(id="hausarbeit", title="Hausarbeit", extra='ai_policy = "declared"')
    assignments += ASSIGNMENT.format(
        id="blind", title="Blind bewertete Arbeit", extra="blind = true\nsecond_marker = true"
    )
    (edition / "edition.toml").write_text(EDITION_TOML + assignments)
    (edition / "01-einfuehrung.md").write_text("# Einführung\n\nText.\n")
    (edition / "briefs" / "hausarbeit.md").write_text("# Aufgabe\n\nSchreiben Sie eine **Hausarbeit**.\n")
    return folder


@dataclass
class People:
    """The people of the ``people`` fixture."""

    student: User
    classmate: User
    lecturer: User
    other_lecturer: User
    examiner: User
    admin: User
