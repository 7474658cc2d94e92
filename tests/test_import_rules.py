"""The import rules of DESIGN.md hold (lint-imports), and a deliberate violation makes them fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _copy_of_the_code(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "model", "translations")
    shutil.copytree(ROOT / "platform", target / "platform", ignore=ignore)
    shutil.copytree(ROOT / "assignments", target / "assignments", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    # The copy comes first on the path, ahead of the editable install of the real tree.
    env = {**os.environ, "PYTHONPATH": f"{tree / 'platform'}{os.pathsep}{tree}"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True, check=False
    )


def test_the_code_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("platform/campus/audit.py", "import assignments.detection", "campus never imports assignments"),
        ("assignments/detection/text.py", "import campus.clock", "assignments.detection is a plain library"),
        ("assignments/submissions/messages.py", "import assignments.detection", "never import the AI-text"),
        ("platform/campus/audit.py", "import campus.accounts.service", "no import cycles"),
    ],
)
def test_a_deliberate_violation_fails(tmp_path: Path, module: str, line: str, contract: str) -> None:
    tree = _copy_of_the_code(tmp_path)
    with (tree / module).open("a") as handle:
        handle.write(f"\n{line}  # deliberate violation\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in " ".join(broken.split())
