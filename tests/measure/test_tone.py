"""Tone (analysis.tone): means by hand, bootstrap and permutation test against scipy."""

import numpy as np
import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.tone import tone, tone_change

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.fixture
def corpus():
    return build_corpus()


def test_means_and_shares_by_hand(corpus):
    got = tone(corpus).set_index(["group", "actor"])
    assert list(tone(corpus).columns) == ["group", "actor", "sentences", "entries", "mean",
                                          "mean_low", "mean_high", "share_positive",
                                          "share_negative"]
    # A, China: "Japan seeks trade with China." 0.4 and "China backs Pyongyang." 0.2
    a = got.loc[(A, "China")]
    assert (a["sentences"], a["entries"]) == (2, 2)
    assert a["mean"] == pytest.approx(0.3)
    assert (a["share_positive"], a["share_negative"]) == (1.0, 0.0)
    # B, China: 0.3 (a sentence naming China twice counts once), -0.2, 0.4, then 0.1
    b = got.loc[(B, "China")]
    assert (b["sentences"], b["entries"]) == (4, 2)
    assert b["mean"] == pytest.approx(0.6 / 4)
    assert (b["share_positive"], b["share_negative"]) == (0.75, 0.25)
    # A, Japan: 0.4 and -0.6; North Korea has no sentence in D
    assert got.loc[(A, "Japan"), "mean"] == pytest.approx(-0.1)
    nk = got.loc[(D, "North Korea")]
    assert nk["sentences"] == 0 and nk[["mean", "mean_low", "mean_high"]].isna().all()


def test_column_and_overview(corpus):
    raw = tone(corpus, column="tone", actors="China").set_index("group")
    assert raw.loc[A, "mean"] == pytest.approx(0.4)  # tone = tone_masked + 0.1 in the fixture
    with_overview = tone(corpus, actors="China", include_overview=True).set_index("group")
    assert with_overview.loc[A, "sentences"] == 3
    assert with_overview.loc[A, "mean"] == pytest.approx(0.6 / 3)
    with pytest.raises(ValueError, match="tone_masked"):
        tone(corpus, column="text")


def test_cluster_bootstrap_matches_scipy(corpus):
    got = tone(corpus, actors="China", n_boot=1000, ci=0.9, seed=2).set_index("group")
    # B: entry e01 sums 0.3 - 0.2 + 0.4 over 3 sentences, e02 0.1 over 1
    sums, counts = np.array([0.5, 0.1]), np.array([3.0, 1.0])
    ref = stats.bootstrap((sums, counts), lambda s, c, axis=-1: s.sum(axis) / c.sum(axis),
                          paired=True, vectorized=True, n_resamples=1000, confidence_level=0.9,
                          method="percentile", rng=np.random.default_rng(2)).confidence_interval
    assert_allclose(got.loc[B, ["mean_low", "mean_high"]].to_numpy(dtype=float),
                    [ref.low, ref.high], rtol=1e-12)
    assert got.loc[B, "mean_low"] == pytest.approx(0.1)  # only e02 resampled: 0.1 / 1
    assert got.loc[B, "mean_high"] == pytest.approx(0.5 / 3)


def test_tone_change_exact_permutation_by_hand(corpus):
    got = tone_change(corpus, baseline=A, target=B, actors="China")
    row = got.iloc[0]
    assert list(got.columns) == ["actor", "n_baseline", "n_target", "mean_baseline",
                                 "mean_target", "difference", "p_value", "reliable"]
    assert (row["n_baseline"], row["n_target"]) == (2, 4)
    assert row["difference"] == pytest.approx(0.15 - 0.3)
    # Exact test over the C(6, 2) = 15 ways to pick the baseline pair from
    # {0.4, 0.2, 0.3, -0.2, 0.4, 0.1} (sum 1.2): difference = 0.3 - 0.75 * pair_sum.
    # Observed pair sum 0.6 gives -0.15; pair sums >= 0.6: 5 of 15 (less), <= 0.6: 12 of 15;
    # scipy's two-sided p = 2 * min = 10 / 15.
    assert row["p_value"] == pytest.approx(2 / 3)
    assert bool(row["reliable"]) is True


def test_tone_change_against_scipy_with_resampling(corpus):
    got = tone_change(corpus, baseline="2021", target="2024", n_resamples=5, seed=4)
    for actor, x, y in [("China", [0.3, -0.2, 0.4, 0.1, 0.2], [0.4, 0.2]),
                        ("Japan", [0.0, 0.5, 0.2], [0.4, -0.6])]:
        ref = stats.permutation_test((np.array(x), np.array(y)),
                                     lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
                                     vectorized=True, n_resamples=5,
                                     rng=np.random.default_rng(4))
        row = got.set_index("actor").loc[actor]
        assert row["p_value"] == pytest.approx(ref.pvalue)
        assert row["difference"] == pytest.approx(ref.statistic)


def test_small_sides_are_flagged_not_tested(corpus):
    got = tone_change(corpus, baseline=D, target=B).set_index("actor")
    # D has one China sentence, one Japan sentence, no North Korea sentence.
    assert not got["reliable"].any()
    assert got["p_value"].isna().all()
    assert got.loc["China", "difference"] == pytest.approx(0.15 - 0.2)
    assert np.isnan(got.loc["North Korea", "mean_baseline"])
    with pytest.raises(ValueError, match="share reports"):
        tone_change(corpus, baseline="2024", target=B)


def test_invariants(corpus):
    before = snapshot(corpus)
    first, second = tone(corpus), tone(corpus)
    change = tone_change(corpus, baseline=A, target="2024")
    assert_unchanged(corpus, before)
    pd.testing.assert_frame_equal(first, second)
    assert first.to_csv() == second.to_csv()
    assert change.equals(tone_change(corpus, baseline=A, target="2024"))
    shares = first[["share_positive", "share_negative"]].dropna()
    assert shares.stack().between(0, 1).all()
    assert (shares.sum(axis=1) <= 1).all()
    ok = first.dropna(subset=["mean"])
    assert (ok["mean_low"] <= ok["mean"] + 1e-12).all()
    assert (ok["mean"] <= ok["mean_high"] + 1e-12).all()
