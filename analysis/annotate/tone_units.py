"""The units of a sentence for the tone model's features: its words and marks, each with what
the features read of it (stem, valence, word-list classes, feature names), computed once per
sentence and word.

The words are those of the workbook's tokenizer (:func:`analysis.text.tokenize.tokenize`: its
pattern, possessives cut, normalized), scanned directly in one pass with the punctuation marks
(a sentence is far below the length that tokenizer cuts texts at, and needs none of its time
guard); a possessive ``'s`` is a unit of its own. What a word carries is looked up once per
distinct word (:func:`word_info`) and kept. A phrase of ``analysis/data/tone_phrases.toml``
("lost its way") gives its valence to its first word and none to the others.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import regex

from analysis.annotate.clause_tone import domain_analyzer
from analysis.knowledge.tone_lexicon import ToneLexicon
from analysis.knowledge.tone_words import PRONOUNS, ToneWords
from analysis.text.tokenize import TOKEN_PATTERN, normalize, stem

__all__ = ["Sentence", "Unit", "sentence_units", "word_info"]

_MARKS = ",;:()[]!?\"“”—–-/"
#: Words (the tokenizer's pattern, compiled as NLTK compiles it: the ``regex`` engine, whose
#: ``\w`` is not ``re``'s) or single marks, in order.
_SCAN = regex.compile(f"({TOKEN_PATTERN})|[{regex.escape(_MARKS)}]",
                      regex.UNICODE | regex.MULTILINE | regex.DOTALL)
_POSSESSIVE = ("'s", "’s", "'S", "’S")


@dataclass(slots=True)
class Unit:
    """A word or mark of a sentence: ``norm`` (normalized; the mark itself; ``'s`` for a
    possessive), its stem, offsets, domain valence, word-list classes, whether it is a hostile
    act (``tone.toml`` ``[victim] acts``), a punctuation mark, the mentions (indices) it lies
    in, and its word feature names. Made once per unit of every sentence: a slotted, not a
    frozen, dataclass (five times cheaper to build); never changed once made."""

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


@dataclass(frozen=True, slots=True)
class Sentence:
    """The units of a sentence, their offsets, each mention's units (words first; "'s"
    counts as a word), the units of reporting words and the number of words before each
    unit."""

    units: tuple[Unit, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    mentions: tuple[tuple[int, ...], ...]
    reporting: tuple[int, ...]
    rank: tuple[int, ...]  # rank[i]: the number of words (not marks) before unit i
    contrasts: tuple[int, ...] = ()  # the units of contrast words ("but", "while")


#: Word-feature slots: anywhere, by side, by side and distance (see tone_features).
SLOTS = ("w", "wL", "wR", "wL1", "wL2", "wL3", "wR1", "wR2", "wR3")


@lru_cache(maxsize=256)
def slot_names(name: str) -> tuple[str, ...]:
    return tuple(f"{slot}:{name}" for slot in SLOTS)


@lru_cache(maxsize=131072)
def word_info(norm: str, lexicon: ToneLexicon, words: ToneWords) -> tuple:
    """``(stem, valence, classes, act, word feature names)`` of a normalized word."""
    root = stem(norm)
    return (root, float(domain_analyzer(lexicon).lexicon.get(norm, 0.0)), words.classes(norm),
            lexicon.act_pattern.fullmatch(norm) is not None,
            tuple(f"{slot}:{root}" for slot in SLOTS))


#: Per (lexicon, word lists): normalized word -> :func:`word_info` (plain dicts: a look-up per
#: word hashes only the word).
_INFO: dict[tuple[ToneLexicon, ToneWords], dict[str, tuple]] = {}
_NORMAL: dict[str, str] = {}
_LIMIT = 200_000  # words kept per cache before it starts again


def _infos(lexicon: ToneLexicon, words: ToneWords) -> dict[str, tuple]:
    key = (lexicon, words)
    got = _INFO.get(key)
    if got is None or len(got) > _LIMIT:
        got = _INFO[key] = {}
    return got


def clear_caches() -> None:
    """Forget every word and sentence seen (for cold-cache measurements)."""
    _INFO.clear()
    _NORMAL.clear()
    sentence_units.cache_clear()
    word_info.cache_clear()


_NONE: frozenset[int] = frozenset()
_EMPTY: frozenset[str] = frozenset()


def _pieces(text: str) -> list[tuple[str, int, int]]:
    out = []
    normal = _NORMAL
    if len(normal) > _LIMIT:
        normal.clear()
    for m in _SCAN.finditer(text):
        a, b = m.span()
        word = m.group(1)
        if word is None:
            out.append((m.group(), a, b))
            continue
        cut = len(word) > 2 and word.endswith(_POSSESSIVE)
        if cut:
            word = word[:-2]
        norm = normal.get(word)
        if norm is None:
            norm = normal[word] = normalize(word)
        out.append((norm, a, b - 2 if cut else b))
        if cut and text[b - 1] == "s":
            out.append(("'s", b - 2, b))
    return out


@lru_cache(maxsize=4096)
def sentence_units(text: str, spans: tuple[tuple[int, int], ...], lexicon: ToneLexicon,
                   words: ToneWords) -> Sentence:
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
    cache = _infos(lexicon, words)
    infos = []
    for norm, _, _ in pieces:
        if not norm[:1].isalnum():
            infos.append(None)
            continue
        info = cache.get(norm)
        if info is None:
            info = cache[norm] = word_info(norm, lexicon, words)
        infos.append(info)
    phrased = _phrases(pieces, infos, words) if words.phrases else {}
    units, reporting, contrasts, rank, count = [], [], [], [], 0
    possessive = slot_names("'s")
    for i, (norm, a, b) in enumerate(pieces):
        owners = frozenset(owned[i]) if i in owned else _NONE
        rank.append(count)
        info = infos[i]
        if info is not None:
            root, valence, classes, act, names = info
            if i in phrased:
                valence = phrased[i]
            units.append(Unit(norm, root, a, b, valence, classes, act, False, owners, names))
            if "reporting" in classes:
                reporting.append(i)
            if "contrast" in classes:
                contrasts.append(i)
            count += 1
        elif norm == "'s":
            units.append(Unit(norm, norm, a, b, 0.0, _EMPTY, False, False, owners, possessive))
            count += 1
        else:
            units.append(Unit(norm, norm, a, b, 0.0, _EMPTY, False, True, owners, ()))
    return Sentence(tuple(units), tuple(starts), tuple(ends), tuple(found), tuple(reporting),
                    tuple(rank), tuple(contrasts))


def _phrases(pieces, infos, words: ToneWords) -> dict[int, float]:
    """The valence of each word unit in a phrase of ``tone_phrases.toml``: the phrase's on its
    first word, 0 on the others (the words are matched on stems, marks and "'s" skipped, "~"
    a possessive pronoun or nothing)."""
    at = [i for i, info in enumerate(infos) if info is not None]
    phrases = words.phrases
    out: dict[int, float] = {}
    p, done = 0, -1
    for p in [p for p, i in enumerate(at) if infos[i][0] in phrases]:
        if p < done:  # inside a phrase found before
            continue
        for stems, valence in phrases[infos[at[p]][0]]:
            j = p
            for want in stems:
                if want is None:
                    j += j < len(at) and pieces[at[j]][0] in PRONOUNS
                elif j < len(at) and infos[at[j]][0] == want:
                    j += 1
                else:
                    break
            else:
                done = j
                out.update((at[k], 0.0) for k in range(p + 1, j))
                out[at[p]] = valence
                break
    return out
