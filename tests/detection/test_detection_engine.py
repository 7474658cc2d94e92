"""`analyse`: abstentions with reasons, passages, determinism, robustness on arbitrary input."""

from __future__ import annotations

import pytest
from detection_texts import make_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assignments.detection import Analysis, analyse, load_model
from assignments.detection.model import Model

FRENCH = (
    "Le travail social est une profession qui aide les personnes et les groupes dans la société. "
    "Les travailleurs sociaux accompagnent les familles et les jeunes pour une vie meilleure. "
) * 30


def test_scores_a_german_paper_with_passages(tiny_model: Model) -> None:
    text = make_text("de", "ai", 600, 1)
    result = analyse(text, tiny_model)
    assert isinstance(result, Analysis)
    assert not result.abstain and result.reason is None
    assert result.language == "de"
    assert result.probability is not None and 0.0 <= result.probability <= 1.0
    assert result.threshold is not None
    assert result.flag == (result.probability >= result.threshold)
    assert len(result.passages) >= 3
    for prev, nxt in zip(result.passages, result.passages[1:], strict=False):
        assert prev.end <= nxt.start
    for passage in result.passages:
        assert 0 <= passage.start < passage.end <= len(text)
        assert 0.0 <= passage.probability <= 1.0
    assert text[result.passages[0].start :].startswith(text.lstrip()[:20])


def test_the_tiny_model_separates_its_own_registers(tiny_model: Model) -> None:
    for lang in ("de", "en"):
        ai = analyse(make_text(lang, "ai", 400, 99), tiny_model).probability
        human = analyse(make_text(lang, "human", 400, 99), tiny_model).probability
        assert ai is not None and human is not None and ai > human


def test_deterministic(tiny_model: Model) -> None:
    text = make_text("en", "human", 500, 3)
    assert analyse(text, tiny_model) == analyse(text, tiny_model)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no_text"),
        ("   \n\t ", "no_text"),
        ("!!! ??? ... ---", "no_text"),
        ("\x00\x01\x02\xff\xfe%$§&/()=?" * 40 + " ab " * 3, "not_text"),
        ("".join(chr(c) for c in range(0x2500, 0x2600)) * 5 + " wort", "not_text"),
        (FRENCH, "unsupported_language"),
        ("Ein kurzer deutscher Text mit wenigen Wörtern ist zu kurz für eine Aussage.", "too_short"),
    ],
)
def test_abstains_with_a_reason(tiny_model: Model, text: str, reason: str) -> None:
    result = analyse(text, tiny_model)
    assert result.abstain and not result.flag
    assert result.probability is None
    assert result.reason == reason
    assert result.reason_text


def test_min_words(tiny_model: Model) -> None:
    text = make_text("en", "ai", 120, 5)
    assert analyse(text, tiny_model).reason == "too_short"  # default: 250 words
    assert not analyse(text, tiny_model, min_words=80).abstain
    with pytest.raises(ValueError, match="at least 80"):
        analyse(text, tiny_model, min_words=79)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=3000))
def test_never_crashes_on_arbitrary_unicode(tiny_model: Model, text: str) -> None:
    result = analyse(text, tiny_model, min_words=80)
    assert result.abstain or (result.probability is not None and 0.0 <= result.probability <= 1.0)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["Zudem", "ist", "die", "Arbeit", ",", ".", "\u00ad", "ﬁ", "2024", "„", "\n"]),
        min_size=80,
        max_size=600,
    )
)
def test_never_crashes_on_word_salad(tiny_model: Model, parts: list[str]) -> None:
    result = analyse(" ".join(parts), tiny_model, min_words=80)
    assert result.abstain or result.passages


def test_default_model_scores_end_to_end() -> None:
    model = load_model()
    assert load_model() is model  # cached
    german = make_text("de", "human", 400, 7)
    english = make_text("en", "ai", 400, 7)
    for text, lang in ((german, "de"), (english, "en")):
        result = analyse(text)
        assert not result.abstain and result.language == lang
        assert result.threshold == model.thresholds[lang]
        assert result.probability is not None and 0.0 <= result.probability <= 1.0
    assert analyse(FRENCH).reason == "unsupported_language"
