"""Keyness (analysis.keyness): log-odds by hand, G2 and p against scipy."""

import math

import numpy as np
import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.groups import UnknownValueError
from analysis.measure.keyness import keyness, keyness_by, term_counts

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


def tiny(target_text, baseline_text):
    return build_corpus([
        ("t-2024-01", "2024-01", [("entry", "X", [], [(target_text, 0.0)])]),
        ("b-2024-02", "2024-02", [("entry", "Y", [], [(baseline_text, 0.0)])]),
    ])


def test_log_odds_by_hand():
    # Target "Alpha alpha beta the 2024." -> alpha 2, beta 1 ("the" is a stop word, "2024" a
    # number); baseline: beta 1, gamma 3. n_t = 3, n_b = 4; pooled alpha 2, beta 2, gamma 3.
    # prior alpha_0 = 7, so alpha_w = 7 * pooled / 7 = the pooled count: 2, 2, 3.
    # alpha: delta = log((2+2)/(3+7-2-2)) - log((0+2)/(4+7-0-2)) = log(4/6) - log(2/9) = log 3
    #        var = 1/(2+2) + 1/(0+2) = 0.75
    # beta:  delta = log(3/7) - log(3/8) = log(8/7); var = 1/3 + 1/3
    # gamma: delta = log(3/7) - log(6/5) = log(5/14); var = 1/3 + 1/6
    got = keyness(tiny("Alpha alpha beta the 2024.", "Beta gamma gamma gamma."),
                  target="t-2024-01", min_count=1, prior=7)
    assert got["term"].tolist() == ["alpha", "beta", "gamma"]
    assert got["n_target"].tolist() == [2, 1, 0]
    assert got["n_baseline"].tolist() == [0, 1, 3]
    assert got["total_target"].tolist() == [3] * 3 and got["total_baseline"].tolist() == [4] * 3
    delta = [math.log(3), math.log(8 / 7), math.log(5 / 14)]
    assert_allclose(got["log_odds"], delta, rtol=1e-12)
    assert_allclose(got["z"], [delta[0] / math.sqrt(0.75), delta[1] / math.sqrt(2 / 3),
                               delta[2] / math.sqrt(0.5)], rtol=1e-12)
    assert got["z"].round(4).tolist() == [1.2686, 0.1635, -1.4561]
    assert list(got.columns) == ["term", "n_target", "n_baseline", "total_target",
                                 "total_baseline", "log_odds", "z", "g2", "p_value", "reliable"]
    # counts this small: no p-value
    assert not got["reliable"].any() and got["p_value"].isna().all()


def test_g2_equals_scipy_log_likelihood_on_the_2x2():
    corpus = build_corpus()
    got = keyness(corpus, target="2024", baseline="2021", min_count=1)
    assert len(got) > 20
    for r in got.itertuples(index=False):
        table = np.array([[r.n_target, r.total_target - r.n_target],
                          [r.n_baseline, r.total_baseline - r.n_baseline]])
        ref = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
        assert abs(r.g2) == pytest.approx(ref.statistic, rel=1e-10, abs=1e-12)
        more_in_target = r.n_target / r.total_target > r.n_baseline / r.total_baseline
        assert (r.g2 > 0) == more_in_target or r.g2 == pytest.approx(0)
        assert r.reliable == (ref.expected_freq.min() >= 5)


def test_reliable_counts_get_the_chi2_p_value():
    got = keyness(tiny("alpha " * 20 + "beta " * 20, "alpha " * 10 + "beta " * 30),
                  target="t-2024-01", min_count=1).set_index("term")
    table = np.array([[20, 20], [10, 30]])
    ref = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    assert got["reliable"].all()  # expected counts 15, 25, 15, 25
    assert got.loc["alpha", "g2"] == pytest.approx(ref.statistic)
    assert got.loc["beta", "g2"] == pytest.approx(-ref.statistic)
    assert got.loc["alpha", "p_value"] == pytest.approx(ref.pvalue)
    assert got.loc["alpha", "p_value"] == pytest.approx(stats.chi2.sf(ref.statistic, 1))


