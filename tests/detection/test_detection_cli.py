"""`flask detector` commands: score, eval, train, card."""

from __future__ import annotations

import json
from pathlib import Path

from detection_texts import FRENCH_LINE, make_records, make_text, write_jsonl
from flask import Flask
from flask.testing import FlaskCliRunner

from assignments.detection.model import read_model


def test_score_writes_every_line_back_with_results(
    cli: FlaskCliRunner, detector_app: Flask, tiny_model_dir: Path, tmp_path: Path
) -> None:
    detector_app.config["DETECTOR_MODEL_DIR"] = str(tiny_model_dir)
    records = [
        {"text": make_text("de", "ai", 300, 1), "id": "a", "extra": {"k": [1, 2]}},
        {"text": make_text("en", "human", 120, 2), "id": "b"},
        {"text": FRENCH_LINE, "id": "c"},
        {"text": "", "id": "d"},
    ]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    result = cli.invoke(args=["detector", "score", "--jsonl", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d"]
    assert lines[0]["extra"] == {"k": [1, 2]}
    assert isinstance(lines[0]["ai_probability"], float) and lines[0]["abstain"] is False
    assert lines[1]["reason"] == "too_short" and lines[1]["abstain"] is True
    assert lines[1]["ai_probability"] == 0.0 and lines[1]["flag"] is False
    assert lines[2]["reason"] == "unsupported_language"
    assert lines[3]["reason"] == "no_text" and lines[3]["flag"] is False
    # --min-words lowers the length limit down to 80 words, not below
    short = cli.invoke(args=["detector", "score", "--jsonl", str(source), "--min-words", "80"])
    assert short.exit_code == 0
    assert json.loads(short.output.splitlines()[1])["abstain"] is False
    refused = cli.invoke(args=["detector", "score", "--jsonl", str(source), "--min-words", "79"])
    assert refused.exit_code != 0


def test_score_reports_a_bad_line(cli: FlaskCliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok"}\n{not json}\n')
    result = cli.invoke(args=["detector", "score", "--jsonl", str(bad)])
    assert result.exit_code != 0
    assert "bad.jsonl:2" in result.output


def test_eval_prints_figures(
    cli: FlaskCliRunner, detector_app: Flask, tiny_model_dir: Path, tmp_path: Path
) -> None:
    detector_app.config["DETECTOR_MODEL_DIR"] = str(tiny_model_dir)
    labelled = write_jsonl(tmp_path / "l.jsonl", make_records(3))
    result = cli.invoke(args=["detector", "eval", "--jsonl", str(labelled)])
    assert result.exit_code == 0, result.output
    for needle in (
        "AUROC",
        "TPR@1%",
        "overall",
        "language=de",
        "language=en",
        "genre=essays",
        "length=250-1000",
    ):
        assert needle in result.output


def test_train_writes_a_loadable_model_and_card(cli: FlaskCliRunner, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", make_records(6, 260))
    out = tmp_path / "trained"
    result = cli.invoke(
        args=["detector", "train", "--corpus", str(corpus), "--out", str(out), "--trees", "5"]
    )
    assert result.exit_code == 0, result.output
    model = read_model(out)
    assert set(model.thresholds) == {"de", "en"}
    validation = model.meta["validation"]
    assert set(validation) == {"leave_one_source_out", "leave_one_genre_out", "leave_one_generator_out"}
    assert set(validation["leave_one_generator_out"]["generator"]) == {"model-0", "model-1"}
    assert set(validation["leave_one_genre_out"]["genre"]) == {"essays", "news"}
    assert set(validation["leave_one_source_out"]["variant"]) == {"plain", "dipper_paraphrase"}
    card = (out / "model_card.md").read_text()
    assert "## Deutsch" in card and "## English" in card and "AUROC" in card
    assert "variant: dipper_paraphrase" in card and "genre: essays" in card
    assert not list(out.glob("*.pkl")) and not list(out.glob("*.joblib"))


def test_train_refuses_a_corpus_with_one_source(cli: FlaskCliRunner, tmp_path: Path) -> None:
    records = [{**r, "source": "only"} for r in make_records(4)]
    corpus = write_jsonl(tmp_path / "one.jsonl", records)
    result = cli.invoke(args=["detector", "train", "--corpus", str(corpus), "--out", str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "at least two sources" in result.output
    assert not (tmp_path / "m" / "model.json").exists()


def test_eval_leave_one_genre_out(cli: FlaskCliRunner, tmp_path: Path) -> None:
    labelled = write_jsonl(tmp_path / "l.jsonl", make_records(4))
    result = cli.invoke(args=["detector", "eval", "--jsonl", str(labelled), "--loso", "--by", "genre"])
    assert result.exit_code == 0, result.output
    for needle in ("genre=essays", "genre=news", "variant=dipper_paraphrase", "thresholds:"):
        assert needle in result.output
    single = write_jsonl(tmp_path / "s.jsonl", [{**r, "domain": "news"} for r in make_records(4)])
    refused = cli.invoke(args=["detector", "eval", "--jsonl", str(single), "--loso", "--by", "genre"])
    assert refused.exit_code != 0 and "two genre groups" in refused.output


def test_card_of_the_default_model(cli: FlaskCliRunner) -> None:
    result = cli.invoke(args=["detector", "card"])
    assert result.exit_code == 0
    assert "Hinweis, kein Urteil" in result.output and "hint, never a verdict" in result.output
    assert "Validation: leave one source out" in result.output
    assert "Validation: leave one genre out" in result.output
    assert "Previous model on other sources" in result.output  # the round-one baseline
    assert "paraphras" in result.output and "Paraphrasier" in result.output


def test_registered_in_the_campus_app(runner: FlaskCliRunner) -> None:
    # `runner` comes from tests/conftest.py: the real create_app, which lists the detector in FEATURES.
    result = runner.invoke(args=["detector", "--help"])
    assert result.exit_code == 0, result.output
    for command in ("train", "eval", "score", "calibrate", "card"):
        assert command in result.output
