"""Plain-data model files: export equals scikit-learn, tampering gives a clear ModelError."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from detection_texts import make_records
from sklearn.ensemble import GradientBoostingClassifier

from assignments.detection.model import ModelError, read_model
from assignments.detection.scoring import ngram_score
from assignments.detection.training import Params, fit, keep_words, prepare
from assignments.detection.trees import evaluate, export_boosting


def test_exported_trees_equal_scikit_learn() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 6))
    y = (x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int)
    model = GradientBoostingClassifier(n_estimators=30, max_depth=3, subsample=0.8, random_state=0).fit(x, y)
    arrays, base, depth = export_boosting(model, x)
    assert np.allclose(evaluate(arrays, base, depth, x), model.decision_function(x), atol=1e-10)


def test_exported_ngram_model_equals_scikit_learn(tiny_model_dir: Path) -> None:
    params = Params(keep_top=200, min_df=1, trees=5, depth=2)
    keep = keep_words(params.keep_top)
    prep = prepare(make_records(4), keep)
    fitted = fit(prep, np.arange(len(prep.meta)), params)
    from assignments.detection.build import export
    from assignments.detection.model import save_model

    meta, arrays = export(fitted, prep, keep)
    meta.update(platt=[1.0, 0.0], thresholds={"de": 0.5, "en": 0.5})
    model = read_model(save_model(tiny_model_dir.parent / "eq-model", meta, arrays))
    ours = [ngram_score(model, g) for g in prep.grams]
    theirs = fitted.linear.decision_function(fitted.vectoriser.transform(prep.grams))
    assert np.allclose(ours, theirs, atol=1e-10)


@pytest.fixture
def copy(tiny_model_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(tiny_model_dir, target)
    return target


def _rewrite_npz(path: Path, **changes: np.ndarray) -> None:
    with np.load(path / "model.npz", allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    arrays.update(changes)
    np.savez(path / "model.npz", **arrays)


def test_loads_untouched(copy: Path) -> None:
    assert read_model(copy).thresholds == {"de": 0.5, "en": 0.5}


def test_changed_weights_fail_the_checksum(copy: Path) -> None:
    with np.load(copy / "model.npz", allow_pickle=False) as data:
        coef = data["coef"].copy()
    coef[0] += 1.0
    _rewrite_npz(copy, coef=coef)
    with pytest.raises(ModelError, match="checksum"):
        read_model(copy)


def test_changed_threshold_in_json_fails_the_checksum(copy: Path) -> None:
    doc = json.loads((copy / "model.json").read_text())
    doc["thresholds"]["de"] = 0.01
    (copy / "model.json").write_text(json.dumps(doc))
    with pytest.raises(ModelError, match="checksum"):
        read_model(copy)


def test_wrong_shapes_are_reported(copy: Path) -> None:
    with np.load(copy / "model.npz", allow_pickle=False) as data:
        coef = data["coef"]
    _rewrite_npz(copy, coef=coef[:-1])
    with pytest.raises(ModelError):
        read_model(copy)


def test_bad_json_and_wrong_version(copy: Path) -> None:
    text = (copy / "model.json").read_text()
    (copy / "model.json").write_text(text[: len(text) // 2])
    with pytest.raises(ModelError, match="not valid JSON"):
        read_model(copy)
    doc = json.loads(text)
    doc["format_version"] = 99
    (copy / "model.json").write_text(json.dumps(doc))
    with pytest.raises(ModelError, match="version"):
        read_model(copy)


def test_pickled_array_is_refused_not_executed(copy: Path) -> None:
    # An object array in the .npz would need pickle to load; allow_pickle=False refuses it.
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"payload": 1}], dtype=object), allow_pickle=True)
    with zipfile.ZipFile(copy / "model.npz", "a") as archive:
        archive.writestr("evil.npy", buffer.getvalue())
    with pytest.raises(ModelError, match="plain arrays"):
        read_model(copy)


def test_missing_files(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"no model\.json"):
        read_model(tmp_path)
    (tmp_path / "model.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ModelError, match="not a detector model"):
        read_model(tmp_path)


def test_garbage_npz(copy: Path) -> None:
    (copy / "model.npz").write_bytes(b"not a zip file at all")
    with pytest.raises(ModelError):
        read_model(copy)
