"""VADER over many texts at once: vaderSentiment 3.3.2's rules in NumPy over token ids.

:meth:`BatchScorer.compounds` gives the compound score of every text of a batch (Hutto & Gilbert
2014), equal to :meth:`analysis.annotate.vader.Vader332.compound` of each, float for float. The
texts are split into whitespace tokens, each token mapped to an id of a vocabulary kept for the
process, and each id to its features (lexicon valence, booster value, capitals, negation, and
one bit for each word a rule names: "no", "or"/"nor", "never", "so"/"this", "without",
"doubt", "least", "at"/"very", "kind", "of", "but", idiom words). The rules are then applied to
all lexicon words of the batch together, step by step in the reference's order, each step one
array operation over those words (the same IEEE operations as the reference's, so the same
bits). Three rare cases go through the per-text rules of
:class:`~analysis.annotate.vader.Vader332` instead: a text with an emoji (replaced by its
description first), an idiom or booster bigram near a lexicon word (the idiom check), and a text
with "but" (its ``list.index`` bookkeeping depends on equal valences).

The sum of each text's valences is taken in word order (``numpy.bincount`` adds in index order,
as Python's ``sum`` does), and the last steps (emphasis, normalization, ``round``) are Python's
own, per text with a nonzero sum. A batch of fewer than :data:`SMALL` texts is scored text by
text instead: there, the fixed cost of the array operations is more than they save.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, repeat
from typing import Any

import numpy as np

from analysis.annotate.vader_rules import (
    BOOSTER_DICT,
    C_INCR,
    MAX_TOKENS,
    N_SCALAR,
    SPECIAL_CASES,
    finish,
    idioms,
)

__all__ = ["BatchScorer", "scorer"]

INLEX, SCORED, UP, NEG, NO, ORNOR, NEVER, SOTHIS, WITHOUT, DOUBT, LEAST, ATVERY, KIND, OF, BUT, \
    IDIOM = (1 << k for k in range(16))
_NAMED = {"no": NO, "or": ORNOR, "nor": ORNOR, "never": NEVER, "so": SOTHIS, "this": SOTHIS,
          "without": WITHOUT, "doubt": DOUBT, "least": LEAST, "at": ATVERY, "very": ATVERY,
          "kind": KIND, "of": OF, "but": BUT}
#: Fewer texts than this are scored one by one (the array operations cost more than they save).
SMALL = 32
#: Words of the idioms and booster bigrams too common to mark: each phrase keeps a marked word.
_COMMON = frozenset({"the", "of", "to", "for"})
_PHRASES = [p.split() for p in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in p]
_IDIOM_WORDS = frozenset(w for words in _PHRASES for w in words if w not in _COMMON)
assert all(set(words) & _IDIOM_WORDS for words in _PHRASES)


class BatchScorer:
    """The vocabulary of token ids and their features for one analyzer (and its lexicon):
    ``vader`` is a :class:`~analysis.annotate.vader.Vader332` (its ``token``, ``compound``,
    ``lexicon`` and ``_emoji_chars``)."""

    def __init__(self, vader: Any) -> None:
        self.vader = vader
        self.lexicon = vader.lexicon
        points = [ord(c) for c in vader._emoji_chars if len(c) == 1]
        self._emoji = np.zeros(max(points) + 2, dtype=bool)  # by code point; the last: False
        self._emoji[points] = True
        self._reset()

    def _reset(self) -> None:
        self.ids: dict[str, int] = {}
        self.lows: list[str] = []
        self.flags = np.zeros(1024, dtype=np.int32)
        self.values = np.zeros(1024)
        self.boosts = np.zeros(1024)

    def _add(self, tokens: list[str]) -> None:
        """Give ids to new tokens (growing the feature arrays as needed)."""
        start = len(self.ids)
        need = start + len(tokens)
        if need > len(self.flags):
            size = max(need, 2 * len(self.flags))
            for name in ("flags", "values", "boosts"):
                grown = np.zeros(size, dtype=getattr(self, name).dtype)
                grown[:start] = getattr(self, name)[:start]
                setattr(self, name, grown)
        flags, values, boosts = [], [], []
        for k, token in enumerate(tokens, start):
            _, low, up, inlex, value, booster, neg = self.vader.token(token)
            self.ids[token] = k
            self.lows.append(low)
            flags.append(INLEX * inlex | SCORED * (value is not None) | UP * up | NEG * neg
                         | _NAMED.get(low, 0) | IDIOM * (low in _IDIOM_WORDS))
            values.append(value if value is not None else 0.0)
            boosts.append(booster)
        self.flags[start:need], self.values[start:need], self.boosts[start:need] = \
            flags, values, boosts

    def compounds(self, texts: Iterable[str]) -> np.ndarray:
        """The compound score of each of ``texts`` (float64), as ``Vader332.compound``."""
        texts = list(texts)
        if len(texts) < SMALL:
            return np.array([self.vader.compound(t) for t in texts], dtype=np.float64)
        out = np.zeros(len(texts))
        slow = self._with_emoji(texts)
        split = [t.split() if k not in slow else [] for k, t in enumerate(texts)] if slow else \
            [t.split() for t in texts]
        lens = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        tokens = list(chain.from_iterable(split))
        ids = np.fromiter(map(self.ids.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        missing = np.flatnonzero(ids < 0).tolist()
        if missing:
            new = list(dict.fromkeys(tokens[k] for k in missing))
            if len(self.ids) + len(new) > MAX_TOKENS:  # start again, with this batch's tokens
                self._reset()
                new, missing = list(dict.fromkeys(tokens)), range(len(tokens))
            self._add(new)
            ids[missing] = [self.ids[tokens[k]] for k in missing]
        totals, rework = self._sums(ids, lens)
        for k in sorted(slow | rework):
            out[k] = self.vader.compound(texts[k])
        for k in np.flatnonzero(totals).tolist():
            if k not in rework and k not in slow:
                out[k] = finish(float(totals[k]), texts[k])
        return out

    def _with_emoji(self, texts: list[str]) -> set[int]:
        """The texts holding an emoji (one pass over the characters of the batch)."""
        joined = "".join(texts)
        if joined.isascii():
            return set()
        try:
            chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
            if not self._emoji[np.minimum(chars, len(self._emoji) - 1)].any():
                return set()
        except UnicodeEncodeError:  # a lone surrogate: look text by text
            pass
        chars = self.vader._emoji_chars
        return {k for k, t in enumerate(texts) if not t.isascii() and not chars.isdisjoint(t)}

    def _sums(self, ids: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, set[int]]:
        """Each text's sum of valences (in word order), and the texts to score one by one."""
        n = len(lens)
        flags = self.flags[ids]
        ends = np.cumsum(lens)
        starts = ends - lens
        text_of = np.repeat(np.arange(n), lens)
        where = np.flatnonzero(flags & SCORED)
        if not len(where):
            return np.zeros(n), set()
        text = text_of[where]
        i = where - starts[text]  # position in its text
        last = lens[text] - 1
        keep = ~(((flags[where] & KIND) != 0) & (i < last)
                 & ((flags[np.minimum(where + 1, len(ids) - 1)] & OF) != 0))
        where, text, i, last = where[keep], text[keep], i[keep], last[keep]

        def at(shift: int) -> tuple[np.ndarray, np.ndarray]:
            """Flags and boosters of the word ``shift`` away (0 where there is none)."""
            valid = (i >= -shift) if shift < 0 else (i + shift <= last)
            k = np.clip(where + shift, 0, len(ids) - 1)
            return np.where(valid, flags[k], 0), np.where(valid, self.boosts[ids[k]], 0.0)

        def has(f: np.ndarray, bit: int) -> np.ndarray:
            return (f & bit) != 0

        f0, (f1, b1), (f2, b2), (f3, b3) = flags[where], at(-1), at(-2), at(-3)
        fn1, fn2 = at(1)[0], at(2)[0]
        up_cum = np.concatenate([[0], np.cumsum((flags & UP) != 0)])
        n_up = up_cum[ends] - up_cum[starts]
        cap_diff = ((n_up > 0) & (n_up < lens))[text]  # some words in capitals, not all

        base = self.values[ids[where]]
        v = np.where(has(f0, NO) & (i != last) & has(fn1, INLEX), 0.0, base)
        by_no = has(f1, NO) | has(f2, NO) | (has(f3, NO) & has(f1, ORNOR))
        v = np.where(by_no, base * N_SCALAR, v)
        v = np.where(has(f0, UP) & cap_diff, np.where(v > 0, v + C_INCR, v - C_INCR), v)
        for k, (f, b) in enumerate(((f1, b1), (f2, b2), (f3, b3))):
            step = (i > k) & ~has(f, INLEX)
            boost = step & (b != 0)
            s = np.where(v < 0, -b, b)
            s = np.where(boost & has(f, UP) & cap_diff, np.where(v > 0, s + C_INCR, s - C_INCR), s)
            s = s if k == 0 else s * (0.95 if k == 1 else 0.9)
            v = np.where(boost, v + s, v)
            if k == 0:
                v = np.where(step & has(f, NEG), v * N_SCALAR, v)
                continue
            if k == 1:
                never = has(f2, NEVER) & has(f1, SOTHIS)
                doubt = has(f2, WITHOUT) & has(f1, DOUBT)
            else:
                never = (has(f3, NEVER) & has(f2, SOTHIS)) | has(f1, SOTHIS)
                doubt = has(f3, WITHOUT) & (has(f2, DOUBT) | has(f1, DOUBT))
            v = np.where(step & never, v * 1.25,
                         np.where(step & ~never & ~doubt & has(f, NEG), v * N_SCALAR, v))
            if k == 2:
                near = has(f3 | f2 | f1 | f0 | fn1 | fn2, IDIOM) & step
                for q in np.flatnonzero(near).tolist():
                    t, pos = int(text[q]), int(i[q])
                    low = [self.lows[x] for x in ids[starts[t]:ends[t]].tolist()]
                    v[q] = idioms(float(v[q]), low, pos)
        least = ~has(f1, INLEX) & has(f1, LEAST)
        v = np.where(least & (i > 1) & ~has(f2, ATVERY), v * N_SCALAR, v)
        v = np.where(least & (i == 1), v * N_SCALAR, v)
        totals = np.bincount(text, weights=v, minlength=n)
        buts = np.flatnonzero(flags & BUT)
        if len(buts):
            _but_rule(totals, buts, text_of[buts], text, i, v, starts)
        return totals, set()


