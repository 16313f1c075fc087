"""Keyness (analysis.measure.keyness): log-odds by hand, G2 against scipy, the entry permutation
p-value against an enumeration of every split, q-values against scipy, names out, bigrams."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.groups import UnknownValueError
from analysis.measure.keyness import KEYNESS_COLUMNS, distinctive, keyness, keyness_by, term_counts
from analysis.text.tokenize import tokenize

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


def tiny(target_text, baseline_text):
    return build_corpus([
        ("t-2024-01", "2024-01", [("entry", "X", [], [(target_text, 0.0)])]),
        ("b-2024-02", "2024-02", [("entry", "Y", [], [(baseline_text, 0.0)])]),
    ])


def test_log_odds_by_hand():
    # Target "Alpha alpha beta the 2024." -> alpha 2, beta 1 ("the" is a stop word, "2024" a
    # number); baseline: beta 1, gamma 3. n_t = 3, n_b = 4; pooled alpha 2, beta 2, gamma 3.
    # The background is the whole corpus, here target + baseline: pi_w = pooled / 7. With
    # prior_strength 1, alpha_0 = 1 * (3 + 4) = 7, so alpha_w = 7 * pooled / 7 = 2, 2, 3.
    # alpha: delta = log((2+2)/(3+7-2-2)) - log((0+2)/(4+7-0-2)) = log(4/6) - log(2/9) = log 3
    #        var = 1/(2+2) + 1/(0+2) = 0.75
    # beta:  delta = log(3/7) - log(3/8) = log(8/7); var = 1/3 + 1/3
    # gamma: delta = log(3/7) - log(6/5) = log(5/14); var = 1/3 + 1/6
    got = keyness(tiny("Alpha alpha beta the 2024.", "Beta gamma gamma gamma."),
                  target="t-2024-01", min_count=1, prior_strength=1)
    assert got["term"].tolist() == ["alpha", "beta", "gamma"]
    assert got["n_target"].tolist() == [2, 1, 0]
    assert got["n_baseline"].tolist() == [0, 1, 3]
    assert got["total_target"].tolist() == [3] * 3 and got["total_baseline"].tolist() == [4] * 3
    delta = [math.log(3), math.log(8 / 7), math.log(5 / 14)]
    assert_allclose(got["log_odds"], delta, rtol=1e-12)
    assert_allclose(got["z"], [delta[0] / math.sqrt(0.75), delta[1] / math.sqrt(2 / 3),
                               delta[2] / math.sqrt(0.5)], rtol=1e-12)
    assert got["z"].round(4).tolist() == [1.2686, 0.1635, -1.4561]
    assert list(got.columns) == ["term", "n_target", "n_baseline", "entries_target",
                                 "entries_baseline", "total_target", "total_baseline", "log_odds",
                                 "z", "g2", "g2_p_value", "p_value", "q_value", "reliable"]
    assert got["entries_target"].tolist() == [1, 1, 0]
    assert got["entries_baseline"].tolist() == [0, 1, 1]
    # one entry a side: nothing reliable, no permutation test, no chi-squared p for counts this
    # small, no q
    assert not got["reliable"].any()
    assert got[["g2_p_value", "p_value", "q_value"]].isna().all().all()


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
        assert np.isnan(r.g2_p_value) == (ref.expected_freq.min() < 5)
        assert r.reliable == (r.entries_target + r.entries_baseline >= 3)


def test_large_counts_get_the_chi2_p_value_of_g2():
    got = keyness(tiny("alpha " * 20 + "beta " * 20, "alpha " * 10 + "beta " * 30),
                  target="t-2024-01", min_count=1).set_index("term")
    table = np.array([[20, 20], [10, 30]])
    ref = stats.chi2_contingency(table, correction=False, lambda_="log-likelihood")
    # expected counts 15, 25, 15, 25: a chi-squared p; but one entry a side: not reliable
    assert not got["reliable"].any()
    assert got.loc["alpha", "g2"] == pytest.approx(ref.statistic)
    assert got.loc["beta", "g2"] == pytest.approx(-ref.statistic)
    assert got.loc["alpha", "g2_p_value"] == pytest.approx(ref.pvalue)
    assert got.loc["alpha", "g2_p_value"] == pytest.approx(stats.chi2.sf(ref.statistic, 1))


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
                  drop_names=False)
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
                   drop_names=False).set_index("term")
    # names kept: a mention is one term, its words as written
    assert kept.loc["north korea", "n_target"] == 1
    assert not {"north", "korea"} & set(kept.index)
    counts = term_counts(corpus, actor="Japan")
    assert not {"north", "korea", "japan", "tokyo", "china"} & set(counts["term"])
    by = keyness_by(corpus, by="year", actor="Japan", min_count=1, drop_names=False)
    assert "north korea" in set(by["term"])
    assert "north korea" not in set(keyness_by(corpus, by="year", actor="Japan",
                                               min_count=1)["term"])


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
    # ("global" 7 times alone; "Global South" 5, "Global North" 2 are actor mentions: names)
    assert table.loc["global", ["n_target", "n_baseline"]].tolist() == [7, 0]
    assert table.loc["modernization", ["n_target", "n_baseline"]].tolist() == [11, 0]
    assert got["z"].iloc[0] == got["z"].max()
    for r in got.head(20).itertuples(index=False):
        ref = stats.chi2_contingency(
            np.array([[r.n_target, r.total_target - r.n_target],
                      [r.n_baseline, r.total_baseline - r.n_baseline]]),
            correction=False, lambda_="log-likelihood")
        assert abs(r.g2) == pytest.approx(ref.statistic)
        if ref.expected_freq.min() >= 5:
            assert r.g2_p_value == pytest.approx(ref.pvalue)
        else:
            assert np.isnan(r.g2_p_value)


def test_samples_actor_sentences_lose_every_actor_name():
    from corpus_fixture import samples

    corpus = samples()
    names = {"united", "south", "korea", "china", "chinese", "beijing", "xi", "russia", "west"}
    got = keyness(corpus, target="russia-2024-03", baseline="russia-2021-11", actor="China",
                  min_count=1)
    assert not names & set(got["term"])
    kept = keyness(corpus, target="russia-2024-03", baseline="russia-2021-11", actor="China",
                   min_count=1, drop_names=False)
    assert {"china", "chinese", "beijing", "xi", "russia", "west", "united states",
            "south korea", "xi jinping"} <= set(kept["term"])
    assert not {"united", "korea", "jinping"} & set(kept["term"])
    # independently: content tokens of China's sentences whose characters no mention covers
    covered = {(m.entry_id, i) for m in corpus.mentions.itertuples() for i in range(m.start, m.end)}
    china = corpus.mentions.loc[corpus.mentions["actor"] == "China", ["entry_id", "sentence_idx"]]
    t = corpus.tokens.merge(china.drop_duplicates(), on=["entry_id", "sentence_idx"])
    overviews = corpus.entries.loc[corpus.entries["kind"] == "overview", "entry_id"]
    t = t[~t["is_stop"] & ~t["token"].str.fullmatch(r"\d+") & ~t["entry_id"].isin(overviews)]
    # ... and that are no word of an outlet or author name written with a capital
    texts = corpus.entries.set_index("entry_id")["text"]
    names = {tok.norm for col in ("outlet", "outlet_as_written")
             for name in corpus.entries[col].dropna() for tok in tokenize(name)}
    names |= {tok.norm for people in corpus.entries["authors"] for name in people
              for tok in tokenize(name)}
    free = [(r.entry_id, r.start) not in covered
            and not (r.token in names and texts[r.entry_id][r.start].isupper())
            for r in t.itertuples()]
    assert sum(free) == 1512
    assert sum(free) == got["total_target"].iloc[0] + got["total_baseline"].iloc[0]


# --- the entry as the unit: entries, reliable, permutation p, q ---------------------------

SPLIT_SPEC = [  # 3 target entries, 3 baseline entries, counted by hand below
    ("t-2024-01", "2024-01", [("entry", "X", [], [("Alpha alpha beta.", 0.0)]),
                              ("entry", "X", [], [("Alpha gamma gamma delta.", 0.0)]),
                              ("entry", "X", [], [("Beta delta.", 0.0)])]),
    ("b-2024-02", "2024-02", [("entry", "Y", [], [("Beta beta gamma.", 0.0)]),
                              ("entry", "Y", [], [("Alpha delta delta delta.", 0.0)]),
                              ("entry", "Y", [], [("Gamma beta epsilon.", 0.0)])]),
]
#: per entry (t1, t2, t3, b1, b2, b3): the term's count, and every counted token
BY_HAND = {"alpha": [2, 1, 0, 0, 1, 0], "beta": [1, 0, 1, 2, 0, 1], "gamma": [0, 2, 0, 1, 0, 1],
           "delta": [0, 1, 1, 0, 3, 0], "epsilon": [0, 0, 0, 0, 0, 1]}
TOTALS = [3, 4, 2, 3, 4, 3]


def exact_p(y, n, k=3):
    """Two-sided p of sum_t y / sum_t n - sum_b y / sum_b n over every split of the entries into
    k target and the rest baseline (scipy's two-sided: twice the smaller tail, at most 1)."""
    def diff(t):
        b = [i for i in range(len(y)) if i not in t]
        return (sum(y[i] for i in t) / sum(n[i] for i in t)
                - sum(y[i] for i in b) / sum(n[i] for i in b))
    observed = diff(tuple(range(k)))
    null = [diff(t) for t in itertools.combinations(range(len(y)), k)]
    tol = 1e-12
    low = sum(d <= observed + tol for d in null) / len(null)
    high = sum(d >= observed - tol for d in null) / len(null)
    return min(1.0, 2 * min(low, high))


def test_entry_permutation_p_is_the_exact_test_over_every_split():
    got = keyness(build_corpus(SPLIT_SPEC), target="t-2024-01", min_count=1).set_index("term")
    assert sorted(got.index) == sorted(BY_HAND)
    assert set(got["total_target"]) == {9} and set(got["total_baseline"]) == {10}
    for term, y in BY_HAND.items():
        row = got.loc[term]
        assert (row["n_target"], row["n_baseline"]) == (sum(y[:3]), sum(y[3:]))
        assert row["entries_target"] == sum(v > 0 for v in y[:3])
        assert row["entries_baseline"] == sum(v > 0 for v in y[3:])
        # C(6, 3) = 20 splits, fewer than n_resamples: the test is exact
        assert row["p_value"] == pytest.approx(exact_p(y, TOTALS), rel=1e-12), term
    # alpha: 3/9 - 1/10 observed; the splits {t1, t2, t3}, {t1, t2, b2}, {t1, t3, b2} reach it
    assert got.loc["alpha", "p_value"] == pytest.approx(2 * 3 / 20)
    # reliable: in at least 3 entries of the two sides together
    assert got["reliable"].to_dict() == {"alpha": True, "beta": True, "gamma": True,
                                         "delta": True, "epsilon": False}
    reliable = got[got["reliable"]]
    assert_allclose(reliable["q_value"], stats.false_discovery_control(reliable["p_value"]))
    assert np.isnan(got.loc["epsilon", "q_value"]) and not np.isnan(got.loc["epsilon", "p_value"])


def test_min_entries_sets_reliable_and_the_family():
    corpus = build_corpus(SPLIT_SPEC)
    four = keyness(corpus, target="t-2024-01", min_count=1, min_entries=4).set_index("term")
    # beta is in 4 entries; alpha, gamma and delta in 3, epsilon in 1
    assert four["reliable"].to_dict() == {"alpha": False, "beta": True, "gamma": False,
                                          "delta": False, "epsilon": False}
    assert four.loc["beta", "q_value"] == four.loc["beta", "p_value"]  # a family of one
    assert four.drop(index="beta")["q_value"].isna().all()
    assert four["p_value"].notna().all()


def test_distinctive_keeps_reliable_terms_below_the_false_discovery_rate():
    spec = [("t-2024-01", "2024-01", [("entry", "X", [], [("Alpha common.", 0.0)])] * 5
             + [("entry", "X", [], [("Alpha common rare rare rare rare rare rare.", 0.0)])]),
            ("b-2024-02", "2024-02", [("entry", "Y", [], [("Beta common.", 0.0)])] * 6)]
    got = keyness(build_corpus(spec), target="t-2024-01", min_count=1)
    table = got.set_index("term")
    # C(12, 6) = 924 splits, every one enumerated; tokens per entry 2 (five times), 8, 2 ...
    n = [2] * 5 + [8] + [2] * 6
    assert table.loc["alpha", "p_value"] == pytest.approx(exact_p([1] * 6 + [0] * 6, n, 6))
    assert table.loc["beta", "p_value"] == pytest.approx(exact_p([0] * 6 + [1] * 6, n, 6))
    assert table.loc["alpha", "p_value"] == pytest.approx(2 * 7 / 924)
    # rare: 6 vs 0 tokens as alpha, so the same z; but from one entry, so not reliable
    assert table.loc["rare", "z"] == pytest.approx(table.loc["alpha", "z"])
    assert table.loc["alpha", "z"] > 1.5
    assert not table.loc["rare", "reliable"] and table.loc["alpha", "reliable"]
    assert table.loc["rare", "p_value"] > 0.1
    picked = distinctive(got)
    assert picked["term"].tolist() == ["alpha", "beta"]
    assert (picked["q_value"] < 0.05).all() and picked["reliable"].all()
    assert distinctive(got, 1, q=1e-3).empty
    assert distinctive(got.iloc[0:0]).empty


def test_samples_one_entry_term_is_not_reliable():
    corpus = samples_corpus()
    got = keyness(corpus, target="russia-2024-03", baseline="russia-2021-11")
    table = got.set_index("term")
    # "modernization": 11 times, in one entry (russia-2024-03-e04)
    entries = corpus.entries[corpus.entries["kind"] == "entry"]
    holding = entries.loc[entries["text"].str.contains(r"(?i)\bmodernization\b"), "entry_id"]
    assert holding.tolist() == ["russia-2024-03-e04"]
    row = table.loc["modernization"]
    assert (row["entries_target"], row["entries_baseline"]) == (1, 0)
    assert row["n_target"] == 11 and row["g2_p_value"] < 1e-3  # tokens as independent
    assert not row["reliable"] and row["p_value"] > 0.2 and np.isnan(row["q_value"])
    # "country": 9 times in 7 entries of 2021-11, none of 2024-03 (counted with a regex)
    base = entries[entries["report_id"] == "russia-2021-11"]
    assert base["text"].str.contains(r"(?i)\bcountry\b").sum() == 7
    row = table.loc["country"]
    assert (row["entries_target"], row["entries_baseline"], row["n_baseline"]) == (0, 7, 9)
    assert row["reliable"] and row["p_value"] < 0.01
    # q: Benjamini-Hochberg over the reliable terms, as scipy
    reliable = got[got["reliable"]]
    assert len(reliable) == (got["entries_target"] + got["entries_baseline"] >= 3).sum()
    assert_allclose(reliable["q_value"], stats.false_discovery_control(reliable["p_value"]))
    assert got.loc[~got["reliable"], "q_value"].isna().all()
    assert (got["p_value"] >= 1 / 10_000).all() and (got["p_value"] <= 1).all()


def samples_corpus():
    from corpus_fixture import samples

    return samples()


# --- names out, bigrams, the prior ---------------------------------------------------------


def test_samples_names_are_out_by_default_and_one_term_when_kept():
    corpus = samples_corpus()
    pair = {"target": "russia-2024-03", "baseline": "russia-2021-11", "min_count": 1}
    out = set(keyness(corpus, **pair)["term"])
    assert not {"kommersant", "valdai", "lomanov", "portyakova", "zuenko", "united",
                "united states", "china", "brics", "global south"} & out
    assert {"states", "global", "sanctions"} <= out  # words, where they are not a name
    kept = set(keyness(corpus, **pair, drop_names=False)["term"])
    assert {"kommersant", "valdai", "club", "lomanov", "portyakova", "united states",
            "global south", "north korea", "kim jong un", "china", "states"} <= kept
    assert not {"united", "jong"} & kept  # halves of names never
    counts = term_counts(corpus, drop_names=False)
    us = counts[counts["term"] == "united states"].set_index("report_id")["n"]
    assert us.to_dict() == {"russia-2024-03": 4}  # grep -o "United States": 4 and 0


def test_bigrams_by_hand_with_the_same_statistics():
    corpus = build_corpus()
    got = keyness(corpus, target="2024", baseline="2021", min_count=1, ngram=2)
    assert list(got.columns) == KEYNESS_COLUMNS
    # adjacent words of a sentence, no stop word, no number, no name: "China and its capital
    # Beijing expand trade." gives only "expand trade" ("capital" is between "its" and Beijing)
    table = got.set_index("term")
    assert set(table.index[table["n_target"] > 0]) == {
        "expand trade", "avoids sanctions", "trade grows", "moscow grow", "grow closer",
        "talk trade"}
    assert set(table.index[table["n_baseline"] > 0]) == {"seeks trade", "fears war",
                                                          "russia grew"}
    assert set(got["total_target"]) == {6} and set(got["total_baseline"]) == {3}
    kept = set(keyness(corpus, target="2024", baseline="2021", min_count=1, ngram=2,
                       drop_names=False)["term"])
    assert {"capital beijing", "north korea tests", "tokyo hopes", "china trade"} <= kept
    with pytest.raises(ValueError, match="bigrams"):
        keyness(corpus, target="2024", ngram=3)


def test_prior_strength_shrinks_and_scales_with_the_data():
    corpus = samples_corpus()
    pair = {"target": "russia-2024-03", "baseline": "russia-2021-11", "n_resamples": 99}
    runs = {s: keyness(corpus, **pair, prior_strength=s).set_index("term")
            for s in (0.05, 0.25, 1.0, 4.0)}
    for term in ("modernization", "country"):  # rare, and seen on one side only
        lo = [abs(runs[s].loc[term, "log_odds"]) for s in (0.05, 0.25, 1.0, 4.0)]
        z = [abs(runs[s].loc[term, "z"]) for s in (0.25, 1.0, 4.0)]
        assert lo == sorted(lo, reverse=True) and lo[0] > 2 * lo[-1], term
        assert z == sorted(z, reverse=True) and z[0] > 1.5 * z[-1], term
    pd.testing.assert_series_equal(runs[0.25]["g2"].sort_index(), runs[4.0]["g2"].sort_index())
    # alpha_0 is relative: the same texts twice over give the same log-odds, z times sqrt(2)
    once = keyness(tiny("Alpha alpha beta.", "Beta gamma gamma gamma."), target="t-2024-01",
                   min_count=1)
    twice = keyness(tiny("Alpha alpha beta. " * 2, "Beta gamma gamma gamma. " * 2),
                    target="t-2024-01", min_count=1)
    assert_allclose(twice["log_odds"], once["log_odds"], rtol=1e-12)
    assert_allclose(twice["z"], once["z"] * math.sqrt(2), rtol=1e-12)
    with pytest.raises(ValueError, match="prior_strength"):
        keyness(corpus, target="russia-2024-03", prior_strength=0)


def test_background_by_hand():
    corpus = tiny("Alpha alpha beta.", "Beta gamma gamma gamma.")  # n_t = 3, n_b = 4
    default = keyness(corpus, target="t-2024-01", min_count=1, prior_strength=1)
    same = keyness(corpus, target="t-2024-01", min_count=1, prior_strength=1, background=corpus)
    pd.testing.assert_frame_equal(default, same)
    table = term_counts(corpus)
    pd.testing.assert_frame_equal(default, keyness(corpus, target="t-2024-01", min_count=1,
                                                   prior_strength=1, background=table))

    def delta(a, b, alpha, n_t=3, n_b=4, alpha0=7):
        return (math.log((a + alpha) / (n_t + alpha0 - a - alpha))
                - math.log((b + alpha) / (n_b + alpha0 - b - alpha)))

    # a user's background: alpha 2, beta 1; gamma absent gets 0.5: pi = 2/3.5, 1/3.5, 0.5/3.5
    got = keyness(corpus, target="t-2024-01", min_count=1, prior_strength=1,
                  background=pd.Series({"alpha": 2, "beta": 1, "other": 0})).set_index("term")
    for term, a, b, pi in (("alpha", 2, 0, 2 / 3.5), ("beta", 1, 1, 1 / 3.5),
                           ("gamma", 0, 3, 0.5 / 3.5)):
        alpha = 7 * pi
        assert got.loc[term, "log_odds"] == pytest.approx(delta(a, b, alpha), rel=1e-12)
        assert got.loc[term, "z"] == pytest.approx(
            delta(a, b, alpha) / math.sqrt(1 / (a + alpha) + 1 / (b + alpha)), rel=1e-12)
    with pytest.raises(TypeError, match="background"):
        keyness(corpus, target="t-2024-01", background=["alpha"])


def test_shown_terms_falls_back_to_leaning_words_and_says_so():
    from corpus_fixture import samples

    from analysis.measure.keyness import shown_terms, top_terms

    table = keyness(samples(), target="russia-2024-03", baseline="russia-2021-11")
    shown, note = shown_terms(table, 5)
    assert distinctive(table).empty  # twelve entries a side: nothing passes q < 0.05
    pd.testing.assert_frame_equal(shown, top_terms(table[table["reliable"]], 5))
    assert note.startswith("No word is distinctive at q < 0.05") and "270 reliable" in note
    passing = table.assign(q_value=0.01)
    found, said = shown_terms(passing, 2)
    assert said == "4 words distinctive at q < 0.05" and len(found) == 4