def test_order_filter_and_top_n():
    corpus = build_corpus()
    got = keyness(corpus, target="2024", baseline="2021", min_count=1)
    expected = got.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)
    assert got["term"].is_unique
    assert "the" not in set(got["term"]) and "and" not in set(got["term"])
    two = keyness(corpus, target="2024", baseline="2021", min_count=2)
    assert ((two["n_target"] + two["n_baseline"]) >= 2).all()
    assert set(two["term"]) < set(got["term"])
    top = keyness(corpus, target="2024", baseline="2021", min_count=1, top_n=2)
    assert top["term"].tolist() == got["term"].head(2).tolist() + got["term"].tail(2).tolist()


def test_actor_restriction_by_hand():
    corpus = build_corpus()
    got = keyness(corpus, target="2024", baseline="2021", actor="china", min_count=1)
    # Every actor's names are dropped from the actor's sentences, not only China's.
    # 2021 China sentences: "Japan seeks trade with China." + "China backs Pyongyang." -> seeks,
    # trade, backs (japan, china, pyongyang are names): 3 terms.
    # 2024: "China and its capital Beijing expand trade." 3 (capital, expand, trade),
    # "Beijing avoids sanctions." 2, "China trade grows." 2, "China modernizes." 1,
    # "China and Japan talk trade." 2 (talk, trade) -> 10
    assert set(got["total_baseline"]) == {3} and set(got["total_target"]) == {10}
    row = got.set_index("term").loc["trade"]
    assert (row["n_target"], row["n_baseline"]) == (3, 1)
    assert "war" not in set(got["term"])  # "Tokyo fears war." does not mention China
    assert sorted(got["term"]) == ["avoids", "backs", "capital", "expand", "grows",
                                   "modernizes", "sanctions", "seeks", "talk", "trade"]


def test_actor_names_kept_on_request():
    corpus = build_corpus()
    got = keyness(corpus, target="2024", baseline="2021", actor="china", min_count=1,
                  drop_actor_names=False)
    # the same sentences, every token: 2021 japan seeks trade china / china backs pyongyang (7);
    # 2024: 5 + 3 + 3 + 2 + 4 = 17
    assert set(got["total_baseline"]) == {7} and set(got["total_target"]) == {17}
    table = got.set_index("term")
    assert table.loc["china", ["n_target", "n_baseline"]].tolist() == [4, 2]
    assert table.loc["beijing", ["n_target", "n_baseline"]].tolist() == [2, 0]
    assert table.loc["japan", ["n_target", "n_baseline"]].tolist() == [1, 1]
    assert table.loc["pyongyang", ["n_target", "n_baseline"]].tolist() == [0, 1]


def test_two_word_names_of_other_actors_are_dropped():
    corpus = build_corpus()
    # Japan's 2024 sentences: "Japan and North Korea may meet.", "Tokyo hopes for trade.",
    # "China and Japan talk trade."; "north" and "korea" belong to the name North Korea
    terms = set(keyness(corpus, target="2024", baseline="2021", actor="Japan",
                        min_count=1)["term"])
    assert terms == {"hopes", "meet", "talk", "trade", "fears", "seeks", "war"}
    kept = keyness(corpus, target="2024", baseline="2021", actor="Japan", min_count=1,
                   drop_actor_names=False).set_index("term")
    assert kept.loc["north", "n_target"] == kept.loc["korea", "n_target"] == 1
    counts = term_counts(corpus, actor="Japan")
    assert not {"north", "korea", "japan", "tokyo", "china"} & set(counts["term"])
    by = keyness_by(corpus, by="year", actor="Japan", min_count=1, drop_actor_names=False)
    assert "north" in set(by["term"])
    assert "north" not in set(keyness_by(corpus, by="year", actor="Japan", min_count=1)["term"])


