"""Intervals: the one module of resampling and score intervals that every measure uses."""

from __future__ import annotations

import numpy as np

__all__ = ["entry_bootstrap"]


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
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    n = num.shape[0]
    shape = num.shape[1:]
    if n == 0:
        return np.full(shape, np.nan), np.full(shape, np.nan)
    idx = np.random.default_rng(seed).integers(0, n, (n_boot, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        stats = num[idx].sum(axis=1) / den[idx].sum(axis=1)
    alpha = (1 - ci) / 2
    low, high = np.quantile(stats, [alpha, 1 - alpha], axis=0, method="linear")
    return low, high
