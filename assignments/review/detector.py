"""Which detector the application scores with: the configured model, else one trained into the
instance folder, else the committed default, and the local calibration in ``instance/detector/``.

Jobs, pages and the command line all ask here, so a report always names the model that made it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import current_app

from assignments.detection import Model, ModelError, load_model
from assignments.detection.model import DEFAULT_DIR


def instance_dir() -> Path:
    """Folder for the locally trained model and the local calibration (``DETECTOR_DIR``)."""
    configured = current_app.config.get("DETECTOR_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "detector"


def calibration_path() -> Path:
    """Where the local calibration lives (it may not exist)."""
    return instance_dir() / "calibration.json"


def model_dir() -> Path:
    """Configured model, else a model trained into the instance folder, else the committed default."""
    configured = current_app.config.get("DETECTOR_MODEL_DIR")
    local = instance_dir() / "model"
    return Path(configured) if configured else local if (local / "model.json").exists() else DEFAULT_DIR


def base_model() -> Model:
    """The model with its own thresholds (what a new calibration starts from)."""
    return load_model(model_dir())


def app_model() -> Model:
    """The model the application scores with, including the local calibration when there is one.

    A calibration made for another model (left over after retraining) is not applied, and logged:
    the model's own thresholds are the safe choice until an administrator calibrates again.
    """
    try:
        return load_model(model_dir(), calibration_path())
    except ModelError as exc:
        model = base_model()  # raises when the model itself is broken
        current_app.logger.warning("local calibration ignored: %s", exc)
        return model


def calibration_label(model: Model) -> str | None:
    """A short name of the calibration applied to ``model`` (when and a digest), None without one."""
    if not model.calibration:
        return None
    path = calibration_path()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.exists() else "?"
    return f"{model.calibration.get('created', '?')} ({digest})"
