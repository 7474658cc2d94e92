"""Validation groups of corpus records: genre, generator family, variant."""

from __future__ import annotations

from assignments.detection.groups import describe, generator_family, genre_of


def test_genres_from_the_domain_field() -> None:
    assert genre_of({"domain": "student_essay"}) == "essays"
    assert genre_of({"domain": "wiki"}) == "encyclopedia"
    assert genre_of({"domain": "news"}) == "news"
    assert genre_of({"domain": "academic", "subset": "detectrl_arxiv"}) == "abstracts"
    # Paper introductions and thesis excerpts are one genre: academic writing for a degree or journal.
    assert genre_of({"domain": "academic", "subset": "dayjay_de_academic"}) == "theses"
    assert genre_of({"domain": "termpaper", "subset": "theses_de"}) == "theses"
    assert genre_of({"domain": "recipes"}) == "other"
    assert genre_of({"genre": "news", "domain": "wiki"}) == "news"  # an explicit genre wins


def test_generator_families_join_releases_of_one_model() -> None:
    assert generator_family("gpt-3.5-turbo-0613") == generator_family("gpt-3.5-turbo") == "gpt-3.5-turbo"
    assert generator_family("gpt-4o-mini-2024-07-18") == "gpt-4o-mini"
    assert generator_family("llama-2-70b-chat") == generator_family("Llama-2-70b") == "llama-2-70b"
    assert generator_family("Llama-3.3-70B-Instruct") == "llama-3.3-70b"
    assert generator_family("Llama-3.1-70B-Instruct") != generator_family("Llama-3.3-70B-Instruct")


def test_describe_marks_human_texts_and_pools_thesis_repositories() -> None:
    human = describe({"label": "human", "source": "a/thesis", "subset": "theses_de", "domain": "thesis"})
    assert human["generator"] == "human" and human["variant"] == "human"
    assert human["group"] == human["subset"] and human["group"].startswith("theses-")
    ai = describe({"label": "ai", "source": "S", "subset": "s", "generator": "o1", "variant": ""})
    assert ai == {"source": "S", "group": "S", "subset": "s", "genre": "other", "generator": "o1",
                  "variant": "plain"}  # fmt: skip
