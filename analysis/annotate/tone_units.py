"""The units of a sentence for the tone model's features: its words and marks, each with what
the features read of it (stem, valence, word-list classes, word vector), computed once per
sentence and word.

The words are those of the workbook's tokenizer (:func:`analysis.text.tokenize.tokenize`: its
pattern, possessives cut, normalized), scanned directly in one pass with the punctuation marks
(a sentence is far below the length that tokenizer cuts texts at, and needs none of its time
guard); a possessive ``'s`` is a unit of its own. What a word carries is looked up once per
distinct word (:func:`word_info`) and kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from analysis.annotate.clause_tone import domain_analyzer
from analysis.knowledge.tone_lexicon import ToneLexicon
from analysis.knowledge.tone_vectors import ToneVectors
from analysis.knowledge.tone_words import ToneWords
from analysis.text.tokenize import TOKEN_PATTERN, normalize, stem, stopwords

__all__ = ["Sentence", "Unit", "sentence_units", "word_info"]

_MARKS = ",;:()[]!?\"“”—–-/"
#: Words (the tokenizer's pattern, compiled as NLTK compiles it: the ``regex`` engine, whose
#: ``\w`` is not ``re``'s) or single marks, in order.
_SCAN = regex.compile(f"({TOKEN_PATTERN})|[{regex.escape(_MARKS)}]",
                      regex.UNICODE | regex.MULTILINE | regex.DOTALL)
_POSSESSIVE = ("'s", "’s", "'S", "’S")


@dataclass(frozen=True, slots=True)
class Unit:
    """A word or mark of a sentence: ``norm`` (normalized; the mark itself; ``'s`` for a
    possessive), its stem, offsets, domain valence, word-list classes, whether it is a hostile
    act (``tone.toml`` ``[victim] acts``), a punctuation mark, the mentions (indices) it lies
    in, its word feature names, and its row of the word vectors (the unknown row for a mark,
    a stop word or a name)."""

    norm: str
    stem: str
    start: int
    end: int
    valence: float
    classes: frozenset[str]
    act: bool
    mark: bool
    owners: frozenset[int]
    names: tuple[str, ...] = ()
    vec: int = -1


@dataclass(frozen=True, slots=True)
class Sentence:
    """The units of a sentence, their offsets, each mention's units (words first; "'s"
    counts as a word), the units of reporting words, the number of words before each unit
    and the vector row of each unit."""

    units: tuple[Unit, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    mentions: tuple[tuple[int, ...], ...]
    reporting: tuple[int, ...]
    rank: tuple[int, ...]  # rank[i]: the number of words (not marks) before unit i
    rows: np.ndarray


#: Word-feature slots: anywhere, by side, by side and distance (see tone_features).
SLOTS = ("w", "wL", "wR", "wL1", "wL2", "wL3", "wR1", "wR2", "wR3")


@lru_cache(maxsize=256)
def slot_names(name: str) -> tuple[str, ...]:
    return tuple(f"{slot}:{name}" for slot in SLOTS)


@lru_cache(maxsize=131072)
def word_info(norm: str, lexicon: ToneLexicon, words: ToneWords,
              vectors: ToneVectors | None) -> tuple:
    """``(stem, valence, classes, act, word feature names, vector row)`` of a normalized word."""
    root = stem(norm)
    row = -1 if vectors is None or norm in stopwords() else vectors.row(norm)
    return (root, float(domain_analyzer(lexicon).lexicon.get(norm, 0.0)), words.classes(norm),
            lexicon.act_pattern.fullmatch(norm) is not None,
            tuple(f"{slot}:{root}" for slot in SLOTS), row)


@lru_cache(maxsize=65536)
def _normal(word: str) -> str:
    return normalize(word)


_NONE: frozenset[int] = frozenset()
_EMPTY: frozenset[str] = frozenset()


def _pieces(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _SCAN.finditer(text):
        a, b = m.span()
        word = m.group(1)
        if word is None:
            out.append((m.group(), a, b))
            continue
        cut = len(word) > 2 and word.endswith(_POSSESSIVE)
        if cut:
            word = word[:-2]
        out.append((_normal(word), a, b - 2 if cut else b))
        if cut and text[b - 1] == "s":
            out.append(("'s", b - 2, b))
    return out


@lru_cache(maxsize=4096)
def sentence_units(text: str, spans: tuple[tuple[int, int], ...], lexicon: ToneLexicon,
                   words: ToneWords, vectors: ToneVectors | None = None) -> Sentence:
    """The units of sentence ``text`` in order; ``spans`` are the mentions' offsets."""
    pieces = _pieces(text)
    starts = [a for _, a, _ in pieces]
    ends = [b for _, _, b in pieces]
    owned: dict[int, set[int]] = {}
    found = []
    for k, (s, e) in enumerate(spans):  # the units that overlap span k: end > s, start < e
        inside = range(bisect_right(ends, s), bisect_left(starts, e))
        for i in inside:
            owned.setdefault(i, set()).add(k)
        found.append(tuple([i for i in inside if pieces[i][0][:1].isalnum()]
                           + [i for i in inside if not pieces[i][0][:1].isalnum()]))
    unknown = -1 if vectors is None else vectors.unknown
    units, rows, reporting, rank, count = [], [], [], [], 0
    possessive = slot_names("'s")
    for i, (norm, a, b) in enumerate(pieces):
        owners = frozenset(owned[i]) if i in owned else _NONE
        rank.append(count)
        if norm[:1].isalnum():
            root, valence, classes, act, names, row = word_info(norm, lexicon, words, vectors)
            if owners or row < 0:
                row = unknown
            units.append(Unit(norm, root, a, b, valence, classes, act, False, owners, names, row))
            if "reporting" in classes:
                reporting.append(i)
            count += 1
        elif norm == "'s":
            units.append(Unit(norm, norm, a, b, 0.0, _EMPTY, False, False, owners, possessive,
                              unknown))
            count += 1
        else:
            units.append(Unit(norm, norm, a, b, 0.0, _EMPTY, False, True, owners, (), unknown))
        rows.append(units[-1].vec)
    return Sentence(tuple(units), tuple(starts), tuple(ends), tuple(found), tuple(reporting),
                    tuple(rank), np.asarray(rows, dtype=np.int64))
