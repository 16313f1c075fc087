"""Frame shares of an actor's sentences (analysis.frames)."""

import numpy as np
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot

from analysis.measure.frames import frame_shares

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


def test_shares_by_hand():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = frame_shares(corpus)
    assert_unchanged(corpus, before)
    assert list(got.columns) == ["group", "actor", "frame", "sentences", "n_sentences", "share"]
    assert len(got) == 3 * 3 * 2  # every group, actor and frame
    table = got.set_index(["group", "actor", "frame"])
    # B, China: 4 sentences; "expand trade", "avoids sanctions", "trade grows" are economy
    assert table.loc[(B, "China", "economy"), ["sentences", "n_sentences"]].tolist() == [3, 4]
    assert table.loc[(B, "China", "economy"), "share"] == pytest.approx(0.75)
    assert table.loc[(B, "China", "security"), "share"] == 0
    # A, Japan: "Japan seeks trade with China." (economy), "Tokyo fears war." (security)
    assert table.loc[(A, "Japan", "economy"), "share"] == 0.5
    assert table.loc[(A, "Japan", "security"), "share"] == 0.5
    # A, North Korea: "North Korea tests a missile." (security), "China backs Pyongyang."
    assert table.loc[(A, "North Korea", "security"), "share"] == 0.5
    # D has no North Korea sentence: share undefined, not zero
    assert np.isnan(table.loc[(D, "North Korea", "economy"), "share"])
    assert table.loc[(D, "North Korea", "economy"), "n_sentences"] == 0
    shares = got["share"].dropna()
    assert shares.between(0, 1).all()


def test_a_sentence_counts_once_per_frame():
    corpus = build_corpus([
        ("x-2020-01", "2020-01", [("entry", "X", [], [
            ("China trade and sanctions and war.", 0.0),
            ("China rests.", 0.0),
        ])]),
    ])
    got = frame_shares(corpus, actors="china").set_index("frame")
    assert got.loc["economy", ["sentences", "n_sentences", "share"]].tolist() == [1, 2, 0.5]
    assert got.loc["security", "share"] == 0.5


def test_options_and_determinism():
    corpus = build_corpus()
    years = frame_shares(corpus, by="year", actors=["Japan"])
    assert years["group"].tolist() == ["2021", "2021", "2024", "2024"]
    # 2024 Japan: "Japan and North Korea may meet.", "Tokyo hopes for trade.",
    # "China and Japan talk trade." -> economy 2 of 3
    row = years[(years["group"] == "2024") & (years["frame"] == "economy")].iloc[0]
    assert (row["sentences"], row["n_sentences"]) == (2, 3)
    assert frame_shares(corpus).equals(frame_shares(corpus))
