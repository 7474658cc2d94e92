"""Fixtures for the detector tests: a tiny model trained on our own generated texts, a bare CLI app.

The tiny model only has to be a real model, not a good one; it trains in well under a second.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from detection_texts import make_records
from flask import Flask
from flask.testing import FlaskCliRunner

from assignments.detection.build import export
from assignments.detection.model import Model, read_model, save_model
from assignments.detection.training import Params, fit, keep_words, prepare
from assignments.review.cli.detector import detector


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small model trained here on the generated texts and saved as plain data."""
    params = Params(keep_top={"de": 200, "en": 200}, min_df=1, trees=10, depth=2)
    keep = keep_words(params.keep_top)
    prep = prepare(make_records(), keep)
    fitted = fit(prep, np.arange(len(prep.meta)), params)
    meta, arrays = export(fitted, prep, keep)
    meta.update(platt=[1.0, 0.0], thresholds={"de": 0.5, "en": 0.5})
    return save_model(tmp_path_factory.mktemp("tiny-model"), meta, arrays)


@pytest.fixture
def tiny_model(tiny_model_dir: Path) -> Model:
    """The tiny model, loaded."""
    return read_model(tiny_model_dir)


@pytest.fixture
def detector_app(tmp_path: Path) -> Flask:
    """A bare Flask app with only the detector's CLI, its instance folder in tmp_path."""
    app = Flask("detector_test", instance_path=str(tmp_path / "instance"))
    app.cli.add_command(detector)
    return app


@pytest.fixture
def cli(detector_app: Flask) -> FlaskCliRunner:
    """CLI runner for `detector_app`."""
    return detector_app.test_cli_runner()
