"""Co-occurrence of actors in sentences (analysis.cooccurrence)."""

import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot

from analysis.measure.cooccurrence import cooccurrence
from analysis.measure.groups import UnknownValueError

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


def test_pairs_by_hand():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = cooccurrence(corpus)
    assert_unchanged(corpus, before)
    # A: "Japan seeks trade with China." and "China backs Pyongyang."; B: "Japan and North
    # Korea may meet."; D: "China and Japan talk trade."
    expected = pd.DataFrame(
        [(A, "China", "Japan", 1, 1), (A, "China", "North Korea", 1, 1),
         (B, "Japan", "North Korea", 1, 1), (D, "China", "Japan", 1, 1)],
        columns=["group", "actor_a", "actor_b", "sentences", "entries"],
    )
    pd.testing.assert_frame_equal(got, expected)
    assert (got["actor_a"] < got["actor_b"]).all()


def test_by_year_overview_and_min_count():
    corpus = build_corpus()
    years = cooccurrence(corpus, by="year")
    assert years[["group", "actor_a", "actor_b"]].values.tolist() == [
        ["2021", "China", "Japan"], ["2021", "China", "North Korea"],
        ["2024", "China", "Japan"], ["2024", "Japan", "North Korea"]]
    # A's overview "China and Japan drew attention." adds a sentence to China-Japan
    with_overview = cooccurrence(corpus, include_overview=True)
    assert with_overview.iloc[0][["actor_b", "sentences"]].tolist() == ["Japan", 2]
    assert with_overview.iloc[0]["entries"] == 2
    none = cooccurrence(corpus, min_count=2)
    assert none.empty
    assert list(none.columns) == ["group", "actor_a", "actor_b", "sentences", "entries"]
    only = cooccurrence(corpus, actors=["China", "Japan"])
    assert set(zip(only["actor_a"], only["actor_b"], strict=True)) == {("China", "Japan")}


def test_three_actors_and_repeats_in_one_sentence():
    corpus = build_corpus([
        ("x-2020-01", "2020-01", [("entry", "X", [], [
            ("Beijing, Tokyo and Pyongyang met, and China spoke.", 0.0),
            ("China and Japan again.", 0.0),
        ])]),
    ])
    got = cooccurrence(corpus)
    # sentence 1 gives three pairs once each (China twice counts once); sentence 2 China-Japan
    assert got[["actor_a", "actor_b", "sentences"]].values.tolist() == [
        ["China", "Japan", 2], ["China", "North Korea", 1], ["Japan", "North Korea", 1]]
    assert got["sentences"].dtype == "int64"
    assert got.equals(cooccurrence(corpus))
    with pytest.raises(ValueError):
        cooccurrence(corpus, by="outlet")


def test_pairs_of_one_actor():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = cooccurrence(corpus, actor="north korea")
    assert_unchanged(corpus, before)
    # A: "China backs Pyongyang."; B: "Japan and North Korea may meet."
    expected = pd.DataFrame(
        [(A, "China", "North Korea", 1, 1), (B, "Japan", "North Korea", 1, 1)],
        columns=["group", "actor_a", "actor_b", "sentences", "entries"],
    )
    pd.testing.assert_frame_equal(got, expected)
    # with actors: the actor's pairs with those actors (the actor need not be listed)
    japan = cooccurrence(corpus, actor="Japan", actors=["China"])
    assert japan[["group", "actor_a", "actor_b"]].values.tolist() == [
        [A, "China", "Japan"], [D, "China", "Japan"]]
    years = cooccurrence(corpus, by="year", actor="China", include_overview=True)
    # 2021: China-Japan in e01 and the overview, China-North Korea in e02; 2024: D e01
    assert years[["group", "actor_b", "sentences", "entries"]].values.tolist() == [
        ["2021", "Japan", 2, 2], ["2021", "North Korea", 1, 1], ["2024", "Japan", 1, 1]]
    assert cooccurrence(corpus, actor="China", min_count=2).empty
    never = cooccurrence(corpus, actor="Taiwan")  # in the gazetteer, never mentioned
    assert never.empty and list(never.columns) == list(expected.columns)
    with pytest.raises(UnknownValueError, match="Atlantis"):
        cooccurrence(corpus, actor="Atlantis")


def test_samples_actor_is_the_filtered_table():
    from corpus_fixture import samples

    corpus = samples()
    every = cooccurrence(corpus, min_count=2)
    china = every[(every["actor_a"] == "China") | (every["actor_b"] == "China")]
    got = cooccurrence(corpus, min_count=2, actor="china")
    pd.testing.assert_frame_equal(got, china.reset_index(drop=True))
    # the heaviest pair of the samples (pinned): China and Russia, 19 sentences of 2021-11
    assert got.iloc[0][["group", "actor_a", "actor_b", "sentences"]].tolist() == [
        "russia-2021-11", "China", "Russia", 19]
