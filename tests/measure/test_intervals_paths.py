"""The vectorized bootstrap paths of analysis.measure.intervals against the code they replaced
(written out here): ``quantiles`` is ``np.quantile``, ``entry_bootstrap_groups`` resamples only
the moving cells, ``mean_bootstrap`` gathers contiguously; every value equal bit for bit."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from analysis.measure.intervals import entry_bootstrap_groups, mean_bootstrap
from analysis.measure.resampling import draws, quantiles, resample_sums, weights

FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64)


def same(a, b) -> bool:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and a.tobytes() == b.tobytes()


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # inf - inf, as in np.quantile
@settings(max_examples=300, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 30)), elements=FLOATS),
       st.lists(st.floats(0, 1), min_size=1, max_size=4))
def test_quantiles_is_numpy(values, q):
    assert same(quantiles(values, q), np.quantile(values, q, axis=-1, method="linear"))


def test_quantiles_values():
    x = np.array([[4.0, 1.0, 3.0, 2.0], [0.0, 0.0, 0.0, 10.0]])
    assert quantiles(x, [0.0, 0.5, 1.0]).tolist() == [[1.0, 0.0], [2.5, 0.0], [4.0, 10.0]]
    assert np.isnan(quantiles(np.array([[1.0, np.nan]]), [0.5])).all()


def old_groups(num, den, groups, n_boot, ci, seed):
    """entry_bootstrap_groups before this change (counts only), every cell resampled."""
    k, alpha = num.shape[1], (1 - ci) / 2
    low, high = np.full((len(groups), k), np.nan), np.full((len(groups), k), np.nan)
    for g, rows in enumerate(groups):
        if not len(rows):
            continue
        w = weights(draws(len(rows), n_boot, seed), len(rows))
        with np.errstate(invalid="ignore", divide="ignore"):
            values = (np.einsum("bn,mnk->mbk", w, num[rows][None])
                      / np.einsum("bn,mn->mb", w, den[rows][None])[..., None])
        moving = num[rows][None].any(axis=1)
        lo = np.where(np.isnan(values).any(axis=1), np.nan, 0.0)
        hi = lo.copy()
        lo[moving], hi[moving] = np.quantile(values.transpose(0, 2, 1)[moving],
                                             [alpha, 1 - alpha], axis=1, method="linear")
        low[g], high[g] = lo[0], hi[0]
    return low, high


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # 0 tokens: inf, as before
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12), st.integers(1, 5), st.booleans())
def test_groups_equal_old(seed, n_entries, k, zero_tokens):
    rng = np.random.default_rng(seed)
    num = rng.integers(0, 3, (n_entries, k)) * rng.integers(0, 2, (n_entries, k))
    den = rng.integers(0 if zero_tokens else 1, 50, n_entries)
    cut = np.sort(rng.integers(0, n_entries + 1, 3))
    groups = [np.arange(a, b) for a, b in zip([0, *cut], [*cut, n_entries], strict=True)]
    got = entry_bootstrap_groups(num.astype(float), den.astype(float), groups, n_boot=200,
                                 seed=seed % 7)
    want = old_groups(num.astype(float), den.astype(float), groups, 200, 0.95, seed % 7)
    assert same(got[0], want[0]) and same(got[1], want[1])


def test_groups_values():
    # One group of two entries: counts (1, 0) over tokens (10, 10); resamples give 0, 1/20, 1/10.
    low, high = entry_bootstrap_groups(np.array([[1.0, 0.0], [0.0, 0.0]]), np.array([10.0, 10.0]),
                                       [np.arange(2)], n_boot=2000)
    assert low.tolist() == [[0.0, 0.0]] and high.tolist() == [[0.1, 0.0]]


def old_mean(x, n_boot, ci, seed):
    m, n = x.shape
    idx, alpha = draws(n, n_boot, seed), (1 - ci) / 2
    sums = x[:, idx].reshape(-1, n).sum(axis=1).reshape(m, n_boot)
    return tuple(np.quantile(sums / float(n), [alpha, 1 - alpha], axis=1, method="linear"))


@settings(max_examples=80, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 20)),
              elements=st.floats(-1, 1, width=64)), st.integers(0, 50))
def test_mean_bootstrap_equal_old(x, seed):
    got, want = mean_bootstrap(x, n_boot=300, seed=seed), old_mean(x, 300, 0.95, seed)
    assert same(got[0], want[0]) and same(got[1], want[1])


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 12)),
              elements=st.floats(allow_nan=False, width=64) | st.sampled_from([0.0, -0.0])),
       st.integers(0, 99))
def test_resample_sums_is_numpy_sum(x, seed):

    idx = np.random.default_rng(seed).integers(0, x.shape[1], (50, x.shape[1]))
    with np.errstate(all="ignore"):
        assert same(resample_sums(x, idx), np.take(x, idx, axis=1).sum(axis=2))


def test_resample_sums_signed_zero():

    x = np.array([[-0.0, -0.0, 1e300, -1e300]])
    idx = np.array([[0, 1, 0], [2, 3, 1]])
    got = resample_sums(x, idx)
    assert same(got, np.take(x, idx, axis=1).sum(axis=2))
    assert got.tolist() == [[0.0, 0.0]] and not np.signbit(got[0, 0])  # NumPy's sum: +0.0
