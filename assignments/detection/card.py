"""The model card: what the model is, how it was measured, its figures and limits (German and English)."""

from __future__ import annotations

from typing import Any

from .card_text import (
    BASELINE,
    BASELINE_NOTE,
    BASELINE_TITLE,
    PARAPHRASED,
    PLAIN,
    POLISHED,
    REWRITES_OF_HUMAN,
    TEXT,
)
from .model import Model


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def table(report: dict[str, Any]) -> str:
    """Markdown table of a metrics report."""
    lines = [
        "| group | human | AI | AUROC | TPR at 1% FPR | FPR | TPR |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [("overall", report["overall"])]
    for key, sub in report.items():
        if key != "overall":
            rows += [(f"{key}: {k}", v) for k, v in sub.items()]
    for name, m in rows:
        lines.append(f"| {name} | {m['n_human']} | {m['n_ai']} | {_fmt(m['auroc'])} | "
                     f"{_fmt(m['tpr_at_1pct_fpr'])} | {_fmt(m['fpr'])} | {_fmt(m['tpr'])} |")  # fmt: skip
    return "\n".join(lines)


def targets(report: dict[str, Any]) -> str:
    """One line per acceptance target: the measured value and whether it is met (Ziel / target)."""
    overall, by_lang = report["overall"], report.get("language", {})
    checks = [("AUROC overall ≥ 0.95", overall.get("auroc"), lambda v: v >= 0.95)]
    for lang in sorted(by_lang):
        checks.append((f"AUROC {lang} ≥ 0.95", by_lang[lang].get("auroc"), lambda v: v >= 0.95))
        checks.append((f"FPR {lang} ≤ 0.01", by_lang[lang].get("fpr"), lambda v: v <= 0.01))
    checks.append(("TPR overall ≥ 0.70", overall.get("tpr"), lambda v: v >= 0.70))
    return "\n".join(
        f"- {name}: {_fmt(value)} – {'erreicht / met' if value is not None and ok(value) else 'NICHT erreicht / NOT met'}"
        for name, value, ok in checks
    )


def caught(report: dict[str, Any], variants: tuple[str, ...], lang: str = "en") -> str:
    """Share of the AI texts of the given variants flagged, pooled, as a percentage ("–" if none)."""
    rows = [report.get("variant", {}).get(v) for v in variants]
    rows = [r for r in rows if r and r["n_ai"] and r["tpr"] is not None]
    n = sum(r["n_ai"] for r in rows)
    if not n:
        return "–"
    share = round(100 * sum(r["tpr"] * r["n_ai"] for r in rows) / n)
    return f"{share} %" if lang == "de" else f"{share}%"  # German puts a space before the sign


def baseline() -> list[str]:
    """The previous model's figures on the maintainers' texts, as a Markdown section."""
    lines = [
        BASELINE_TITLE,
        "",
        BASELINE_NOTE,
        "",
        "| texts / Texte | measured / gemessen |",
        "| --- | --- |",
    ]
    return lines + [f"| {group} | {figures} |" for group, figures in BASELINE] + [""]


def render(model: Model, min_words: int = 250) -> str:
    """The model card as Markdown, including the local calibration when one is applied."""
    meta = model.meta
    train = meta.get("training", {})
    params = meta.get("params", {})
    loso = meta.get("validation", {}).get("leave_one_source_out", {})
    style = ", ".join(f"{k} {v:g}" for k, v in sorted(meta.get("style_weight", {}).items()))
    top = params.get("keep_top", {}).get("en", 0)
    ending = ", ".join(f"{k} {v}" for k, v in sorted(meta.get("suffix_letters", {}).items()))
    out = ["# Model card: AI-text signal / KI-Text-Hinweis", ""]
    for lang in ("de", "en"):
        t = TEXT[lang]
        number = f"{top:,}".replace(",", "." if lang == "de" else ",")
        figures = {"para": caught(loso, PARAPHRASED, lang), "plain": caught(loso, PLAIN, lang),
                   "rewrite": caught(loso, REWRITES_OF_HUMAN, lang), "polish": caught(loso, POLISHED, lang)}  # fmt: skip
        out += [t["title"], "", t["what"], "", t["method"].format(w=meta.get("window_words"), k=number, sw=style, e=ending),
                "", t["validation"], "", t["editing"].format(**figures), "", t["limits"].format(m=min_words), "",
                f"**{t['thresholds']}**: " + ", ".join(f"{k} {v:.4f}" for k, v in sorted(model.thresholds.items())),
                ""]  # fmt: skip
    out += baseline()
    out += ["## Training", "", f"- created: {meta.get('created')}", f"- versions: {meta.get('versions')}",
            f"- files: {', '.join(f['name'] + ' (sha256 ' + f['sha256'][:12] + ')' for f in train.get('files', []))}",
            f"- texts: {train.get('texts')}; windows: {train.get('windows')}",
            f"- sources: {', '.join(train.get('sources', []))}, plus {train.get('thesis_repositories')} thesis repositories",
            f"- parameters: {meta.get('params')}", ""]  # fmt: skip
    validation = meta.get("validation", {})
    if "leave_one_source_out" in validation:
        out += [
            "## Zielwerte / Targets (leave one source out)",
            "",
            targets(validation["leave_one_source_out"]),
            "",
        ]
    for name, rep in validation.items():
        out += [f"## Validation: {name.replace('_', ' ')}", "", table(rep), ""]
    if model.calibration:
        cal = model.calibration
        out += [f"## {TEXT['de']['local']} / {TEXT['en']['local']}", "",
                f"- created: {cal.get('created')}; source: {cal.get('source')}; target share: {cal.get('max_share')}", ""]  # fmt: skip
        for lang, row in cal.get("languages", {}).items():
            out.append(f"- {lang}: {row['n_texts']} known-human texts, threshold {row['threshold']:.4f} "
                       f"(model: {_fmt(row.get('model_threshold'))}), flagged {row['flagged']} "
                       f"({row['flagged_share']:.2%})")  # fmt: skip
        out.append("")
    return "\n".join(out)
