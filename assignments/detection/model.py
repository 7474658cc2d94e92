"""The model as plain data: `model.json` (vocabulary, settings, figures) and `model.npz` (weights).

Never a pickle: `np.load(..., allow_pickle=False)` can only produce arrays. A SHA-256 over the
arrays and the scoring settings is stored in the JSON, so a tampered or truncated file fails with
`ModelError` instead of scoring with wrong weights.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .features import STYLE_FEATURES
from .trees import ARRAY_NAMES, check_arrays

FORMAT = "campus-ai-text-detector"
FORMAT_VERSION = 3  # 2: per-language style weight; 3: word endings in the n-gram placeholders
DEFAULT_DIR = Path(__file__).resolve().parent / "model"
# Settings that change scores; the checksum covers them together with the arrays.
SCORING_KEYS = ("vocab", "keep", "style_features", "intercept", "gb_base", "gb_depth", "scale", "platt",
                "thresholds", "window_words", "style_weight", "suffix_letters")  # fmt: skip


class ModelError(Exception):
    """The model files are missing, tampered with or incompatible with this version."""


@dataclass(frozen=True)
class Model:
    """A loaded detector. `meta` holds the JSON document; arrays hold the weights."""

    meta: dict[str, Any]
    arrays: dict[str, np.ndarray]
    vocab: dict[str, int] = field(repr=False)
    keep: frozenset[str] = field(repr=False)
    thresholds: dict[str, float]
    calibration: dict[str, Any] | None = None

    def with_thresholds(self, thresholds: dict[str, float], calibration: dict[str, Any]) -> Model:
        """A copy whose operating thresholds come from a local calibration."""
        return replace(self, thresholds={**self.thresholds, **thresholds}, calibration=calibration)


def checksum(meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> str:
    """SHA-256 over the scoring settings and every array (name, dtype, shape and bytes)."""
    digest = hashlib.sha256()
    settings = {k: meta.get(k) for k in SCORING_KEYS}
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=True).encode())
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}|{arr.dtype.str}|{arr.shape}".encode())
        digest.update(arr.tobytes())
    return digest.hexdigest()


def save_model(directory: str | Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Path:
    """Write model.json and model.npz into `directory` (created if needed)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION, **meta}
    doc["checksum"] = checksum(doc, arrays)
    np.savez_compressed(out / "model.npz", allow_pickle=False, **arrays)
    (out / "model.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def _read(directory: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    try:
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no model.json in {directory}: train one with `flask detector train`") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"{directory / 'model.json'} is not valid JSON: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelError(f"{directory / 'model.json'} is not a detector model")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"model format version {meta.get('format_version')!r} is not supported "
            f"(this code reads version {FORMAT_VERSION}); retrain the model"
        )
    try:
        with np.load(directory / "model.npz", allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except FileNotFoundError:
        raise ModelError(f"no model.npz in {directory}") from None
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise ModelError(f"{directory / 'model.npz'} cannot be read as plain arrays: {exc}") from None
    return meta, arrays


def _validate(meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
    missing = [n for n in ("idf", "coef", *ARRAY_NAMES) if n not in arrays]
    if missing:
        raise ModelError(f"model.npz lacks the arrays {', '.join(missing)}")
    if meta.get("checksum") != checksum(meta, arrays):
        raise ModelError("model checksum mismatch: the model files were changed after training")
    if meta.get("style_features") != list(STYLE_FEATURES):
        raise ModelError("the model was trained with other style features than this code computes")
    n_vocab = len(meta.get("vocab", []))
    if arrays["idf"].shape != (n_vocab,) or arrays["coef"].shape != (n_vocab,):
        raise ModelError(f"n-gram weights do not match the vocabulary of {n_vocab} entries")
    problem = check_arrays(arrays, len(STYLE_FEATURES))
    if problem:
        raise ModelError(f"style model: {problem}")
    if len(meta.get("scale", [])) != 4 or len(meta.get("platt", [])) != 2:
        raise ModelError("model.json lacks its score scaling or calibration")
    weights = meta.get("style_weight")
    if (
        not isinstance(weights, dict)
        or not {"de", "en"} <= set(weights)
        or not all(isinstance(w, int | float) and 0.0 <= w <= 1.0 for w in weights.values())
    ):
        raise ModelError("model.json lacks the style weight per language (numbers from 0 to 1)")
    letters = meta.get("suffix_letters")
    if (
        not isinstance(letters, dict)
        or not {"de", "en"} <= set(letters)
        or not all(isinstance(n, int) and 0 <= n <= 6 for n in letters.values())
    ):
        raise ModelError("model.json lacks the word-ending length per language (whole numbers from 0 to 6)")


def read_model(directory: str | Path) -> Model:
    """Load and verify a model directory; raises ModelError with a readable message."""
    path = Path(directory)
    if path.suffix == ".json":
        path = path.parent
    meta, arrays = _read(path)
    _validate(meta, arrays)
    try:
        thresholds = {str(k): float(v) for k, v in meta["thresholds"].items()}
        vocab = {str(g): i for i, g in enumerate(meta["vocab"])}
        keep = frozenset(str(w) for w in meta["keep"])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"model.json is incomplete: {exc}") from None
    return Model(meta, arrays, vocab, keep, thresholds)
