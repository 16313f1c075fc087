"""Frame shares of the entries about an actor (analysis.measure.frames), Wilson intervals."""

import numpy as np
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from scipy import stats

from analysis.measure.frames import frame_shares

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


def test_shares_by_hand():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = frame_shares(corpus)
    assert_unchanged(corpus, before)
    assert list(got.columns) == ["group", "actor", "frame", "entries", "n_entries", "share",
                                 "share_low", "share_high", "sentences", "n_sentences"]
    assert len(got) == 3 * 3 * 2  # every group, actor and frame
    table = got.set_index(["group", "actor", "frame"])
    # B, China: entries e01 ("expand trade", "avoids sanctions", "trade grows": economy) and
    # e02 ("China modernizes."): 1 of 2 entries; 3 of 4 sentences
    row = table.loc[(B, "China", "economy")]
    assert row[["entries", "n_entries", "sentences", "n_sentences"]].tolist() == [1, 2, 3, 4]
    assert row["share"] == pytest.approx(0.5)
    ref = stats.binomtest(1, 2).proportion_ci(method="wilson")
    assert (row["share_low"], row["share_high"]) == pytest.approx((ref.low, ref.high))
    assert table.loc[(B, "China", "security"), "share"] == 0
    assert table.loc[(B, "China", "security"), "share_high"] > 0
    # A, Japan: one entry, "Japan seeks trade with China." (economy), "Tokyo fears war."
    # (security): the entry frames Japan both ways
    assert table.loc[(A, "Japan", "economy"), "share"] == 1.0
    assert table.loc[(A, "Japan", "security"), "share"] == 1.0
    # A, North Korea: one entry, "North Korea tests a missile." (security)
    assert table.loc[(A, "North Korea", "security"), "share"] == 1.0
    # D has no North Korea sentence: share undefined, not zero
    assert np.isnan(table.loc[(D, "North Korea", "economy"), "share"])
    assert np.isnan(table.loc[(D, "North Korea", "economy"), "share_low"])
    assert table.loc[(D, "North Korea", "economy"), "n_entries"] == 0
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
    assert got.loc["economy", ["sentences", "n_sentences"]].tolist() == [1, 2]
    assert got.loc["economy", ["entries", "n_entries", "share"]].tolist() == [1, 1, 1.0]
    assert got.loc["security", "share"] == 1.0


def test_options_and_determinism():
    corpus = build_corpus()
    years = frame_shares(corpus, by="year", actors=["Japan"])
    assert years["group"].tolist() == ["2021", "2021", "2024", "2024"]
    # 2024 Japan: "Japan and North Korea may meet.", "Tokyo hopes for trade.",
    # "China and Japan talk trade." -> economy 2 of 3
    row = years[(years["group"] == "2024") & (years["frame"] == "economy")].iloc[0]
    assert (row["sentences"], row["n_sentences"]) == (2, 3)
    assert (row["entries"], row["n_entries"]) == (2, 2)
    assert frame_shares(corpus).equals(frame_shares(corpus))
