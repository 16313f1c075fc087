"""Tone (analysis.measure.tone): entry means by hand, bootstrap and permutation test against
scipy, "too few entries" on the fixture and on the samples."""

from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.tone import entry_tone, tone, tone_change

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.fixture
def corpus():
    return build_corpus()


def test_entry_means_by_hand(corpus):
    table = tone(corpus)
    assert list(table.columns) == ["group", "actor", "entries", "sentences", "mean", "mean_low",
                                   "mean_high", "share_positive", "share_negative", "reliable"]
    got = table.set_index(["group", "actor"])
    # targeted = tone_masked + 0.2 in the fixture.
    # A, China: e01 "Japan seeks trade with China." 0.4 -> 0.6; e02 "China backs Pyongyang." 0.2
    # -> 0.4: the mean of the two entries
    a = got.loc[(A, "China")]
    assert (a["entries"], a["sentences"]) == (2, 2)
    assert a["mean"] == pytest.approx(0.5)
    assert (a["share_positive"], a["share_negative"]) == (1.0, 0.0)
    # B, China: e01's three sentences 0.3, -0.2, 0.4 (+0.2 each: mean 0.3667), e02 0.1 (0.3):
    # the entry is the unit, so (0.3667 + 0.3) / 2, not the mean of the four sentences
    b = got.loc[(B, "China")]
    assert (b["entries"], b["sentences"]) == (2, 4)
    assert b["mean"] == pytest.approx((0.5 / 3 + 0.2 + 0.3) / 2)
    # below min_entries (3) no interval, and the row says so
    assert np.isnan(b["mean_low"]) and np.isnan(b["mean_high"]) and not b["reliable"]
    nk = got.loc[(D, "North Korea")]
    assert nk["entries"] == 0 and nk[["mean", "mean_low", "mean_high"]].isna().all()


def test_columns_and_overview(corpus):
    masked = tone(corpus, column="tone_masked", actors="China").set_index("group")
    assert masked.loc[B, "mean"] == pytest.approx((0.5 / 3 + 0.1) / 2)
    raw = tone(corpus, column="tone", actors="China").set_index("group")
    assert raw.loc[A, "mean"] == pytest.approx(0.4)  # tone = tone_masked + 0.1
    with_overview = tone(corpus, actors="China", include_overview=True).set_index("group")
    # A's overview "China and Japan drew attention." (0.0 -> 0.2) is a third entry
    assert with_overview.loc[A, "entries"] == 3
    assert with_overview.loc[A, "mean"] == pytest.approx((0.6 + 0.4 + 0.2) / 3)
    with pytest.raises(ValueError, match="targeted"):
        tone(corpus, column="text")


def test_the_lexicon_score_by_name(corpus):
    """``column="tone_lexicon"``: the mean of the mentions' clause-lexicon score (here 0.1 above
    their model score), with the entry as the unit as for the default."""
    model = tone(corpus, actors="China").set_index("group")
    lexicon = tone(corpus, column="tone_lexicon", actors="China").set_index("group")
    assert lexicon["mean"].to_numpy() == pytest.approx(model["mean"].to_numpy() + 0.1)
    assert lexicon["entries"].tolist() == model["entries"].tolist()
    per_entry = entry_tone(corpus, ["China"], column="tone_lexicon")
    assert per_entry["score"].to_numpy() == pytest.approx(
        entry_tone(corpus, ["China"])["score"].to_numpy() + 0.1)


def test_entry_bootstrap_matches_scipy(corpus):
    got = tone(corpus, actors="China", n_boot=1000, ci=0.9, seed=2, min_entries=2)
    got = got.set_index("group")
    x = np.array([0.5 / 3 + 0.2, 0.3])  # B's two entries
    ref = stats.bootstrap((x,), np.mean, n_resamples=1000, confidence_level=0.9,
                          method="percentile", rng=np.random.default_rng(2)).confidence_interval
    assert_allclose(got.loc[B, ["mean_low", "mean_high"]].to_numpy(dtype=float),
                    [ref.low, ref.high], rtol=1e-12)
    assert bool(got.loc[B, "reliable"])


def test_entry_tone_table(corpus):
    per_entry = entry_tone(corpus, ["China"]).set_index("entry_id")
    assert per_entry.loc[f"{B}-e01", "sentences"] == 3
    assert per_entry.loc[f"{B}-e01", "score"] == pytest.approx(0.5 / 3 + 0.2)


def test_tone_change_exact_permutation_by_hand(corpus):
    got = tone_change(corpus, baseline=A, target=B, actors="China", min_entries=2)
    row = got.iloc[0]
    assert list(got.columns) == ["actor", "entries_baseline", "entries_target",
                                 "sentences_baseline", "sentences_target", "mean_baseline",
                                 "mean_target", "difference", "difference_low",
                                 "difference_high", "p_value", "p_adjusted", "reliable"]
    base, target = [0.6, 0.4], [0.5 / 3 + 0.2, 0.3]
    assert (row["entries_baseline"], row["entries_target"]) == (2, 2)
    assert row["difference"] == pytest.approx(np.mean(target) - np.mean(base))
    # every split of the four entry means into two pairs, by hand: scipy's two-sided p is
    # 2 * min(P(d >= observed), P(d <= observed)) over the C(4, 2) = 6 splits
    values = base + target
    observed = np.mean(target) - np.mean(base)
    diffs = []
    for pick in combinations(range(4), 2):
        t = [values[i] for i in pick]
        b = [values[i] for i in range(4) if i not in pick]
        diffs.append(np.mean(t) - np.mean(b))
    diffs = np.array(diffs)
    tol = 1e-12
    p = min(1.0, 2 * min((diffs >= observed - tol).mean(), (diffs <= observed + tol).mean()))
    assert row["p_value"] == pytest.approx(p)
    assert row["p_value"] == pytest.approx(1 / 3)
    assert row["p_adjusted"] == pytest.approx(1 / 3)  # a family of one
    assert bool(row["reliable"]) is True


