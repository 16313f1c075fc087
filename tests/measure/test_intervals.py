"""Intervals and tests (analysis.measure.intervals) against independent computations: scipy's
Wilson interval, Newcombe's (1998) published table, exact permutations enumerated by hand,
Holm by hand and scipy's Benjamini-Hochberg."""

from itertools import combinations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.intervals import (
    benjamini_hochberg,
    difference_bootstrap,
    entry_bootstrap,
    entry_bootstrap_groups,
    holm,
    mean_bootstrap,
    newcombe,
    permutation_p,
    wilson,
)


@pytest.mark.parametrize("ci", [0.95, 0.9])
def test_wilson_equals_scipy(ci):
    ks, ns = np.array([0, 1, 3, 7, 11, 12, 5]), np.array([12, 12, 10, 12, 12, 12, 5])
    low, high = wilson(ks, ns, ci=ci)
    for k, n, lo, hi in zip(ks, ns, low, high, strict=True):
        ref = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=ci, method="wilson")
        assert (lo, hi) == pytest.approx((ref.low, ref.high), abs=1e-12)
    assert low[1] > 0 and high[0] > 0  # one entry of twelve: never [0, 0]
    empty = wilson(0, 0)
    assert np.isnan(empty[0]) and np.isnan(empty[1])
    with pytest.raises(ValueError, match="confidence level"):
        wilson(1, 2, ci=95)


# Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score)
NEWCOMBE_TABLE = [((56, 70), (48, 80), (0.0524, 0.3339)), ((9, 10), (3, 10), (0.1705, 0.8090)),
                  ((6, 7), (2, 7), (0.0582, 0.8062)), ((5, 56), (0, 29), (-0.0381, 0.1926)),
                  ((0, 10), (0, 20), (-0.1611, 0.2775)), ((0, 10), (0, 10), (-0.2775, 0.2775)),
                  ((10, 10), (0, 20), (0.6791, 1.0)), ((10, 10), (0, 10), (0.6075, 1.0))]


@pytest.mark.parametrize(("first", "second", "expected"), NEWCOMBE_TABLE)
def test_newcombe_equals_the_published_table(first, second, expected):
    # the table gives p1 - p2; newcombe(k1, n1, k2, n2) is the interval of p2 - p1
    low, high = newcombe(*second, *first)
    assert (round(float(low), 4), round(float(high), 4)) == expected


def test_newcombe_is_vectorized_and_nan_for_an_empty_side():
    low, high = newcombe([48, 3], [80, 10], [56, 9], [70, 10])
    assert_allclose(np.round(low, 4), [0.0524, 0.1705])
    assert_allclose(np.round(high, 4), [0.3339, 0.8090])
    assert np.isnan(newcombe(0, 0, 1, 2)[0])


def _exact(values, is_target):
    """Two-sided exact p of a difference of means by enumerating every split (scipy's rule)."""
    values, is_target = np.asarray(values, float), np.asarray(is_target, bool)
    k, n = int(is_target.sum()), len(values)
    observed = values[is_target].mean() - values[~is_target].mean()
    null = []
    for pick in combinations(range(n), k):
        mask = np.zeros(n, bool)
        mask[list(pick)] = True
        null.append(values[mask].mean() - values[~mask].mean())
    null = np.array(null)
    eps = 1e-12
    return min(1.0, 2 * min((null >= observed - eps).mean(), (null <= observed + eps).mean()))


@pytest.mark.parametrize("values, side", [
    ([0.5, 0.2, 0.4, -0.3, 0.0, 0.1], [1, 1, 1, 0, 0, 0]),
    ([0.9, 0.8, 0.1, 0.0, 0.2, 0.3, 0.15], [1, 1, 0, 0, 0, 0, 0]),
    ([0.3, 0.1, 0.2], [1, 0, 0]),
])
def test_permutation_p_is_exact_by_hand(values, side):
    got = permutation_p(np.array(values), np.ones(len(values)), np.array(side, bool))
    assert got[0] == pytest.approx(_exact(values, side))


