"""Resampling entries: the draws of a bootstrap, the sums over them and their quantiles.

The arithmetic under :mod:`analysis.measure.intervals`: which entries each resample draws
(``numpy.random.default_rng(seed)``, cached for small sizes), how often each entry is drawn, the
sums of values over the draws in NumPy's own order of summation, and the quantiles of the
resampled statistics as ``np.quantile`` computes them. Each is exact: the tests compare them with
the NumPy calls they stand for, bit for bit.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

__all__ = ["BATCH_FLOATS", "draws", "quantiles", "resample_sums", "weights", "whole"]

#: Largest number of floats a batch of resamples or permutations may hold (about 40 MB).
BATCH_FLOATS = 5_000_000


def resample_sums(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """``np.take(x, idx, axis=1).sum(axis=2)``: each row of ``x`` summed over each resample of
    ``idx`` (n_boot, n), as NumPy sums a row. Below 8 values NumPy's pairwise summation adds
    them one after the other (from -0.0, the sum then added to 0.0): so here, a column of draws
    at a time, without gathering the (rows, n_boot, n) array."""
    n = idx.shape[1]
    if n >= 8:
        return np.take(x, idx, axis=1).sum(axis=2)
    acc = np.take(x, idx[:, 0], axis=1)  # -0.0 + a0 is a0
    for j in range(1, n):
        acc += np.take(x, idx[:, j], axis=1)
    return acc + 0.0


def quantiles(values: np.ndarray, q: list[float]) -> np.ndarray:
    """``np.quantile(values, q, axis=-1, method="linear")`` from the rows sorted (NumPy's SIMD
    sort is faster than the partition ``np.quantile`` makes): the same order statistics and
    NumPy's interpolation (``numpy.lib._function_base_impl._lerp``); rows holding a NaN are
    left to ``np.quantile``."""
    s = np.sort(values, axis=-1)
    n = s.shape[-1]
    if n == 0:
        return np.quantile(values, q, axis=-1, method="linear")
    at = np.asarray(q, dtype=float)
    virtual = (n - 1) * at  # Hyndman & Fan's method 7, as NumPy computes it
    before = np.floor(virtual)
    after = before + 1
    before[virtual >= n - 1], after[virtual >= n - 1] = -1, -1
    before[virtual < 0], after[virtual < 0] = 0, 0
    t = (virtual - before).reshape(-1, *(1,) * (s.ndim - 1))
    a = np.moveaxis(s[..., before.astype(np.intp)], -1, 0)
    b = np.moveaxis(s[..., after.astype(np.intp)], -1, 0)
    diff = b - a
    out = np.add(a, diff * t)
    np.subtract(b, diff * (1 - t), out=out, where=np.broadcast_to(t >= 0.5, out.shape))
    holes = np.isnan(s[..., -1])  # rows with a NaN: NumPy's own answer, its NaN bit for bit
    if holes.any():
        out[:, holes] = np.quantile(values[holes], q, axis=-1, method="linear")
    return out


def draws(n: int, n_boot: int, seed: int) -> np.ndarray:
    """The entries each resample draws: ``default_rng(seed).integers(0, n, (n_boot, n))``."""
    return (_cached_draws(n, n_boot, seed) if n * n_boot <= BATCH_FLOATS
            else np.random.default_rng(seed).integers(0, n, (n_boot, n)))


@lru_cache(maxsize=64)
def _cached_draws(n: int, n_boot: int, seed: int) -> np.ndarray:
    idx = np.random.default_rng(seed).integers(0, n, (n_boot, n)).astype(np.int32)
    idx.setflags(write=False)
    return idx


def weights(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each resample (row of ``idx``) draws each of the ``n`` entries."""
    flat = (idx + (np.arange(len(idx), dtype=np.int64) * n)[:, None]).ravel()
    return np.bincount(flat, minlength=idx.size).reshape(idx.shape).astype(float)


def whole(x: np.ndarray, n: int) -> bool:
    """Whole numbers small enough that any order of summing n of them gives the same sum."""
    return bool(x.size == 0 or (np.isfinite(x).all() and (x == np.rint(x)).all()
                                and n * np.abs(x).max() < 2.0 ** 52))
