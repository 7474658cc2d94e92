"""Report texts for lecturers: complete in German and English, and a signal never reads as a verdict."""

from __future__ import annotations

import pytest
from detection_texts import FRENCH_LINE, make_text

from assignments.detection import analyse
from assignments.detection.engine import REASONS
from assignments.detection.model import Model
from assignments.detection.texts import (
    BAND_TEXTS,
    BANDS,
    DECLARED_EDITING,
    LANGUAGES,
    REASON_TEXTS,
    band_of,
    report_texts,
)


def test_every_text_exists_in_both_languages() -> None:
    for lang in LANGUAGES:
        assert set(BAND_TEXTS[lang]) == set(BANDS)
        assert all(t["label"] and t["explanation"] for t in BAND_TEXTS[lang].values())
        assert set(REASON_TEXTS[lang]) == set(REASONS)
        assert DECLARED_EDITING[lang]


def test_signal_wording_names_editing_and_is_no_verdict() -> None:
    de, en = BAND_TEXTS["de"]["signal"], BAND_TEXTS["en"]["signal"]
    assert "überarbeitet" in de["label"] and "edited" in en["label"]
    assert "kein Nachweis" in de["explanation"] and "no proof" in en["explanation"]
    assert "Überarbeitung mit KI-Werkzeugen" in de["explanation"]
    assert "language editing" in en["explanation"]
    for text in (de["label"], en["label"]):
        assert "KI-geschrieben" not in text and "AI-written" not in text


def test_bands_follow_the_result(tiny_model: Model) -> None:
    flagged = analyse(make_text("en", "ai", 400, 1), tiny_model)
    assert not flagged.abstain
    low = analyse(make_text("en", "human", 400, 1), tiny_model)
    assert band_of(flagged) == ("signal" if flagged.flag else "no_signal")
    assert band_of(low) == ("signal" if low.flag else "no_signal")
    assert {band_of(flagged), band_of(low)} == {"signal", "no_signal"}  # the tiny model tells them apart
    assert band_of(analyse(FRENCH_LINE, tiny_model)) == "abstain"


def test_report_texts_add_the_notes_that_apply(tiny_model: Model) -> None:
    signal = analyse(make_text("de", "ai", 400, 2), tiny_model)
    assert signal.flag
    plain = report_texts(signal, "de")
    assert plain["band"] == "signal" and "declared_editing" not in plain and plain["about"]
    declared = report_texts(signal, "en", declared_editing=True)
    assert declared["declared_editing"] == DECLARED_EDITING["en"]
    assert declared["label"] == BAND_TEXTS["en"]["signal"]["label"]
    no_signal = analyse(make_text("de", "human", 400, 2), tiny_model)
    assert "declared_editing" not in report_texts(no_signal, "de", declared_editing=True)
    short = report_texts(analyse(make_text("de", "human", 100, 3), tiny_model), "de")
    assert short["band"] == "abstain" and short["reason"] == REASON_TEXTS["de"]["too_short"]
    with pytest.raises(ValueError, match="fr"):
        report_texts(signal, "fr")
