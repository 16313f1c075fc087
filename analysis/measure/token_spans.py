"""Tokens against spans: which tokens lie inside a mention or a name, and tests of words.

The per-token passes of :mod:`analysis.measure.terms` over a tokens table of millions of rows:
the span (a mention, an outlet name) that covers each token, found by binary search block by
block; whether the tokens come entry by entry in order; and a test of a word (membership, a
pattern) made once per distinct word and spread to the tokens.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.measure.id_lookup import isin, positions

__all__ = ["BLOCK", "Words", "covering", "in_token_order", "last_at_or_before"]

#: Tokens handled at once by the per-token passes: their temporaries stay small (a few MB,
#: reused), instead of a fresh array of every token for each step.
BLOCK = 1 << 20


def covering(tokens: pd.DataFrame, spans: pd.DataFrame, entries: tuple | None = None
              ) -> np.ndarray:
    """For each token, the row label in ``spans`` (entry_id, start, end; non-overlapping within
    an entry) of the span that covers it, or -1: the last span (in ``spans`` order among equal
    starts) of the token's entry starting at or before it, when it ends at or after the token.
    ``entries``: ``pd.factorize(tokens["entry_id"])``, when the caller has it."""
    out = np.full(len(tokens), -1, dtype=np.int64)
    if not len(tokens) or not len(spans):
        return out
    codes, uniques = pd.factorize(tokens["entry_id"]) if entries is None else entries
    span_code = positions(uniques, spans["entry_id"])
    # (entry, start) as one sortable integer per token and per span.
    shift = np.int64(1) << 32
    found = span_code >= 0
    if not found.any():  # no span in the tokens' entries
        return out
    span_code = span_code[found]
    span_key = span_code * shift + spans["start"].to_numpy(dtype=np.int64)[found]
    span_end = spans["end"].to_numpy(dtype=np.int64)[found]
    label = spans.index.to_numpy()[found].astype(np.int64)
    rank = np.argsort(span_key, kind="stable")
    span_key, span_end, label, span_code = span_key[rank], span_end[rank], label[rank], \
        span_code[rank]
    starts, ends = tokens["start"].to_numpy(dtype=np.int64), tokens["end"].to_numpy(dtype=np.int64)
    for a in range(0, len(tokens), BLOCK):  # each token on its own: block by block
        c = codes[a:a + BLOCK]
        j = last_at_or_before(span_key, c.astype(np.int64) * shift + starts[a:a + BLOCK])
        hit = j >= 0
        jj = np.where(hit, j, 0)
        inside = hit & (span_code[jj] == c) & (ends[a:a + BLOCK] <= span_end[jj])
        out[a:a + BLOCK][inside] = label[jj[inside]]
    return out


class Words:
    """The tokens' words factorized once: a test of a word (membership, a pattern) is made on
    the distinct words and spread to the tokens, the same answer as on every token (missing
    words: on every token)."""

    def __init__(self, token: pd.Series):
        self.token = token
        if isinstance(token.dtype, pd.CategoricalDtype):  # factorized already: its dictionary
            self.codes = token.cat.codes.to_numpy().astype(np.intp)
            self.vocab = pd.Series(token.cat.categories)
        else:
            self.codes, uniques = pd.factorize(token)
            self.vocab = pd.Series(uniques, dtype=token.dtype)
        self.whole = not (self.codes < 0).any()

    def isin(self, values) -> np.ndarray:
        if not self.whole:
            return isin(self.token, values)
        return isin(self.vocab, values)[self.codes]

    def fullmatch(self, pattern: str) -> np.ndarray:
        if not self.whole:
            return self.token.str.fullmatch(pattern).to_numpy()
        return self.vocab.str.fullmatch(pattern).to_numpy(dtype=bool)[self.codes]


def last_at_or_before(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``np.searchsorted(sorted_keys, keys, side="right") - 1``: the last position of
    ``sorted_keys`` at or before each key (-1: none). When ``keys`` are sorted (a block of the
    tokens table in entry and token order), from where each sorted key between the first and
    the last key falls among them: a search per span of the block, not per token."""
    if len(keys) < 2 or not (keys[1:] >= keys[:-1]).all():
        return np.searchsorted(sorted_keys, keys, side="right") - 1
    below = np.searchsorted(sorted_keys, keys[0], side="left")  # before every key
    upto = np.searchsorted(sorted_keys, keys[-1], side="right")
    falls = np.searchsorted(keys, sorted_keys[below:upto], side="left")  # first key >= each
    return below + np.cumsum(np.bincount(falls, minlength=len(keys))[:len(keys)]) - 1


def in_token_order(codes: np.ndarray, idx: np.ndarray) -> bool:
    """Whether tokens come entry by entry (``codes`` never decreasing) and, within an entry, in
    ``token_idx`` order one by one; checked block by block."""
    for a in range(0, max(len(codes) - 1, 0), BLOCK):
        c, i = codes[a:a + BLOCK + 1], idx[a:a + BLOCK + 1]
        same = c[1:] == c[:-1]
        if not ((c[1:] >= c[:-1]).all() and (i[1:][same] == i[:-1][same] + 1).all()):
            return False
    return True
