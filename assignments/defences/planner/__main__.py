"""`python -m assignments.defences.planner SCENARIO.json [--out PLAN.json]`: the planner without Flask."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import Limits, ScenarioError, load_scenario, plan, plan_json
from .report import summary


def main(argv: list[str] | None = None) -> int:
    """Plan a scenario file; print or write the plan. Exit status 2 for an invalid scenario."""
    parser = argparse.ArgumentParser(prog="python -m assignments.defences.planner", description=__doc__)
    parser.add_argument("scenario", type=Path)
    parser.add_argument("--out", type=Path, help="write the plan here instead of standard output")
    parser.add_argument("--explain", action="store_true", help="add a reason for each unscheduled student")
    parser.add_argument("--work-limit", type=float, default=Limits.work, help="solver work (deterministic)")
    parser.add_argument("--time-limit", type=float, default=Limits.seconds, help="wall-clock safety limit, s")
    args = parser.parse_args(argv)
    try:
        scenario = load_scenario(args.scenario)
    except (ScenarioError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = plan(scenario, Limits(work=args.work_limit, seconds=args.time_limit))
    text = json.dumps(plan_json(scenario, result, args.explain), indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    for line in summary(scenario, result):
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
