"""`flask detector ...`: train, eval, score, calibrate, card (the engine's adapter to the command line)."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, TextIO

import click
from flask.cli import AppGroup

from assignments.detection import calibration
from assignments.detection.card import render
from assignments.detection.corpus import CorpusError, iter_jsonl, read_labelled
from assignments.detection.engine import DEFAULT_MIN_WORDS, LOWEST_MIN_WORDS, analyse
from assignments.detection.groups import genre_of
from assignments.detection.metrics import bucket_of, format_report, report
from assignments.detection.model import Model, ModelError, read_model, save_model

from ..detector import app_model, base_model, calibration_path, instance_dir
from .outcomes import echo_outcomes

detector = AppGroup("detector", help="AI-text signal: train, validate, score and calibrate the detector.")
MIN_WORDS = click.IntRange(min=LOWEST_MIN_WORDS)


def _progress(count: int, stream: TextIO = sys.stderr) -> None:
    # Only a person at a terminal wants progress; logs and pipes stay clean.
    if stream.isatty() and count % 100 == 0:
        stream.write(f"\r{count} texts")
        stream.flush()


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@detector.command("train")
@click.option(
    "--corpus", "corpora", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False)
)
@click.option(
    "--out", type=click.Path(file_okay=False), help="Model folder (default: instance/detector/model)."
)
@click.option("--trees", type=click.IntRange(min=1), default=200, show_default=True, help="Boosting trees.")
def train_command(corpora: tuple[str, ...], out: str | None, trees: int) -> None:
    """Train the model from labelled JSONL corpora, validate it and write it with its model card."""
    from assignments.detection.build import TrainingError, build_model  # scikit-learn is only needed here
    from assignments.detection.training import Params, keep_words, prepare

    params = Params(trees=trees)
    try:
        records = read_labelled(corpora)
    except CorpusError as exc:
        raise _fail(exc) from None
    click.echo(f"{len(records)} labelled texts", err=True)
    keep = keep_words(params.keep_top)
    prep = prepare(records, keep, params.suffix_letters)
    del records
    try:
        meta, arrays = build_model(list(corpora), prep, keep, params, lambda m: click.echo(m, err=True))
    except TrainingError as exc:
        raise _fail(exc) from None
    target = save_model(Path(out) if out else instance_dir() / "model", meta, arrays)
    (target / "model_card.md").write_text(render(read_model(target)) + "\n", encoding="utf-8")
    click.echo(format_report(meta["validation"]["leave_one_source_out"]))
    click.echo(f"model written to {target}")


@detector.command("eval")
@click.option("--jsonl", "files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--from-outcomes", is_flag=True, help="Measure on the outcomes the defence panels recorded.")
@click.option("--doubts-as", type=click.Choice(["skip", "ai", "human"]), default="skip", show_default=True,
              help='How --from-outcomes counts "doubts remain".')  # fmt: skip
@click.option("--loso", is_flag=True, help="Retrain without each group in turn and score the held-out texts.")
@click.option(
    "--by",
    type=click.Choice(["source", "subset", "genre", "generator"]),
    default="source",
    show_default=True,
    help="The group --loso holds out: source, subset, genre or generator.",
)
@click.option("--min-words", type=MIN_WORDS, default=LOWEST_MIN_WORDS, show_default=True)
def eval_command(files: tuple[str, ...], from_outcomes: bool, doubts_as: str, loso: bool, by: str,
                 min_words: int) -> None:  # fmt: skip
    """Print AUROC, TPR at 1% FPR and FPR/TPR at the threshold, overall, per language and length.

    With --loso the threshold is the one chosen on the out-of-fold human scores of that validation.
    With --from-outcomes the labels are the defences' outcomes and the scores the papers' reports.
    """
    if from_outcomes:
        echo_outcomes(None if doubts_as == "skip" else doubts_as)
        return
    if not files:
        raise click.UsageError("give --jsonl FILE (or --from-outcomes)")
    if loso:
        from assignments.detection.training import Params, keep_words, prepare
        from assignments.detection.validation import validate

        params = Params()
        try:
            prep = prepare(read_labelled(files), keep_words(params.keep_top), params.suffix_letters)
        except CorpusError as exc:
            raise _fail(exc) from None
        result = validate(prep, params, by, lambda m: click.echo(m, err=True))
        if result is None:
            raise click.ClickException(f"leave-one-{by}-out needs at least two {by} groups with both classes")
        click.echo(format_report(result["report"]))
        click.echo(f"thresholds: {result['thresholds']}")
        return
    model = app_model()
    scores: list[float] = []
    labels: list[int] = []
    flags: list[bool] = []
    langs: list[str] = []
    lengths: list[str] = []
    genres: list[str] = []
    abstained = 0
    try:
        for path in files:
            for count, (_, record) in enumerate(iter_jsonl(path), start=1):
                found = analyse(record["text"], model, min_words=min_words)
                _progress(count)
                if found.abstain or found.probability is None or record.get("label") not in ("human", "ai"):
                    abstained += 1
                    continue
                scores.append(found.probability)
                labels.append(int(record["label"] == "ai"))
                flags.append(found.flag)
                langs.append(found.language or "")
                lengths.append(bucket_of(found.words))
                genres.append(genre_of(record))
    except CorpusError as exc:
        raise _fail(exc) from None
    if not scores:
        raise click.ClickException("no labelled text could be scored")
    click.echo(
        format_report(report(scores, labels, flags, {"language": langs, "genre": genres, "length": lengths}))
    )
    click.echo(f"abstained or unlabelled: {abstained}; thresholds: {model.thresholds}")


def _scored(record: dict[str, Any], model: Model, min_words: int) -> dict[str, Any]:
    result = analyse(record["text"], model, min_words=min_words)
    # The output format promises a float: an abstention scores 0.0 and says so in `abstain` and `reason`.
    probability = 0.0 if result.probability is None else result.probability
    return {**record, "ai_probability": probability, "flag": result.flag,
            "abstain": result.abstain, "reason": result.reason}  # fmt: skip


@detector.command("score")
@click.option("--jsonl", "source", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", type=click.Path(dir_okay=False), help="Output JSONL (default: standard output).")
@click.option("--min-words", type=MIN_WORDS, default=DEFAULT_MIN_WORDS, show_default=True)
def score_command(source: str, out: str | None, min_words: int) -> None:
    """Score every line of a JSONL file (streamed); each line is written back with the results.

    Adds ai_probability (0 to 1; 0.0 when the detector abstains), flag, abstain and reason.
    """
    model = app_model()
    sink: AbstractContextManager[TextIO] = (
        Path(out).open("w", encoding="utf-8") if out else nullcontext(sys.stdout)  # noqa: SIM115
    )
    try:
        with sink as stream:
            for count, (_, record) in enumerate(iter_jsonl(source), start=1):
                stream.write(json.dumps(_scored(record, model, min_words), ensure_ascii=False) + "\n")
                _progress(count)
    except CorpusError as exc:
        raise _fail(exc) from None


@detector.command("calibrate")
@click.option("--human", "files", multiple=True, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--max-share", type=click.FloatRange(0, 1, max_open=True), default=0.01, show_default=True)
@click.option("--min-words", type=MIN_WORDS, default=DEFAULT_MIN_WORDS, show_default=True)
def calibrate_command(files: tuple[str, ...], max_share: float, min_words: int) -> None:
    """Set the thresholds so that at most MAX_SHARE of these known-human texts are flagged."""
    model = base_model()  # the model's own thresholds, not an earlier calibration
    scores: dict[str, list[float]] = {}
    try:
        for path in files:
            for _, record in iter_jsonl(path):
                result = analyse(record["text"], model, min_words=min_words)
                if result.probability is not None and result.language:
                    scores.setdefault(result.language, []).append(result.probability)
    except CorpusError as exc:
        raise _fail(exc) from None
    if not scores:
        raise click.ClickException("none of the texts could be scored (too short or not German/English)")
    doc = calibration.build(model, scores, max_share, ", ".join(Path(f).name for f in files))
    calibration.write(calibration_path(), doc)
    for lang, row in doc["languages"].items():
        note = (
            "" if row["n_texts"] * max_share >= 1 else " (few texts: threshold set above the highest score)"
        )
        click.echo(f"{lang}: {row['n_texts']} texts, threshold {row['threshold']:.4f}, "
                   f"flagged {row['flagged']} ({row['flagged_share']:.2%}){note}")  # fmt: skip
    click.echo(f"calibration written to {calibration_path()}")


@detector.command("card")
def card_command() -> None:
    """Print the model card, with the local calibration when there is one."""
    try:
        click.echo(render(app_model()))
    except ModelError as exc:
        raise _fail(exc) from None
