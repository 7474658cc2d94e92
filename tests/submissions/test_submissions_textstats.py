"""Word count and language of the extracted text."""

from __future__ import annotations

import submission_files as files

from assignments.submissions.extract.textstats import language, word_count


def test_words_are_counted_with_inner_hyphens_and_apostrophes() -> None:
    assert word_count("Die E-Mail-Beratung — don't panic! 42 Fälle.") == 6
    assert word_count("   \n\t") == 0


def test_the_language_of_german_and_english_papers() -> None:
    assert language(files.PAPER * 2) == "de"
    english = (
        "This paper looks at the ways in which social workers use digital tools, and at the effect that "
        "these tools have on their work with the people they support. It is based on interviews. "
    )
    assert language(english * 2) == "en"


def test_no_language_for_too_little_text_or_a_mixture() -> None:
    assert language("Hausarbeit Soziale Arbeit 2026") is None
    assert language("der die das the and of " * 5) is None