def test_stems_and_term_counts():
    corpus = build_corpus()
    counts = term_counts(corpus, stem=True)
    b = counts[counts["report_id"] == B].set_index("term")["n"]
    assert b["grow"] == 2  # "grows" (e01) and "grow" (e04)
    got = keyness(corpus, target=B, stem=True, min_count=1).set_index("term")
    assert got.loc["grow", "n_target"] == 2


def test_keyness_by_is_each_group_against_the_rest():
    corpus = build_corpus()
    before = snapshot(corpus)
    got = keyness_by(corpus, min_count=1)
    assert_unchanged(corpus, before)
    assert got["group"].unique().tolist() == [A, B, D]
    for group in (A, B, D):
        one = got[got["group"] == group].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(one, keyness(corpus, target=group, min_count=1))
    years = keyness_by(corpus, by="year", min_count=1)
    assert years["group"].unique().tolist() == ["2021", "2024"]
    with pytest.raises(ValueError, match="two groups"):
        keyness_by(corpus, by="country")


def test_errors_and_determinism():
    corpus = build_corpus()
    with pytest.raises(UnknownValueError, match="2019"):
        keyness(corpus, target="2019")
    with pytest.raises(UnknownValueError, match="Atlantis"):
        keyness(corpus, target="2024", actor="Atlantis")
    with pytest.raises(ValueError, match="share reports"):
        keyness(corpus, target="2024", baseline=B)
    first = keyness(corpus, target="2024-03")
    assert first.to_csv() == keyness(corpus, target="2024-03").to_csv()


def test_samples_counts_and_g2():
    from corpus_fixture import samples

    got = keyness(samples(), target="russia-2024-03", baseline="russia-2021-11")
    table = got.set_index("term")
    # grep -oiw in the entries (not the overview) of each file
    assert table.loc["global", ["n_target", "n_baseline"]].tolist() == [14, 0]
    assert table.loc["modernization", ["n_target", "n_baseline"]].tolist() == [11, 0]
    assert got["z"].iloc[0] == got["z"].max()
    for r in got.head(20).itertuples(index=False):
        ref = stats.chi2_contingency(
            np.array([[r.n_target, r.total_target - r.n_target],
                      [r.n_baseline, r.total_baseline - r.n_baseline]]),
            correction=False, lambda_="log-likelihood")
        assert abs(r.g2) == pytest.approx(ref.statistic)
        if r.reliable:
            assert r.p_value == pytest.approx(ref.pvalue)
        else:
            assert np.isnan(r.p_value)


def test_samples_actor_sentences_lose_every_actor_name():
    from corpus_fixture import samples

    corpus = samples()
    names = {"united", "south", "korea", "china", "chinese", "beijing", "xi", "russia", "west"}
    got = keyness(corpus, target="russia-2024-03", baseline="russia-2021-11", actor="China",
                  min_count=1)
    assert not names & set(got["term"])
    kept = keyness(corpus, target="russia-2024-03", baseline="russia-2021-11", actor="China",
                   min_count=1, drop_actor_names=False)
    assert names <= set(kept["term"])
    # independently: content tokens of China's sentences whose characters no mention covers
    covered = {(m.entry_id, i) for m in corpus.mentions.itertuples() for i in range(m.start, m.end)}
    china = corpus.mentions.loc[corpus.mentions["actor"] == "China", ["entry_id", "sentence_idx"]]
    t = corpus.tokens.merge(china.drop_duplicates(), on=["entry_id", "sentence_idx"])
    overviews = corpus.entries.loc[corpus.entries["kind"] == "overview", "entry_id"]
    t = t[~t["is_stop"] & ~t["token"].str.fullmatch(r"\d+") & ~t["entry_id"].isin(overviews)]
    free = [(r.entry_id, r.start) not in covered for r in t.itertuples()]
    assert sum(free) == got["total_target"].iloc[0] + got["total_baseline"].iloc[0]