def test_permutation_p_of_ratios_exchanges_entries_with_their_tokens():
    # 3 entries a side; a term counted in each entry over the entry's tokens
    counts = np.array([[3, 0], [2, 1], [4, 0], [0, 2], [1, 1], [0, 3]], float)
    tokens = np.array([10, 8, 12, 9, 11, 10], float)
    side = np.array([1, 1, 1, 0, 0, 0], bool)
    got = permutation_p(counts, np.repeat(tokens[:, None], 2, axis=1), side)
    for j in range(2):
        null = []
        for pick in combinations(range(6), 3):
            m = np.zeros(6, bool)
            m[list(pick)] = True
            null.append(counts[m, j].sum() / tokens[m].sum()
                        - counts[~m, j].sum() / tokens[~m].sum())
        null = np.array(null)
        obs = counts[side, j].sum() / tokens[side].sum() - counts[~side, j].sum() / tokens[~side].sum()
        p = min(1.0, 2 * min((null >= obs - 1e-12).mean(), (null <= obs + 1e-12).mean()))
        assert got[j] == pytest.approx(p)
    assert np.isnan(permutation_p(counts, tokens, np.ones(6, bool))).all()


def test_permutation_p_with_resampling_equals_scipy():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=14), rng.normal(size=11) + 0.5
    got = permutation_p(np.r_[x, y], np.ones(25), np.r_[np.ones(14), np.zeros(11)].astype(bool),
                        n_resamples=999, seed=3)[0]
    ref = stats.permutation_test((x, y), lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
                                 vectorized=True, n_resamples=999,
                                 rng=np.random.default_rng(3)).pvalue
    assert got == pytest.approx(ref)


def test_holm_by_hand_and_bh_equals_scipy():
    p = np.array([0.01, 0.04, 0.03, np.nan, 0.2])
    # sorted 0.01, 0.03, 0.04, 0.2 (m = 4): 0.04, 0.09, max(0.09, 0.08), 0.2
    assert_allclose(holm(p), [0.04, 0.09, 0.09, np.nan, 0.2])
    q = benjamini_hochberg(p)
    assert_allclose(q[[0, 1, 2, 4]], stats.false_discovery_control([0.01, 0.04, 0.03, 0.2]))
    assert np.isnan(q[3])
    assert np.isnan(holm([np.nan])).all()


def test_difference_bootstrap_equals_scipy_and_holds_a_constant_side():
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=8), rng.normal(size=6)
    ref = stats.bootstrap((x, y), lambda a, b, axis=-1: a.mean(axis) - b.mean(axis),
                          n_resamples=500, method="percentile",
                          rng=np.random.default_rng(4)).confidence_interval
    assert difference_bootstrap(x, y, n_boot=500, seed=4) == pytest.approx((ref.low, ref.high))
    low, high = difference_bootstrap(x, [0.5], n_boot=500, seed=4)
    one = stats.bootstrap((x,), np.mean, n_resamples=500, method="percentile",
                          rng=np.random.default_rng(4)).confidence_interval
    assert (low, high) == pytest.approx((one.low - 0.5, one.high - 0.5))
    assert difference_bootstrap([0.2, 0.2], [0.1]) == pytest.approx((0.1, 0.1))
    assert np.isnan(difference_bootstrap([], [0.1])[0])


def test_batched_bootstraps_equal_one_by_one():
    """entry_bootstrap_groups (counts: resample weights) and mean_bootstrap (scores: the same
    sums, row by row) give exactly the intervals of entry_bootstrap called per group."""
    rng = np.random.default_rng(1)
    for n in (1, 3, 7, 8, 9, 31, 128, 129, 200):
        x = rng.normal(size=(3, n))
        low, high = mean_bootstrap(x, n_boot=300, seed=2)
        for row, lo, hi in zip(x, low, high, strict=True):
            assert (lo, hi) == tuple(entry_bootstrap(row, np.ones(n), n_boot=300, seed=2))
    num = rng.poisson(0.7, (300, 4)).astype(float)
    den = rng.integers(0, 200, 300).astype(float)
    groups = [np.sort(g) for g in np.split(rng.permutation(300), [5, 9, 13, 40, 70, 110])]
    groups.append(np.array([], dtype=np.int64))
    for values in (num, num + 0.25):  # counts, and not counts (one by one inside)
        low, high = entry_bootstrap_groups(values, den, groups, n_boot=400, seed=4)
        for g, lo, hi in zip(groups, low, high, strict=True):
            want = entry_bootstrap(values[g], np.repeat(den[g, None], 4, axis=1), n_boot=400, seed=4)
            np.testing.assert_array_equal(lo, want[0])
            np.testing.assert_array_equal(hi, want[1])
