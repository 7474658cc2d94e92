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
    params = Params(keep_top={"de": 200, "en": 200}, min_df=1, trees=5, depth=2)
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


def test_missing_or_bad_style_weight_is_reported(copy: Path) -> None:
    from assignments.detection.model import checksum

    with np.load(copy / "model.npz", allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    doc = json.loads((copy / "model.json").read_text())
    for bad in (None, {"de": 0.0}, {"de": 2.0, "en": 0.5}):
        doc["style_weight"] = bad
        doc["checksum"] = checksum(doc, arrays)  # a consistent file, only the weights are wrong
        (copy / "model.json").write_text(json.dumps(doc))
        with pytest.raises(ModelError, match="style weight"):
            read_model(copy)


def test_style_weight_per_language(tiny_model_dir: Path) -> None:
    from assignments.detection.scoring import combine

    model = read_model(tiny_model_dir)
    assert model.meta["style_weight"] == Params().style_weight
    m_ng, s_ng, m_st, s_st = model.meta["scale"]
    raw = np.array([[1.0, 3.0], [-2.0, 0.5]])
    ng, st = (raw[:, 0] - m_ng) / s_ng, (raw[:, 1] - m_st) / s_st
    w_de, w_en = model.meta["style_weight"]["de"], model.meta["style_weight"]["en"]
    assert np.allclose(combine(model, raw, "de"), (1 - w_de) * ng + w_de * st)
    assert np.allclose(combine(model, raw, "en"), (1 - w_en) * ng + w_en * st)


def test_formatting_is_masked_in_the_ngrams() -> None:
    from assignments.detection.features import masked_tokens
    from assignments.detection.text import tokenise

    keep = keep_words(200)
    masked = masked_tokens(tokenise('The study (2019) found "42 %"; see: x/y - and so on.'), "en", keep)
    assert masked.count("<p>") == 11  # ( 2019 ) " 42 % " ; : / -
    assert {".", "the", "and"} <= set(masked)
    assert not {"(", ")", '"', ";", ":", "/", "-", "%"} & set(masked)


def test_word_endings_in_the_placeholders() -> None:
    from assignments.detection.features import masked_tokens
    from assignments.detection.text import tokenise

    keep = keep_words({"de": 0, "en": 0})
    tokens = tokenise("The organisation quickly reorganised Oxford and cats.")
    assert masked_tokens(tokens, "en", keep) == ["the", "<w>", "<w>", "<w>", "<C>", "and", "<w>", "."]
    assert masked_tokens(tokens, "en", keep, 3) == [
        "the", "<w:ion>", "<w:kly>", "<w:sed>", "<C:ord>", "and", "<w>", ".",  # "cats" is too short
    ]  # fmt: skip


def test_model_scores_with_the_word_endings_it_was_trained_with(tmp_path: Path) -> None:
    from assignments.detection.build import export
    from assignments.detection.model import save_model

    keep = keep_words(0)
    prep = prepare(make_records(4), keep, {"en": 3})
    assert prep.suffix == {"de": 0, "en": 3}
    assert any(g.startswith("<w:") for grams in prep.grams for g in grams)
    fitted = fit(prep, np.arange(len(prep.meta)), Params(trees=5, min_df=1))
    meta, arrays = export(fitted, prep, keep)
    assert meta["suffix_letters"] == {"de": 0, "en": 3}
    meta.update(platt=[1.0, 0.0], thresholds={"de": 0.5, "en": 0.5})
    model = read_model(save_model(tmp_path / "m", meta, arrays))
    ours = [ngram_score(model, g) for g in prep.grams]
    assert np.allclose(ours, fitted.linear.decision_function(fitted.vectoriser.transform(prep.grams)))


def test_missing_word_ending_setting_is_reported(copy: Path) -> None:
    from assignments.detection.model import checksum

    with np.load(copy / "model.npz", allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    doc = json.loads((copy / "model.json").read_text())
    for bad in (None, {"en": 3}, {"de": 0, "en": 9}, {"de": 0.5, "en": 3}):
        doc["suffix_letters"] = bad
        doc["checksum"] = checksum(doc, arrays)
        (copy / "model.json").write_text(json.dumps(doc))
        with pytest.raises(ModelError, match="word-ending"):
            read_model(copy)


def test_keep_words_per_language() -> None:
    from assignments.detection.lexicon import FUNCTION_WORDS

    lexicon_only = keep_words({"de": 0, "en": 0})
    assert FUNCTION_WORDS["de"] <= lexicon_only and FUNCTION_WORDS["en"] <= lexicon_only
    default = keep_words(Params().keep_top)
    assert "zeit" not in default  # a frequent German content word: masked (German keeps the lexicon only)
    assert "people" in default  # a frequent English word: kept
    assert keep_words(200) == keep_words({"de": 200, "en": 200})
