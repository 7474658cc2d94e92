"""The engine is a library: importing and using it pulls in neither Flask nor scikit-learn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

import assignments.detection as detection
from assignments.review.cli.detector import detector

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
import assignments.detection as d
from assignments.detection import engine, text, language, features, model, scoring, calibration, trees, texts
result = d.analyse("Die Digitalisierung ist ein Thema. " * 60)
d.report_texts(result, "de")
bad = [m for m in ("flask", "click", "sklearn") if m in sys.modules]
print("loaded:", bad, result.language)
"""


def test_engine_imports_no_flask_and_no_sklearn() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "loaded: [] de" in done.stdout


def test_the_detector_group_has_its_commands() -> None:
    app = Flask("t")
    app.cli.add_command(detector)
    commands = app.cli.commands["detector"].commands  # type: ignore[attr-defined]
    assert {"train", "eval", "score", "calibrate", "card"} <= set(commands)


@pytest.mark.parametrize(
    "name",
    ["analyse", "Analysis", "Passage", "load_model", "ModelError", "report_texts", "band_of"],
)
def test_public_api(name: str) -> None:
    assert hasattr(detection, name)
