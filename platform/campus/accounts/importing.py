"""Import a cohort's accounts from CSV: every row is checked first, and nothing is written unless all pass."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from campus.accounts.models import Cohort, Role, User
from campus.accounts.service import AccountError, check_name, new_user, normalise_email
from campus.extensions import db

# Header names as lecturers' spreadsheets write them, German or English.
COLUMN_ALIASES = {
    "name": "name",
    "e-mail": "email",
    "email": "email",
    "mail": "email",
    "matrikelnummer": "matriculation_number",
    "matriculation number": "matriculation_number",
    "matriculation_number": "matriculation_number",
    "rolle": "role",
    "role": "role",
    "roles": "role",
    "rollen": "role",
}
ROLE_ALIASES = {
    "student": Role.STUDENT,
    "studierende": Role.STUDENT,
    "studentin": Role.STUDENT,
    "lecturer": Role.LECTURER,
    "dozierende": Role.LECTURER,
    "dozentin": Role.LECTURER,
    "dozent": Role.LECTURER,
    "examiner": Role.EXAMINER,
    "prüfende": Role.EXAMINER,
    "prüfer": Role.EXAMINER,
    "prüferin": Role.EXAMINER,
    "admin": Role.ADMIN,
}
MATRICULATION = re.compile(r"^[0-9]{5,10}$")
MAX_ROWS = 2000


@dataclass(frozen=True)
class RowError:
    """What is wrong with one line of the file (line numbers count the header as line 1)."""

    line: int
    message: str


@dataclass
class ImportResult:
    """The outcome: either the accounts created (invited: their passwords are empty), or the errors."""

    created: list[tuple[User, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Row:
    line: int
    name: str
    email: str
    matriculation_number: str | None
    roles: frozenset[Role]


def read_csv(data: bytes) -> tuple[list[dict[str, str]], list[RowError]]:
    """Decode and parse the file; rows are keyed by canonical column name.

    A line the CSV reader cannot take (an unclosed quote, a field over its 128 KiB limit) ends the
    reading with a message naming that line; more than ``MAX_ROWS`` rows are refused without reading on.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, _("The file is not UTF-8 encoded text. Save it as 'CSV UTF-8'."))]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    line = 1
    try:
        header = [COLUMN_ALIASES.get(cell.strip().lower(), cell.strip()) for cell in next(reader, [])]
        missing = [name for name in ("name", "email", "role") if name not in header]
        if missing:
            return [], [RowError(1, _("Missing column(s): %(names)s.", names=", ".join(missing)))]
        rows = []
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append({"_line": str(line), **dict(zip(header, cells, strict=False))})
            if len(rows) > MAX_ROWS:
                return [], [RowError(1, _("At most %(n)d rows can be imported at once.", n=MAX_ROWS))]
            line = reader.line_num + 1
    except csv.Error as error:
        return [], [RowError(line, _unreadable(error))]
    return rows, []


def _unreadable(error: csv.Error) -> str:
    if "field larger than field limit" in str(error):
        return _(
            "A field in this line is longer than %(n)d KiB. Is this the list of accounts?",
            n=csv.field_size_limit() // 1024,
        )
    return _("This line cannot be read as CSV, for example because a quotation mark is not closed.")


def _shown(value: str, limit: int = 40) -> str:
    # Messages quote what was wrong, but never a whole oversized field.
    value = value.strip()
    return value if len(value) <= limit else value[:limit] + "…"


def _taken() -> dict[str, set[str]]:
    """Addresses and matriculation numbers already in use: two queries instead of two per row."""
    numbers = select(User.matriculation_number).where(User.matriculation_number.is_not(None))
    return {
        "email": set(db.session.scalars(select(func.lower(User.email)))),
        "number": set(db.session.scalars(numbers)),
    }


def _check_row(
    raw: dict[str, str], seen: dict[str, set[str]], taken: dict[str, set[str]]
) -> tuple[_Row | None, list[str]]:
    problems = []
    name = raw.get("name", "").strip()
    try:
        name = check_name(name)
    except AccountError as error:
        problems.append(str(error))
    email = raw.get("email", "").strip()
    try:
        email = normalise_email(email)
        if email in seen["email"]:
            problems.append(_("The e-mail address %(email)s appears twice in the file.", email=email))
        elif email in taken["email"]:
            problems.append(_("An account with the e-mail address %(email)s exists already.", email=email))
        seen["email"].add(email)
    except AccountError as error:
        problems.append(str(error))
    roles = set()
    for word in re.split(r"[|+/]", raw.get("role", "")):
        if word.strip():
            role = ROLE_ALIASES.get(word.strip().lower())
            if role is None:
                problems.append(_("Unknown role: %(role)s.", role=_shown(word)))
            else:
                roles.add(role)
    if not roles and raw.get("role", "").strip() == "":
        problems.append(_("The role is missing."))
    number = raw.get("matriculation_number", "").strip() or None
    if number is not None:
        if not MATRICULATION.match(number):
            problems.append(_("The matriculation number must have 5 to 10 digits."))
        elif number in seen["number"] or number in taken["number"]:
            problems.append(_("The matriculation number %(number)s is already taken.", number=number))
        seen["number"].add(number)
    elif Role.STUDENT in roles:
        problems.append(_("Students need a matriculation number."))
    row = _Row(int(raw["_line"]), name, email, number, frozenset(roles))
    return (None if problems else row), problems


def import_users(data: bytes, cohort: Cohort | None) -> ImportResult:
    """Check every row, then add all accounts (invited, without a password), or none. The caller commits."""
    raw_rows, errors = read_csv(data)
    result = ImportResult(errors=errors)
    if errors:
        return result
    if not raw_rows:
        result.errors.append(RowError(1, _("The file contains no accounts.")))
        return result
    seen: dict[str, set[str]] = {"email": set(), "number": set()}
    taken = _taken()
    rows = []
    for raw in raw_rows:
        row, problems = _check_row(raw, seen, taken)
        result.errors.extend(RowError(int(raw["_line"]), problem) for problem in problems)
        if row:
            rows.append(row)
    if result.errors:
        return result
    for row in rows:  # every row was checked above, against the database and the rest of the file
        student_cohort = cohort if Role.STUDENT in row.roles else None
        result.created.append(
            new_user(
                row.email,
                row.name,
                row.roles,
                cohort=student_cohort,
                matriculation_number=row.matriculation_number,
                invited=True,  # no password is hashed here: invitations let people set their own
            )
        )
    return result