def _but_rule(totals: np.ndarray, buts: np.ndarray, but_text: np.ndarray, text: np.ndarray,
              i: np.ndarray, v: np.ndarray, starts: np.ndarray) -> None:
    """3.3.2's "but" rule for the texts holding "but", their sums redone in ``totals``.

    The reference scales each valence found by ``list.index`` (the first equal one) by 0.5
    before the first "but" and 1.5 after it. Zeros stay zero wherever they are found, so only
    the nonzero valences need the bookkeeping, and their sum in word order is the text's.
    """
    first = {}
    for t, at in zip(but_text.tolist(), buts.tolist()):
        first.setdefault(t, at - int(starts[t]))
    lo = np.searchsorted(text, list(first), side="left")
    hi = np.searchsorted(text, list(first), side="right")
    for (t, bi), a, b in zip(first.items(), lo.tolist(), hi.tolist()):
        pos = i[a:b].tolist()
        vals = v[a:b].tolist()
        keep = [k for k, x in enumerate(vals) if x != 0]
        pos = [pos[k] for k in keep]
        vals = [vals[k] for k in keep]
        for value in vals:
            si = vals.index(value)
            if pos[si] < bi:
                vals[si] = value * 0.5
            elif pos[si] > bi:
                vals[si] = value * 1.5
        totals[t] = float(sum(vals))


def scorer(vader: Any) -> BatchScorer:
    """The batch scorer of ``vader`` (a :class:`~analysis.annotate.vader.Vader332`), made once
    (again when its lexicon is set)."""
    if vader._batch is None or vader._batch.lexicon is not vader.lexicon:
        vader._batch = BatchScorer(vader)
    return vader._batch
