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
        "(TF-IDF, logistische Regression), in denen alle Wörter außerhalb fester Listen (Funktionswörter "
        "und typische Konnektoren; für Englisch zusätzlich die 1.000 häufigsten Wörter) durch einen "
        "Platzhalter ersetzt sind (Schutz gegen Themenwörter), ebenso Zahlen und alle "
        "Satzzeichen außer . , ! ? (Formatierung), und Stilmerkmale "
        "(Funktionswörter, typische Konnektoren, Satzlängen, Wortlängen, Kommas) in Gradient Boosting. "
        "Bewusst nicht verwendet: Worthäufigkeit bzw. Überraschung (benachteiligt schlichten Wortschatz, "
        "etwa von Nicht-Muttersprachler:innen) und Formatierungsmerkmale (Zahlen, Klammern, "
        "Anführungszeichen), die eher die Quelle als die Autorschaft verraten. Beide Werte werden "
        "an den menschlichen Trainingstexten skaliert und je Sprache gewichtet gemittelt: Englisch zu "
        "gleichen Teilen, Deutsch nur mit dem N-Gramm-Modell, weil das Stilmodell deutsche "
        "Abschlussarbeiten in der Leave-one-source-out-Validierung nicht besser als der Zufall von "
        "KI-Texten trennte. Die Wahrscheinlichkeit ist auf "
        "Out-of-fold-Werten kalibriert (Platt) und setzt gleich viele KI- und Menschentexte voraus.",
        "validation": "Validierung: Leave-one-source-out (jede Quelle wird von einem Modell bewertet, das "
        "sie nie gesehen hat; die Abschlussarbeiten-Repositorien in 5 Gruppen von Repositorien). Der "
        "Schwellenwert je Sprache ist so gewählt, dass höchstens 1 % der menschlichen Texte dieser "
        "Validierung markiert werden. FPR = Anteil markierter menschlicher Texte, TPR = Anteil erkannter "
        "KI-Texte. Zusätzlich: Leave-one-subset-out (Quelle × Textsorte × Sprache) und "
        "Leave-one-generator-out (die Texte eines Sprachmodells und eine feste Hälfte der menschlichen "
        "Texte ihrer Quellen werden zurückgehalten).",
        "limits": "Grenzen: Die Trainingsdaten stammen überwiegend von Modellen aus 2023; neuere Modelle und "
        "überarbeitete KI-Texte werden schlechter erkannt. Deutsche KI-Texte im Training sind "
        "Wikipedia-artig oder linguistische Einleitungen, deutsche menschliche Texte überwiegend "
        "Informatik-Abschlussarbeiten; Texte einer ungesehenen Textsorte trennt das Modell kaum (siehe "
        "Leave-one-source-out). Schlichter Stil (z. B. von Nicht-Muttersprachler:innen) kann "
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
        "regression) in which every word outside fixed lists (function words and typical connectives; for "
        "English also the 1,000 most frequent words) is replaced by a placeholder (a guard against topic words), as are numbers and all punctuation except . , ! ? "
        "(formatting), and style features (function words, typical "
        "connectives, sentence and word lengths, commas) in gradient boosting. Deliberately not used: "
        "word frequency or surprisal (it penalises plain vocabulary, e.g. of non-native writers) and "
        "formatting features (numbers, brackets, quotes), which reveal the source more than the author. "
        "Both are scaled on the training human scores and averaged with a weight per language: equally "
        "for English, the n-gram model only for German, because the style model separated German theses "
        "from AI texts no better than chance under leave-one-source-out validation. The probability is calibrated on out-of-fold scores (Platt) and assumes equal numbers "
        "of AI and human texts.",
        "validation": "Validation: leave-one-source-out (each source is scored by a model that never saw it; "
        "the thesis repositories in 5 groups of repositories). The threshold per language flags at most "
        "1% of the human texts of this validation. FPR = share of human texts flagged, TPR = share of AI "
        "texts caught. Also reported: leave-one-subset-out (source × genre × language) and "
        "leave-one-generator-out (one language model's texts and a fixed half of the human texts of "
        "their sources are held out).",
        "limits": "Limits: the training data come mostly from 2023 models; newer models and edited AI text "
        "are caught less often. German AI training texts are Wikipedia-style or linguistics "
        "introductions, German human texts mostly computer-science theses; texts of an unseen genre are "
        "hardly separated (see leave one source out). Plain style (e.g. of "
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


def targets(report: dict[str, Any]) -> str:
    """One line per acceptance target: the measured value and whether it is met (Ziel / target)."""
    overall, german = report["overall"], report.get("language", {}).get("de", {})
    checks = [
        ("AUROC overall ≥ 0.95", overall.get("auroc"), lambda v: v >= 0.95),
        ("AUROC Deutsch/German ≥ 0.90", german.get("auroc"), lambda v: v >= 0.90),
        ("FPR ≤ 0.01", overall.get("fpr"), lambda v: v <= 0.01),
        ("TPR ≥ 0.70", overall.get("tpr"), lambda v: v >= 0.70),
    ]
    return "\n".join(
        f"- {name}: {_fmt(value)} – {'erreicht / met' if value is not None and ok(value) else 'NICHT erreicht / NOT met'}"
        for name, value, ok in checks
    )


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
