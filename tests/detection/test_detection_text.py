"""Tokenising with offsets, sentence ends and windows."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from assignments.detection.language import identify
from assignments.detection.text import count_words, sentences, tokenise, windows


def test_tokens_point_into_the_original_text() -> None:
    text = "Die „Digi\u00adtalisierung“ (z. B. 3,5 %) ist ﬁnal — don’t\u200b stop."
    tokens = tokenise(text)
    norms = [t.norm for t in tokens]
    assert "digitalisierung" in norms  # soft hyphen removed inside the word
    assert "final" in norms  # ligature resolved by NFKC
    assert "don't" in norms
    assert norms.count('"') == 2  # German quotes map to one quote character
    assert "0" in norms  # numbers become one placeholder
    for tok in tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end].strip()


def test_abbreviations_do_not_end_sentences() -> None:
    assert sentences(tokenise("Das gilt z. B. für Akten. Und hier? Ja.")) == [6, 2, 1]


def test_windows_cover_every_word_once_and_end_at_sentences() -> None:
    text = " ".join(f"Satz Nummer {i} hat genau sechs Wörter." for i in range(200))
    tokens = tokenise(text)
    spans = windows(tokens)
    assert sum(count_words(tokens[a:b]) for a, b in spans) == count_words(tokens)
    assert all(a < b for a, b in spans)
    assert [a for a, _ in spans][1:] == [b for _, b in spans][:-1]
    for a, b in spans[:-1]:
        assert 100 <= count_words(tokens[a:b]) <= 200
        assert tokens[b - 1].norm == "."


def test_short_text_is_one_window() -> None:
    tokens = tokenise("eins zwei drei")
    assert windows(tokens) == [(0, 3)]
    assert windows([]) == []


@given(st.text(max_size=400))
def test_windows_never_lose_words(text: str) -> None:
    tokens = tokenise(text)
    spans = windows(tokens)
    assert sum(count_words(tokens[a:b]) for a, b in spans) == count_words(tokens)


def test_language_identification() -> None:
    de = "Die Digitalisierung der Sozialen Arbeit ist ein Thema, das in den letzten Jahren an Bedeutung gewonnen hat."
    en = "The digitalisation of social work is a topic that has gained importance in recent years for the field."
    fr = "Le travail social est une profession qui aide les personnes et les groupes dans la société pour vivre mieux."
    assert identify(tokenise(de)) == "de"
    assert identify(tokenise(en)) == "en"
    assert identify(tokenise(fr)) == "fr"
    assert identify(tokenise("Hallo Welt")) is None  # too few words to tell
    assert (
        identify(tokenise("Это текст на русском языке, который не поддерживается детектором вообще никак."))
        is None
    )
