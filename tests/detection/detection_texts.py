"""Texts the detector tests write themselves (the shared corpus must not be copied into the repo).

Generated from short hand-written phrase lists: a plain, personal "human" register and a
connective-heavy "AI" register, in German and English.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

PHRASES = {
    ("de", "human"): [
        "Ich habe im Praktikum gemerkt, dass die Akten oft unvollständig waren",
        "Wir haben das dann im Team (zu dritt) besprochen, aber keine Lösung gefunden",
        "Vielleicht lag es auch an der Software, die 2019 eingeführt wurde",
        "Meine Anleiterin meinte, das sei normal, was ich nicht ganz glaube",
        "Die Klientin kam dreimal nicht, beim vierten Mal klappte es",
        "Ob das an den Terminen lag, kann ich nicht sagen",
        "Im Interview mit Frau K. ging es um ihre Erfahrungen mit dem Amt",
        "Das war für mich eher überraschend",
    ],
    ("de", "ai"): [
        "Darüber hinaus spielt die Digitalisierung eine zentrale Rolle in der Sozialen Arbeit",
        "Zudem ermöglicht sie eine effiziente und nachhaltige Unterstützung der Klientinnen und Klienten",
        "Insgesamt verdeutlicht dies die vielfältigen Herausforderungen und Potenziale",
        "Es ist entscheidend, ethische Aspekte umfassend zu berücksichtigen",
        "Somit trägt eine ganzheitliche Perspektive maßgeblich zur Qualität bei",
        "Dabei ist es wesentlich, die Bedürfnisse aller Beteiligten in den Mittelpunkt zu stellen",
        "Zusammenfassend lässt sich festhalten, dass innovative Ansätze von großer Bedeutung sind",
        "Letztlich fördert dies eine fundierte und gezielte Praxis",
    ],
    ("en", "human"): [
        "I noticed during my placement that the case files were often incomplete",
        "We talked it over in the team (three of us) but did not find a fix",
        "Maybe it was the software they brought in back in 2019",
        "My supervisor said that was normal, which I am not sure about",
        "The client missed three appointments and came the fourth time",
        "Whether that was down to the times I cannot say",
        "In the interview Mrs K. talked about her dealings with the office",
        "That surprised me, to be honest",
    ],
    ("en", "ai"): [
        "Furthermore, digitalisation plays a pivotal role in contemporary social work",
        "Moreover, it enables efficient and sustainable support for clients",
        "Overall, this highlights the multifaceted challenges and opportunities",
        "It is crucial to comprehensively consider the ethical aspects",
        "Thus, a holistic perspective significantly enhances the quality of practice",
        "Additionally, it is essential to place the needs of all stakeholders at the centre",
        "In conclusion, innovative approaches are of paramount importance",
        "Ultimately, this fosters a robust and evidence-based practice",
    ],
}


def make_text(lang: str, label: str, words: int, seed: int) -> str:
    """A text of at least `words` words from the phrase list of one language and register."""
    rng = random.Random(f"{lang}-{label}-{seed}")
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < words:
        sentences.append(
            rng.choice(PHRASES[(lang, label)]) + rng.choice([".", ".", ".", "!" if label == "human" else "."])
        )
    return " ".join(sentences)


def make_records(n_per_cell: int = 8, words: int = 300) -> list[dict[str, Any]]:
    """Labelled records in two sources and two genres per language, balanced by label."""
    records = []
    for lang in ("de", "en"):
        for label in ("human", "ai"):
            for i in range(n_per_cell):
                source = f"{lang}-source-{i % 2}"
                text = make_text(lang, label, words + 40 * (i % 3), i)
                generator = "human" if label == "human" else f"model-{i % 2}"
                record = {
                    "text": text,
                    "label": label,
                    "lang": lang,
                    "source": source,
                    "generator": generator,
                    # Two genres that cut across the sources, so that every held-out genre has a contrast.
                    "domain": ("student_essay", "news")[(i // 2) % 2],
                    "variant": "" if label == "human" else ("plain", "dipper_paraphrase")[i % 2],
                }
                records.append({**record, "subset": source})
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write records as JSON lines."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


FRENCH_LINE = (
    "Le travail social est une profession qui aide les personnes et les groupes dans la société. "
    "Les travailleurs sociaux accompagnent les familles et les jeunes pour une vie meilleure. "
) * 20
