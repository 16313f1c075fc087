"""KWIC (analysis.kwic): words, phrases and actors in their original context."""

import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot

from analysis.measure.groups import UnknownValueError
from analysis.measure.kwic import kwic

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.fixture
def corpus():
    return build_corpus()


def test_word_with_context(corpus):
    got = kwic(corpus, "Trade", window=2)
    assert list(got.columns) == ["report_id", "entry_id", "outlet", "sentence_idx", "left",
                                 "match", "right", "start", "end"]
    assert got["entry_id"].tolist() == [f"{A}-e01", f"{B}-e01", f"{B}-e01", f"{B}-e03",
                                        f"{D}-e01"]
    first = got.iloc[0]
    assert (first["left"], first["match"], first["right"]) == ("Japan seeks", "trade", "with China")
    assert (first["outlet"], first["sentence_idx"], first["start"], first["end"]) == (
        "Vzgliad", 0, 12, 17)
    # context runs across the sentence boundary and keeps the original punctuation
    second = got.iloc[1]
    assert (second["left"], second["right"]) == ("Beijing expand", ". Beijing avoids")
    assert got.iloc[2]["left"] == "sanctions. China"
    assert got.iloc[3]["right"] == ""  # the entry ends there


def test_matches_are_the_entry_text(corpus):
    text = corpus.entries.set_index("entry_id")["text"]
    for row in kwic(corpus, "china", window=3).itertuples(index=False):
        assert text[row.entry_id][row.start:row.end] == row.match
        assert text[row.entry_id].find(row.left) >= 0
    zero = kwic(corpus, "china", window=0)
    assert (zero["left"] == "").all() and (zero["right"] == "").all()


def test_phrase(corpus):
    got = kwic(corpus, "NORTH korea", window=1)
    assert got["match"].tolist() == ["North Korea", "North Korea"]
    assert got["left"].tolist() == ["", "and"]
    assert got["right"].tolist() == ["tests", "may"]
    assert kwic(corpus, "korea north").empty


def test_actor_mentions_every_alias(corpus):
    got = kwic(corpus, "china", actor=True, window=3)
    # mentions, not sentences: A 2, B 5 (China, Beijing, Beijing, China; China), D 1
    assert got["match"].tolist() == ["China", "China", "China", "Beijing", "Beijing", "China",
                                     "China", "China"]
    assert got.iloc[3][["left", "right"]].tolist() == ["and its capital", "expand trade. Beijing"]
    with_overview = kwic(corpus, "China", actor=True, include_overview=True)
    assert len(with_overview) == 10
    assert with_overview["entry_id"].iloc[0] == f"{A}-e00"
    assert pd.isna(with_overview["outlet"].iloc[0])


def test_sorted_by_report_position_start(corpus):
    before = snapshot(corpus)
    got = kwic(corpus, "Japan", actor=True)
    assert_unchanged(corpus, before)
    keys = list(zip(got["report_id"], got["entry_id"], got["start"], strict=True))
    assert keys == sorted(keys)
    assert got.equals(kwic(corpus, "Japan", actor=True))


def test_reports_limit_the_search(corpus):
    before = snapshot(corpus)
    got = kwic(corpus, "trade", reports=2024)  # an int year, as papermill passes it
    assert_unchanged(corpus, before)
    assert got["entry_id"].tolist() == [f"{B}-e01", f"{B}-e01", f"{B}-e03", f"{D}-e01"]
    assert kwic(corpus, "trade", reports="2021-11")["entry_id"].tolist() == [f"{A}-e01"]
    assert kwic(corpus, "trade", reports=[D, A])["entry_id"].tolist() == [f"{A}-e01",
                                                                         f"{D}-e01"]
    everything = kwic(corpus, "trade")
    pd.testing.assert_frame_equal(
        got, everything[everything["report_id"].isin([B, D])].reset_index(drop=True))
    with_overview = kwic(corpus, "china", actor=True, reports=A, include_overview=True)
    assert with_overview["entry_id"].tolist() == [f"{A}-e00", f"{A}-e01", f"{A}-e02"]
    with pytest.raises(UnknownValueError, match="'1999'"):
        kwic(corpus, "trade", reports=[2021, 1999])


def test_per_entry_keeps_the_first_lines(corpus):
    got = kwic(corpus, "china", actor=True, per_entry=1)
    assert got[["entry_id", "match", "start"]].values.tolist() == [
        [f"{A}-e01", "China", 23], [f"{A}-e02", "China", 29], [f"{B}-e01", "China", 0],
        [f"{B}-e02", "China", 0], [f"{D}-e01", "China", 0]]
    two = kwic(corpus, "china", actor=True, per_entry=2)
    # B e01 "China and its capital Beijing expand trade. Beijing ...": China (0), Beijing (22)
    assert two.loc[two["entry_id"] == f"{B}-e01", ["match", "start"]].values.tolist() == [
        ["China", 0], ["Beijing", 22]]
    every = kwic(corpus, "china", actor=True)
    pd.testing.assert_frame_equal(two, every.groupby("entry_id", sort=False).head(2)
                                  .reset_index(drop=True))
    both = kwic(corpus, "trade", reports="2024-03", per_entry=1)
    assert both[["entry_id", "start"]].values.tolist() == [[f"{B}-e01", 37], [f"{B}-e03", 48]]
    assert kwic(corpus, "china", actor=True, per_entry=100).equals(every)
    with pytest.raises(ValueError, match="per_entry"):
        kwic(corpus, "china", per_entry=0)


def test_errors(corpus):
    with pytest.raises(ValueError, match="no word"):
        kwic(corpus, "...")
    with pytest.raises(UnknownValueError, match="Atlantis"):
        kwic(corpus, "Atlantis", actor=True)
    with pytest.raises(ValueError, match="window"):
        kwic(corpus, "china", window=-1)


def test_samples_kwic():
    from corpus_fixture import samples

    corpus = samples()
    got = kwic(corpus, "Lomanov", window=3)
    # grep -ow Lomanov reports_raw/*.txt: three, all in March 2024 (e01 twice, e04)
    assert got["entry_id"].tolist() == ["russia-2024-03-e01"] * 2 + ["russia-2024-03-e04"]
    assert got["outlet"].tolist() == ["Interfax", "Interfax", "MEiMO"]
    assert got.iloc[2]["left"] == "and Alexandr V."  # "V" is a word token
    assert got.iloc[2]["right"] == "wrote about the"
    text = corpus.entries.set_index("entry_id")["text"]
    for row in kwic(corpus, "North Korea", actor=True).itertuples(index=False):
        assert text[row.entry_id][row.start:row.end] == row.match
