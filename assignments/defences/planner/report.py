"""A short human summary of a plan, for the command line (standard error, so JSON output stays clean)."""

from __future__ import annotations

from collections.abc import Iterator

from .problem import Plan, Scenario


def summary(scenario: Scenario, result: Plan) -> Iterator[str]:
    """Warnings about the scenario, the figures of the plan, and why each unscheduled student is out."""
    yield from (f"warning: {warning}" for warning in scenario.warnings)
    total = len(scenario.students)
    proof = (
        "proven optimal"
        if result.optimal
        else "number scheduled proven maximal"
        if result.max_scheduled_proven
        else "not proven optimal"
    )
    yield f"scheduled {len(result.bookings)} of {total} students ({proof}; {result.stats.get('seconds')} s)"
    if result.stats.get("timed_out"):
        yield "note: the time limit ended the search; another run may give a different plan"
    for student in result.unscheduled:
        yield f"unscheduled {student}: {result.reasons[student].message}"
