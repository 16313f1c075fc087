"""Intervals and tests: the one module of score intervals, resampling and p-value adjustment.

Every measure takes its uncertainty from here, and the unit of evidence is always the entry (a
summarized publication): the sentences and tokens of one entry are not independent pieces of
evidence.

* :func:`wilson` - Wilson score interval of a share of entries (Wilson 1927), as
  ``scipy.stats.binomtest(k, n).proportion_ci(method="wilson")``, vectorized;
* :func:`newcombe` - Newcombe's hybrid score interval of a difference of two shares (Newcombe
  1998, method 10), from the two Wilson intervals;
* :func:`entry_bootstrap` - percentile bootstrap of a ratio of sums over entries (a mean when
  the denominators are 1);
* :func:`difference_bootstrap` - the same for a difference between two groups of entries, each
  resampled within itself;
* :func:`permutation_p` - two-sided permutation test of a difference between two groups of
  entries, entries exchanged between the groups (``scipy.stats.permutation_test``), vectorized
  over many statistics at once;
* :func:`holm` and :func:`benjamini_hochberg` - adjusting a family of p-values.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from analysis.measure.resampling import (
    BATCH_FLOATS,
    draws,
    quantiles,
    resample_sums,
    weights,
    whole,
)

__all__ = ["MIN_ENTRIES", "benjamini_hochberg", "difference_bootstrap", "entry_bootstrap",
           "entry_bootstrap_groups", "holm", "mean_bootstrap", "newcombe", "permutation_p",
           "quantiles", "wilson"]

#: Fewest entries on a side for an interval or a test of a change (``min_entries``): below it the
#: measures give none and say "too few entries".
MIN_ENTRIES = 3


def _z(ci: float) -> float:
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci}: give a confidence level between 0 and 1, such as 0.95")
    return float(stats.norm.ppf((1 + ci) / 2))


def wilson(k, n, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of the share ``k / n`` (arrays or numbers; NaN where ``n == 0``).

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)`` with ``z`` the normal quantile of
    ``(1 + ci)/2``: the interval ``scipy.stats.binomtest(k, n).proportion_ci(ci, "wilson")``
    gives (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it for small n). Unlike a percentile
    bootstrap it is never [0, 0] when ``k > 0`` and never reaches 0 or 1 unless ``k`` does.
    """
    k, n = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(n, dtype=float))
    z = _z(ci)
    p = _share(k, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    empty = ~(n > 0)
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def newcombe(k1, n1, k2, n2, *, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Newcombe's hybrid score interval of ``k2/n2 - k1/n1`` (the second share minus the first).

    With ``(l1, u1)`` and ``(l2, u2)`` the :func:`wilson` intervals of the two shares and
    ``d = p2 - p1``: ``low = d - sqrt((p2 - l2)² + (u1 - p1)²)``,
    ``high = d + sqrt((u2 - p2)² + (p1 - l1)²)`` (Newcombe 1998, "Interval estimation for the
    difference between independent proportions", Statistics in Medicine 17:873-890, method 10).
    Good coverage with small samples, unlike the Wald interval. NaN where a side has ``n == 0``.
    """
    p1, p2 = _share(k1, n1), _share(k2, n2)
    l1, u1 = wilson(k1, n1, ci=ci)
    l2, u2 = wilson(k2, n2, ci=ci)
    d = p2 - p1
    return d - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)


def _share(k, n) -> np.ndarray:
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, k / np.where(n > 0, n, 1), np.nan)


def entry_bootstrap(num: np.ndarray, den: np.ndarray, *, n_boot: int = 2000, ci: float = 0.95,
                    seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval of a ratio of sums over entries.

    ``num`` and ``den`` have one row per entry (and one column per statistic). Each of ``n_boot``
    resamples draws ``n`` entries with replacement (``numpy.random.default_rng(seed)``,
    ``integers(0, n, (n_boot, n))``) and computes ``num.sum() / den.sum()`` over them; the interval
    is the ``(1 - ci)/2`` and ``(1 + ci)/2`` quantiles (linear) of those values. With ``den = 1``
    this is the interval of a mean, the same as ``scipy.stats.bootstrap(..., method="percentile")``
    with the same generator (Efron & Tibshirani 1993, ch. 13). Returns NaN with no entries.
    """
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    n, shape = num.shape[0], num.shape[1:]
    if n == 0:
        return np.full(shape, np.nan), np.full(shape, np.nan)
    _z(ci)
    idx = draws(n, n_boot, seed)
    if whole(num, n) and whole(den, n):  # counts: sums by resample weights, exactly
        w = weights(idx, n)
        with np.errstate(invalid="ignore", divide="ignore"):
            values = (np.einsum("bn,nk->bk", w, num.reshape(n, -1))  # no BLAS threads
                      / np.einsum("bn,nk->bk", w, den.reshape(n, -1))).reshape(n_boot, *shape)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            values = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    alpha = (1 - ci) / 2
    return tuple(np.quantile(values, [alpha, 1 - alpha], axis=0, method="linear"))


def entry_bootstrap_groups(num: np.ndarray, den: np.ndarray, groups: list[np.ndarray], *,
                           n_boot: int = 2000, ci: float = 0.95,
                           seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """:func:`entry_bootstrap` of ``num[rows]`` over ``den[rows]`` for each ``rows`` of
    ``groups`` (each group from ``seed``), the same values computed together: groups of as many
    entries draw the same resamples. ``num`` is (entries, statistics), ``den`` (entries,) shared
    by the statistics. Returns (groups, statistics) arrays of low and high ends."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    k = num.shape[1]
    low, high = np.full((len(groups), k), np.nan), np.full((len(groups), k), np.nan)
    sizes = np.array([len(g) for g in groups], dtype=np.int64)
    _z(ci)
    alpha = (1 - ci) / 2
    for n in np.unique(sizes[sizes > 0]):
        which = np.flatnonzero(sizes == n)
        rows = np.stack([groups[g] for g in which])  # (groups, n)
        if not (whole(num[rows.ravel()], n) and whole(den[rows.ravel()], n)):
            for g in which:  # not counts: one by one
                low[g], high[g] = entry_bootstrap(num[groups[g]], np.repeat(
                    den[groups[g], None], k, axis=1), n_boot=n_boot, ci=ci, seed=seed)
            continue
        w = weights(draws(int(n), n_boot, seed), int(n))
        step = max(1, BATCH_FLOATS // (n_boot * max(k, 1)))
        for i in range(0, len(which), step):
            part, at = rows[i:i + step], which[i:i + step]
            counts = num[part]  # (groups, n, k)
            moving = counts.any(axis=1)  # a statistic 0 in every entry: ends 0 (NaN at 0/0)
            g, j = np.nonzero(moving)  # resampled: the moving (group, statistic) cells alone
            with np.errstate(invalid="ignore", divide="ignore"):
                total = np.einsum("bn,mn->mb", w, den[part])  # (groups, n_boot)
                values = np.einsum("bn,pn->pb", w, counts[g, :, j]) / total[g]  # (cells, n_boot)
            lo = np.repeat(np.where((total == 0).any(axis=1), np.nan, 0.0)[:, None], k, axis=1)
            hi = lo.copy()
            lo[moving], hi[moving] = quantiles(values, [alpha, 1 - alpha])
            low[at], high[at] = lo, hi
    return low, high


def mean_bootstrap(values: np.ndarray, *, n_boot: int = 2000, ci: float = 0.95,
                   seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """:func:`entry_bootstrap` of the mean of each row of ``values`` (rows of n entries each,
    ``den = 1``), all rows at once and with the same values as one by one."""
    x = np.asarray(values, dtype=float)
    m, n = x.shape
    if n == 0 or m == 0:
        return np.full(m, np.nan), np.full(m, np.nan)
    _z(ci)
    idx = draws(n, n_boot, seed)
    alpha, low, high = (1 - ci) / 2, np.empty(m), np.empty(m)
    step = max(1, BATCH_FLOATS // (n_boot * n))
    for i in range(0, m, step):
        part = x[i:i + step]  # each resample summed as entry_bootstrap sums it: a row of n
        sums = resample_sums(part, idx)  # (rows, n_boot)
        low[i:i + step], high[i:i + step] = quantiles(sums / float(n), [alpha, 1 - alpha])
    return low, high


def difference_bootstrap(target: np.ndarray, baseline: np.ndarray, *, n_boot: int = 2000,
                         ci: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Percentile bootstrap interval of ``mean(target) - mean(baseline)``, one value per entry.

    Each side is resampled within itself (entries drawn with replacement, as many as it has):
    ``scipy.stats.bootstrap((target, baseline), ..., method="percentile")``, generator
    ``default_rng(seed)``; a side whose values are all equal (one entry) is held fixed. NaN when
    a side is empty.
    """
    x, y = np.asarray(target, dtype=float), np.asarray(baseline, dtype=float)
    if not len(x) or not len(y):
        return np.nan, np.nan
    rng = np.random.default_rng(seed)
    if np.ptp(x) == 0 and np.ptp(y) == 0:
        d = float(x[0] - y[0])  # every resample gives the same difference
        return d, d
    if np.ptp(y) == 0 or np.ptp(x) == 0:  # one side is constant (one entry, or equal ones)
        moving, fixed, sign = (x, y[0], 1.0) if np.ptp(y) == 0 else (y, x[0], -1.0)
        res = stats.bootstrap((moving,), np.mean, confidence_level=ci, n_resamples=n_boot,
                              method="percentile", rng=rng).confidence_interval
        ends = sorted((sign * (res.low - fixed), sign * (res.high - fixed)))
        return float(ends[0]), float(ends[1])
    res = stats.bootstrap((x, y), _mean_difference, vectorized=True, paired=False,
                          confidence_level=ci, n_resamples=n_boot, method="percentile",
                          rng=rng)
    return float(res.confidence_interval.low), float(res.confidence_interval.high)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def permutation_p(num: np.ndarray, den: np.ndarray, is_target: np.ndarray, *,
                  n_resamples: int = 9999, seed: int = 0) -> np.ndarray:
    """Two-sided permutation p-values of differences of ratios of sums between two groups.

    ``num`` and ``den`` have one row per entry and one column per statistic; ``is_target`` marks
    the entries of the target. Statistic ``j`` is ``sum(num[t, j]) / sum(den[t, j]) -
    sum(num[b, j]) / sum(den[b, j])`` (t the target's entries, b the baseline's): a difference of
    means with ``den = 1`` (tone), of relative frequencies with ``den`` the entries' token counts
    (keyness). Entries, not sentences or tokens, are exchanged between the groups:
    ``scipy.stats.permutation_test(..., permutation_type="independent", alternative="two-sided")``,
    exact when there are no more distinct splits than ``n_resamples``, else ``n_resamples`` random
    ones (generator ``default_rng(seed)``; p is then ``(1 + hits) / (1 + n_resamples)``, never
    0). Every statistic sees the same permutations. Returns NaN when a group is empty.
    """
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    if num.ndim == 1:
        return permutation_p(num[:, None], den[:, None], is_target,
                             n_resamples=n_resamples, seed=seed)
    side = np.asarray(is_target, dtype=bool)
    k = num.shape[1]
    if side.all() or not side.any() or k == 0:
        return np.full(k, np.nan)
    data = np.hstack([num, den]).T  # (2k, entries): the permuted axis last
    x, y = data[:, side], data[:, ~side]

    def statistic(a: np.ndarray, b: np.ndarray, axis: int = -1) -> np.ndarray:
        sa, sb = a.sum(axis=axis), b.sum(axis=axis)
        with np.errstate(invalid="ignore", divide="ignore"):
            d = sa[..., :k] / sa[..., k:] - sb[..., :k] / sb[..., k:]
        return np.concatenate([d, np.zeros_like(d)], axis=-1)

    if min(x.shape[1], y.shape[1]) < 2:  # scipy wants two per side: the n splits, by hand
        return _one_out(x, y, statistic)[:k]
    batch = max(1, BATCH_FLOATS // max(1, data.size))
    res = stats.permutation_test((x, y), statistic, permutation_type="independent",
                                 vectorized=True, n_resamples=n_resamples, batch=batch,
                                 alternative="two-sided", axis=-1,
                                 rng=np.random.default_rng(seed))
    return np.asarray(res.pvalue, dtype=float)[:k]


def _one_out(x: np.ndarray, y: np.ndarray, statistic) -> np.ndarray:
    """The exact two-sided p of :func:`permutation_p` when one side has a single entry: every
    entry in turn is that side (scipy's rule: ``2 * min(P(d >= observed), P(d <= observed))``,
    with its relative tolerance for ties)."""
    data = np.hstack([x, y])
    single_is_x = x.shape[1] == 1
    n = data.shape[1]
    observed = statistic(x, y)
    null = []
    for i in range(n):
        one, rest = data[:, [i]], np.delete(data, i, axis=1)
        null.append(statistic(one, rest) if single_is_x else statistic(rest, one))
    null = np.array(null)
    eps = 1e-14 * np.maximum(1.0, np.abs(observed))
    greater = (null >= observed - eps).mean(axis=0)
    less = (null <= observed + eps).mean(axis=0)
    return np.minimum(1.0, 2 * np.minimum(greater, less))


def holm(p) -> np.ndarray:
    """Holm's step-down adjustment of a family of p-values (Holm 1979); NaN stays NaN.

    With the m non-missing p-values sorted, ``p_(i)`` becomes ``max_{j <= i} min(1, (m - j + 1)
    p_(j))``. It controls the family-wise error rate: reject where the adjusted p < alpha.
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m:
        order = np.argsort(p[ok], kind="stable")
        scaled = np.minimum(1.0, (m - np.arange(m)) * p[ok][order])
        adjusted = np.empty(m)
        adjusted[order] = np.maximum.accumulate(scaled)
        out[ok] = adjusted
    return out


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini-Hochberg q-values of a family of p-values (false discovery rate); NaN stays NaN.

    ``scipy.stats.false_discovery_control(p, method="bh")`` over the non-missing values.
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        out[ok] = stats.false_discovery_control(p[ok], method="bh")
    return out
