"""Word-meaning features of a (sentence, actor) pair: the mean word vector of each part of the
sentence seen from the actor (dense features of the tone model).

The words of a pair's sparse features (:mod:`analysis.annotate.tone_features`) are the words of
its training pairs; a word never seen there weighs nothing. Here each content word (not a stop
word, not inside an actor's name) stands for its static vector
(:mod:`analysis.knowledge.tone_vectors`), and a pair is described by the mean vector (Mitchell &
Lapata 2010, additive composition; Wieting et al. 2016 for averaged word vectors as sentence
features) of five parts of its sentence, pooled over the actor's mentions:

* ``L``, ``R``: the words of the mention's clause before and after it;
* ``N``: the words of the clause at most :data:`NEAR` units from the mention, either side;
* ``G``: the words of the clause inside a negation's scope;
* ``S``: the whole sentence.

A part with no word with a vector is zeros. Each sentence's vectors are summed once (prefix
sums), so a part is two row lookups per mention.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["NEAR", "SLOTS", "pair_vector", "sentence_sums"]

#: The parts of the sentence, in the order of the dense features.
SLOTS = ("L", "R", "N", "G", "S")
#: How many units on each side of a mention count as near it.
NEAR = 4


def sentence_sums(rows: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Prefix sums of the vectors and of the counts of the sentence's content words: ``rows``
    is the table row of each unit (the table's last row, zeros, for a unit without one)."""
    known = (rows != len(table) - 1).astype(np.float64)
    sums = np.zeros((len(rows) + 1, table.shape[1]))
    np.cumsum(table[rows], axis=0, out=sums[1:])
    counts = np.zeros(len(rows) + 1)
    np.cumsum(known, out=counts[1:])
    return sums, counts


def pair_vector(geometry: Sequence[tuple[int, int, int, int, Sequence[int]]],
                sums: np.ndarray, counts: np.ndarray, rows: np.ndarray,
                table: np.ndarray) -> np.ndarray:
    """The dense features of one pair: for each part of :data:`SLOTS`, the mean vector over the
    actor's mentions, each mention given as ``(at, last, lo, hi, negated)`` (its first and last
    unit, its clause ``[lo, hi)``, the units of the clause in a negation's scope)."""
    dims = table.shape[1]
    total = np.zeros((len(SLOTS), dims))
    n = np.zeros(len(SLOTS))
    end = len(rows)
    for at, last, lo, hi, negated in geometry:
        spans = ((0, lo, at), (1, last + 1, hi), (2, max(lo, at - NEAR), at),
                 (2, last + 1, min(hi, last + 1 + NEAR)), (4, 0, end))
        for slot, a, b in spans:
            if b > a:
                total[slot] += sums[b] - sums[a]
                n[slot] += counts[b] - counts[a]
        if negated:
            picked = rows[list(negated)]
            total[3] += table[picked].sum(axis=0)
            n[3] += int((picked != len(table) - 1).sum())
    np.divide(total, n[:, None], out=total, where=n[:, None] > 0)
    return total.ravel()
