"""Rolling a module over to the next academic year in the browser: preview the dates, then create.

The page shows every date of the new edition next to the one it comes from (the term keeps its
calendar dates, sessions and deadlines their weekdays) before anything is written; creating it
calls the same `content.rollover` as ``flask modules rollover`` and is audit-logged like it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from campus.audit import audit
from campus.extensions import db
from campus.forms import ActionForm

from ..content.bounds import parse_toml
from ..content.errors import CoursesError
from ..content.rollover import DateChange, plan_rollover, rollover
from ..content.tomledit import Path as Field
from ..current import catalogue, content_changed
from .common import responsible_module
from .problems import describe_problems, error_text

RULES = {
    "calendar": _l("same calendar date"),
    "weekday": _l("same weekday, 52 weeks later"),
    "into-term": _l("same weekday, moved into the new term"),
}
ASSIGNMENT_DATES = {
    "opens": _l("opens"),
    "due": _l("due"),
    "cutoff": _l("last moment for late submissions"),
    "window_start": _l("defence window opens"),
    "window_end": _l("defence window closes"),
}


def _title(data: dict[str, Any], name: str, index: int) -> str:
    rows = data.get(name)
    row = rows[index] if isinstance(rows, list) and index < len(rows) else {}
    return str(row.get("title", "")) if isinstance(row, dict) else ""


def field_label(field: Field, data: dict[str, Any]) -> str:
    """What the page calls a date field of edition.toml, e.g. "Session 3: KI in der Beratung"."""
    match field:
        case ("term_start",):
            return _("Start of term")
        case ("term_end",):
            return _("End of term")
        case ("sessions", int(i), "starts"):
            return _("Session %(number)d: %(title)s", number=i + 1, title=_title(data, "sessions", i))
        case ("assignments", int(i), *rest) if str(rest[-1]) in ASSIGNMENT_DATES:
            return f"{_title(data, 'assignments', i)}: {ASSIGNMENT_DATES[str(rest[-1])]}"
    return ".".join(str(part) for part in field)


def _row(change: DateChange, data: dict[str, Any]) -> dict[str, object]:
    return {
        "label": field_label(change.field, data), "old": change.old, "new": change.new,
        "has_time": isinstance(change.old, datetime), "rule": RULES[change.rule],
        "moved": change.rule == "into-term",
    }  # fmt: skip


@login_required
def edit_rollover(module_id: str) -> str | Response:
    """Preview next year's edition of the module (its dates), and create it as a draft on confirmation."""
    module = responsible_module(module_id)
    root = catalogue(current_app).root
    form = ActionForm()
    plan = plan_rollover(root, module.id)
    if form.validate_on_submit() and not plan.exists and not plan.problems:
        try:
            rollover(root, module.id, plan.target)
        except CoursesError as error:
            flash(_("The new edition was not created: %(reason)s", reason=error_text(error)), "error")
        else:
            audit(current_user, "course.edition.rollover", ("module", module.id),
                  {"edition": plan.target, "from": plan.source})  # fmt: skip
            content_changed(current_app)  # every worker shows the new draft at once
            db.session.commit()
            flash(_("The draft edition %(edition)s was created. Students do not see it until it is published.", edition=plan.target), "success")  # fmt: skip
            return redirect(url_for(".edit_edition", module_id=module.id, edition_id=plan.target))
    source = module.current
    data = parse_toml((source.path / "edition.toml").read_bytes().decode("utf-8"))  # loaded: within bounds
    return render_template(
        "courses/edit/rollover.html", module=module, source=source, plan=plan, form=form,
        rows=[_row(change, data) for change in plan.changes], problems=describe_problems(plan.problems),
    )  # fmt: skip
