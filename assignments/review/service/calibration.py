"""Local calibration from the browser: known-human papers set the threshold so that at most the chosen
share of them would be flagged. The texts are read with the submissions' checks, scored on the
server, and discarded afterwards unless the administrator keeps them.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from flask_babel import gettext as _

from assignments.detection import analyse, calibration
from assignments.detection.corpus import CorpusError, iter_jsonl
from assignments.submissions.extract import check_file
from campus import clock

from ..detector import app_model, base_model, calibration_path, instance_dir

SUFFIXES = (".pdf", ".docx", ".odt", ".txt")
MAX_FILES = 400  # scored while the page waits (about 0.1 s a paper)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # uncompressed, over the whole zip (a zip bomb stops here)
MAX_LINES = 5000


class CalibrationRefused(ValueError):
    """The upload cannot be used; the message is for the page, translated."""


@dataclass
class Outcome:
    """What the calibration did: texts read and scored, and the share flagged before and after."""

    read: int = 0
    skipped: list[str] = field(default_factory=list)
    languages: dict[str, dict[str, float]] = field(default_factory=dict)  # n, before, after, threshold


def _from_jsonl(path: Path) -> list[str]:
    texts = []
    try:
        for number, record in iter_jsonl(path):
            if number > MAX_LINES:
                raise CalibrationRefused(_("The file has more than %(n)d lines.", n=MAX_LINES))
            texts.append(record["text"])
    except (CorpusError, UnicodeDecodeError) as exc:
        raise CalibrationRefused(_("The JSONL file cannot be read: %(error)s", error=str(exc))) from None
    return texts


def _from_zip(path: Path, skipped: list[str]) -> list[str]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise CalibrationRefused(_("The zip file cannot be opened.")) from None
    with archive, tempfile.TemporaryDirectory(prefix="campus-calibration-") as folder:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise CalibrationRefused(_("The zip file holds more than %(n)d files.", n=MAX_FILES))
        if sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise CalibrationRefused(_("The zip file unpacks to more than 500 MB."))
        texts = []
        for number, member in enumerate(members):
            name = Path(member.filename).name
            if not name.lower().endswith(SUFFIXES) or member.file_size > MAX_FILE_BYTES:
                skipped.append(name)
                continue
            target = Path(folder) / f"{number}{Path(name).suffix.lower()}"
            with archive.open(member) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            result = check_file(target, name, max_bytes=MAX_FILE_BYTES, full=True)
            if result.accepted and result.text and result.words:
                texts.append(result.text)
            else:
                skipped.append(name)
            target.unlink()
        return texts


def read_texts(path: Path, filename: str, outcome: Outcome) -> list[str]:
    """The texts of an uploaded zip or JSONL file (files that cannot be read are listed as skipped)."""
    if filename.lower().endswith(".jsonl"):
        texts = _from_jsonl(path)
    elif filename.lower().endswith(".zip"):
        texts = _from_zip(path, outcome.skipped)
    else:
        raise CalibrationRefused(_("Please upload a zip file (PDF, DOCX, ODT, TXT inside) or a JSONL file."))
    outcome.read = len(texts)
    return texts


def calibrate(
    texts: list[str], max_share: float, source: str, outcome: Outcome, keep: bool = False
) -> Outcome:
    """Score ``texts`` with the model's own thresholds, write the calibration, report before/after."""
    model, current = base_model(), app_model()
    scores: dict[str, list[float]] = {}
    for text in texts:
        result = analyse(text, model)
        if result.probability is not None and result.language:
            scores.setdefault(result.language, []).append(result.probability)
    if not scores:
        raise CalibrationRefused(
            _("None of the texts could be scored (too short, or not German or English).")
        )
    doc = calibration.build(model, scores, max_share, source[:120])
    calibration.write(calibration_path(), doc)
    for lang, probs in scores.items():
        before = current.thresholds.get(lang, 1.0)
        after = doc["languages"][lang]["threshold"]
        outcome.languages[lang] = {
            "n": len(probs), "threshold": after,
            "before": sum(p >= before for p in probs) / len(probs), "after": sum(p >= after for p in probs) / len(probs),
        }  # fmt: skip
    if keep:
        folder = instance_dir() / "known-human"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = clock.now().strftime("%Y%m%dT%H%M%S")
        with (folder / f"{stamp}.jsonl").open("w", encoding="utf-8") as sink:
            sink.writelines(
                json.dumps({"text": t, "label": "human"}, ensure_ascii=False) + "\n" for t in texts
            )
    return outcome
