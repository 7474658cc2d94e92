"""The model card: what the model is, how it was measured, its figures and limits (German and English)."""

from __future__ import annotations

from typing import Any

from .model import Model

TEXT = {
    "de": {
        "title": "## Deutsch",
        "what": "Ein **Hinweis, kein Urteil**: Das Modell schätzt, ob ein Text sprachliche Merkmale von "
        "KI-generiertem Text zeigt. Es entscheidet nichts; ein Hinweis führt höchstens zu einem Gespräch "
        "(mündliche Verteidigung). Es läuft vollständig auf dem eigenen Server.",
        "method": "Methode: Der Text wird in Abschnitte von etwa {w} Wörtern geteilt (gleich lange Fenster, "
        "damit die Textlänge nicht mitgelernt wird). Je Fenster bewerten zwei Modelle: Wort-1-2-Gramme "
        "(TF-IDF, logistische Regression), in denen seltene Inhaltswörter durch ihre Häufigkeitsklasse "
        "ersetzt sind (Schutz gegen Themenwörter), und Stilmerkmale (Funktionswörter, typische "
        "Konnektoren, Worthäufigkeit, Satzlängen, Zeichensetzung) in Gradient Boosting. Beide Werte werden "
        "an den menschlichen Trainingstexten skaliert und gemittelt. Die Wahrscheinlichkeit ist auf "
        "Out-of-fold-Werten kalibriert (Platt) und setzt gleich viele KI- und Menschentexte voraus.",
        "validation": "Validierung: Leave-one-source-out (jede Quelle wird von einem Modell bewertet, das "
        "sie nie gesehen hat; die Abschlussarbeiten-Repositorien in 5 Gruppen von Repositorien). Der "
        "Schwellenwert je Sprache ist so gewählt, dass höchstens 1 % der menschlichen Texte dieser "
        "Validierung markiert werden. FPR = Anteil markierter menschlicher Texte, TPR = Anteil erkannter "
        "KI-Texte.",
        "limits": "Grenzen: Die Trainingsdaten stammen überwiegend von Modellen aus 2023; neuere Modelle und "
        "überarbeitete KI-Texte werden schlechter erkannt. Deutsche KI-Texte im Training sind "
        "Wikipedia-artig oder linguistische Einleitungen, deutsche menschliche Texte überwiegend "
        "Informatik-Abschlussarbeiten. Schlichter Stil (z. B. von Nicht-Muttersprachler:innen) kann "
        "fälschlich markiert werden. Unter {m} Wörtern enthält sich das Modell. Auch 1 % Fehlalarme "
        "bedeutet: Von 100 ehrlichen Arbeiten wird etwa eine markiert.",
        "thresholds": "Schwellenwerte",
        "local": "Lokale Kalibrierung",
    },
    "en": {
        "title": "## English",
        "what": "A **hint, never a verdict**: the model estimates whether a text shows linguistic traits of "
        "AI-generated text. It decides nothing; a hint leads at most to a conversation (the oral "
        "defence). It runs entirely on the institution's server.",
        "method": "Method: the text is cut into windows of about {w} words (equal lengths, so that text "
        "length is not learnt). Each window is scored by two models: word 1-2-grams (TF-IDF, logistic "
        "regression) with rare content words replaced by their frequency band (a guard against topic "
        "words), and style features (function words, typical connectives, word frequency, sentence "
        "lengths, punctuation) in gradient boosting. Both are scaled on the training human scores and "
        "averaged. The probability is calibrated on out-of-fold scores (Platt) and assumes equal numbers "
        "of AI and human texts.",
        "validation": "Validation: leave-one-source-out (each source is scored by a model that never saw it; "
        "the thesis repositories in 5 groups of repositories). The threshold per language flags at most "
        "1% of the human texts of this validation. FPR = share of human texts flagged, TPR = share of AI "
        "texts caught.",
        "limits": "Limits: the training data come mostly from 2023 models; newer models and edited AI text "
        "are caught less often. German AI training texts are Wikipedia-style or linguistics "
        "introductions, German human texts mostly computer-science theses. Plain style (e.g. of "
        "non-native writers) can be flagged wrongly. Below {m} words the model abstains. Even 1% false "
        "alarms means about one in 100 honest papers is flagged.",
        "thresholds": "Thresholds",
        "local": "Local calibration",
    },
}


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


def render(model: Model, min_words: int = 250) -> str:
    """The model card as Markdown, including the local calibration when one is applied."""
    meta = model.meta
    train = meta.get("training", {})
    out = ["# Model card: AI-text signal / KI-Text-Hinweis", ""]
    for lang in ("de", "en"):
        t = TEXT[lang]
        out += [t["title"], "", t["what"], "", t["method"].format(w=meta.get("window_words")), "",
                t["validation"], "", t["limits"].format(m=min_words), "", f"**{t['thresholds']}**: "
                + ", ".join(f"{k} {v:.4f}" for k, v in sorted(model.thresholds.items())), ""]  # fmt: skip
    out += ["## Training", "", f"- created: {meta.get('created')}", f"- versions: {meta.get('versions')}",
            f"- files: {', '.join(f['name'] + ' (sha256 ' + f['sha256'][:12] + ')' for f in train.get('files', []))}",
            f"- texts: {train.get('texts')}; windows: {train.get('windows')}",
            f"- sources: {', '.join(train.get('sources', []))}, plus {train.get('thesis_repositories')} thesis repositories",
            f"- parameters: {meta.get('params')}", ""]  # fmt: skip
    for name, rep in meta.get("validation", {}).items():
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