def test_tone_change_against_scipy_with_resampling(corpus):
    got = tone_change(corpus, baseline="2021", target="2024", n_resamples=5, seed=4,
                      min_entries=1).set_index("actor")
    # entry means (targeted): 2024 China e01 0.3667, e02 0.3, D e01 0.4; 2021 0.6, 0.4
    for actor, x, y in [("China", [0.5 / 3 + 0.2, 0.3, 0.4], [0.6, 0.4])]:
        ref = stats.permutation_test((np.array(x), np.array(y)),
                                     lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
                                     vectorized=True, n_resamples=5,
                                     rng=np.random.default_rng(4))
        assert got.loc[actor, "p_value"] == pytest.approx(ref.pvalue)
        assert got.loc[actor, "difference"] == pytest.approx(ref.statistic)
        low, high = stats.bootstrap((np.array(x), np.array(y)),
                                    lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
                                    n_resamples=2000, method="percentile",
                                    rng=np.random.default_rng(0)).confidence_interval
        assert_allclose(got.loc[actor, ["difference_low", "difference_high"]].to_numpy(float),
                        [low, high], rtol=1e-12)
    # Japan: one baseline entry (0.1) against 0.45 and 0.4 (scipy needs two a side): the three
    # ways to leave one entry out give -0.2, -0.125 and the observed 0.325 -> p = 2 * 1/3
    assert got.loc["Japan", "difference"] == pytest.approx(0.325)
    assert got.loc["Japan", "p_value"] == pytest.approx(2 / 3)
    # Holm over the actors tested: the smallest p times 3, then non-decreasing
    p = got["p_value"].to_numpy()
    order = np.argsort(p)
    expected = np.maximum.accumulate(np.minimum(1, (3 - np.arange(3)) * p[order]))
    assert_allclose(got["p_adjusted"].to_numpy()[order], expected)


def test_small_sides_are_flagged_not_tested(corpus):
    got = tone_change(corpus, baseline=D, target=B).set_index("actor")
    # D has one entry about China and one about Japan, none about North Korea
    assert not got["reliable"].any()
    assert got[["p_value", "p_adjusted", "difference_low", "difference_high"]].isna().all().all()
    assert got.loc["China", "difference"] == pytest.approx((0.5 / 3 + 0.2 + 0.3) / 2 - 0.4)
    assert np.isnan(got.loc["North Korea", "mean_baseline"])
    with pytest.raises(ValueError, match="share reports"):
        tone_change(corpus, baseline="2024", target=B)


def test_samples_too_few_entries():
    from corpus_fixture import samples

    corpus = samples()
    got = tone_change(corpus, baseline="russia-2021-11", target="russia-2024-03",
                      actors=["China", "India", "Japan"]).set_index("actor")
    # India: 2 entries of 2021-11 are about it -> no test, no interval
    assert (got.loc["India", "entries_baseline"], got.loc["India", "entries_target"]) == (2, 5)
    assert not got.loc["India", "reliable"] and np.isnan(got.loc["India", "p_value"])
    # China: 11 and 7 entries; the test exchanges entries, not its 72 + 67 sentences
    china = got.loc["China"]
    assert (china["entries_baseline"], china["entries_target"]) == (11, 7)
    assert (china["sentences_baseline"], china["sentences_target"]) == (72, 67)
    assert china["reliable"] and 0.05 < china["p_value"] <= 1
    assert china["difference_low"] < china["difference"] < china["difference_high"]
    assert china["p_adjusted"] == pytest.approx(min(1, 2 * china["p_value"]), abs=1e-12) or \
        china["p_adjusted"] >= china["p_value"]


def test_invariants(corpus):
    before = snapshot(corpus)
    first, second = tone(corpus, min_entries=1), tone(corpus, min_entries=1)
    change = tone_change(corpus, baseline=A, target="2024", min_entries=1)
    assert_unchanged(corpus, before)
    pd.testing.assert_frame_equal(first, second)
    assert first.to_csv() == second.to_csv()
    assert change.equals(tone_change(corpus, baseline=A, target="2024", min_entries=1))
    shares = first[["share_positive", "share_negative"]].dropna()
    assert shares.stack().between(0, 1).all()
    assert (shares.sum(axis=1) <= 1).all()
    ok = first.dropna(subset=["mean"])
    assert (ok["mean_low"] <= ok["mean"] + 1e-12).all()
    assert (ok["mean"] <= ok["mean_high"] + 1e-12).all()
