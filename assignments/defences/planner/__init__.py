"""The oral-defence planner: a plain library, free of Flask and of the platform.

    scenario = load_scenario("cohort.json")      # or parse_scenario(data); raises ScenarioError
    result = plan(scenario, Limits(work=1.5, seconds=7))
    plan_json(scenario, result, explain=True)    # the documented output format

Times inside are epoch minutes; ``scenario.clock`` converts them to the scenario's wall clock.
"""

from __future__ import annotations

from .parse import ScenarioError, load_scenario, parse_scenario
from .problem import Booking, Examiner, Plan, Reason, Scenario, Span, Student
from .search import Limits
from .solve import PlannerDefect, plan, plan_json
from .verify import violations

__all__ = [
    "Booking",
    "Examiner",
    "Limits",
    "Plan",
    "PlannerDefect",
    "Reason",
    "Scenario",
    "ScenarioError",
    "Span",
    "Student",
    "load_scenario",
    "parse_scenario",
    "plan",
    "plan_json",
    "violations",
]
