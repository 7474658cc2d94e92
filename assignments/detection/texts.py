"""Report texts for lecturers: what a result means, in German and English (plain strings, no Flask).

The review workflow shows these next to a score. They are worded for the case that matters most:
language editing with AI tools is allowed and declared under many programmes' rules, and it raises
the score, so a signal must never read as "written by AI".
"""

from __future__ import annotations

from .engine import Analysis

LANGUAGES = ("de", "en")
BANDS = ("abstain", "no_signal", "signal")

BAND_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "de": {
        "abstain": {
            "label": "Keine Einschätzung",
            "explanation": "Das Modell gibt für diesen Text keinen Wert an. Der Grund steht darunter.",
        },
        "no_signal": {
            "label": "Kein Hinweis",
            "explanation": "Der Wert liegt unter dem Schwellenwert. Das zeigt nicht, dass keine KI beteiligt "
            "war: Umformulierte (paraphrasierte) oder nachbearbeitete KI-Texte erkennt das Modell oft nicht.",
        },
        "signal": {
            "label": "Hinweis: Sprachmuster wie in KI-erzeugten oder mit KI überarbeiteten Texten",
            "explanation": "Der Wert liegt über dem Schwellenwert: Die Sprache des Textes ähnelt Texten, die "
            "mit KI erzeugt oder sprachlich überarbeitet wurden, mehr als fast alle menschlichen "
            "Vergleichstexte (etwa 1 von 100 erreicht diesen Wert). Das ist kein Nachweis, dass eine KI den "
            "Text geschrieben hat. Auch erlaubte sprachliche Überarbeitung mit KI-Werkzeugen (Grammatik, "
            "Stil, Übersetzung) hebt den Wert, und das Modell kann beides nicht unterscheiden. Ein Hinweis "
            "ist ein Anlass für ein Gespräch, etwa in der mündlichen Verteidigung, nie für eine Entscheidung.",
        },
    },
    "en": {
        "abstain": {
            "label": "No assessment",
            "explanation": "The model gives no score for this text. The reason is shown below.",
        },
        "no_signal": {
            "label": "No signal",
            "explanation": "The score is below the threshold. This does not show that no AI was involved: "
            "the model often misses paraphrased or edited AI text.",
        },
        "signal": {
            "label": "Signal: language patterns like those of AI-generated or AI-edited text",
            "explanation": "The score is above the threshold: the text's language resembles text generated "
            "or language-edited with AI more than almost all human comparison texts do (about 1 in 100 "
            "reaches this score). This is no proof that an AI wrote the text. Permitted language editing "
            "with AI tools (grammar, style, translation) raises the score too, and the model cannot tell "
            "the two apart. A signal is a reason for a conversation, for example at the oral defence, "
            "never for a decision.",
        },
    },
}

# Shown with a signal when the student declared language editing with AI tools.
DECLARED_EDITING = {
    "de": "Die Arbeit ist mit der Erklärung eingereicht, dass KI-Werkzeuge zur sprachlichen Überarbeitung "
    "genutzt wurden. Das ist nach vielen Prüfungsordnungen erlaubt und hebt den Wert erwartbar: Bei einer "
    "so erklärten Arbeit ist ein Hinweis für sich genommen kein Anzeichen für eine unerlaubte Nutzung. "
    "Ein Gespräch kann sich auf Inhalt und Arbeitsweise richten, nicht auf die Sprache.",
    "en": "The paper was submitted with a declaration that AI tools were used for language editing. "
    "Many programmes' rules allow this, and it is expected to raise the score: for a paper declared in "
    "this way, a signal on its own is no sign of unpermitted use. A conversation can focus on content "
    "and working process, not on the language.",
}

# Shown with every score: what the number is and is not.
ABOUT_SCORE = {
    "de": "Der Wert (0 bis 1) schätzt, wie sehr die Sprache des Textes KI-erzeugtem Text ähnelt. Er ist "
    "eine Schätzung mit bekannten Fehlerraten (siehe Modellkarte), kein Urteil. Schlichter Stil, etwa "
    "von Nicht-Muttersprachler:innen, und stark formelhafte Textsorten können ihn heben.",
    "en": "The score (0 to 1) estimates how much the text's language resembles AI-generated text. It is "
    "an estimate with known error rates (see the model card), not a verdict. Plain style, for example "
    "of non-native writers, and very formulaic genres can raise it.",
}

# Why the detector abstained (engine.REASONS codes), in both languages.
REASON_TEXTS = {
    "de": {
        "no_text": "Im Text wurden keine Wörter gefunden.",
        "not_text": "Die Eingabe sieht nicht wie Fließtext aus (Binärdaten, Markup oder Zeichen).",
        "unsupported_language": "Der Text ist weder Deutsch noch Englisch.",
        "too_short": "Der Text ist kürzer als die Mindestlänge für einen verlässlichen Wert.",
    },
    "en": {
        "no_text": "No words were found in the text.",
        "not_text": "The input does not look like running text (binary data, markup or symbols).",
        "unsupported_language": "The text is neither German nor English.",
        "too_short": "The text is shorter than the minimum length for a reliable score.",
    },
}


def band_of(analysis: Analysis) -> str:
    """The band of a result: "abstain", "signal" (at or above the threshold) or "no_signal"."""
    if analysis.abstain:
        return "abstain"
    return "signal" if analysis.flag else "no_signal"


def report_texts(analysis: Analysis, lang: str, *, declared_editing: bool = False) -> dict[str, str]:
    """Label and explanation of a result in `lang` ("de" or "en"), with the notes that apply.

    Keys: band, label, explanation, about; plus reason (when abstaining) and declared_editing (when
    there is a signal and the student declared AI language editing).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"no report texts in {lang!r}; use one of {', '.join(LANGUAGES)}")
    band = band_of(analysis)
    out = {"band": band, **BAND_TEXTS[lang][band], "about": ABOUT_SCORE[lang]}
    if band == "abstain" and analysis.reason:
        out["reason"] = REASON_TEXTS[lang][analysis.reason]
    if band == "signal" and declared_editing:
        out["declared_editing"] = DECLARED_EDITING[lang]
    return out
