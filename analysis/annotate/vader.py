"""VADER: the compound sentiment score of a text, vaderSentiment 3.3.2's rules, fast.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM-14) sums the valences of lexicon words, adjusted by rules (boosters,
negation, "but", capitals, punctuation), and normalizes the sum ``x`` to the compound score
``x / sqrt(x**2 + 15)`` in (-1, 1), rounded to 4 decimals.

This is our own implementation of ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer``
3.3.2 (its lexicon, emoji list and rule tables, read from the installed wheel), equal to it
float for float. The rules are the same and applied in the same order; what differs is only
where the work is done:

* every whitespace token is looked at once per process (:meth:`Vader332.token`): the word as
  scored (:func:`as_scored`), lower-cased, whether it is in capitals, its lexicon valence, its
  booster value and whether it negates (the reference redoes this for every word it looks at,
  up to seven times per word);
* only the lexicon words of a text get a valence computed (every other word is 0), and a text
  with no lexicon word skips the rules;
* :func:`compounds` scores a batch of texts with NumPy over token ids
  (:mod:`analysis.annotate.vader_batch`), several times faster again.

The quirks of 3.3.2 are kept: "kind of", "no" negating the next lexicon word, the three-word
windows of boosters and negations measured on whitespace tokens, "never so/this" x1.25 (and
any "so/this" right before the word when the word three back is not a lexicon word), "without
doubt", "least", idioms matched on lower-cased words, and the "but" rule's ``list.index``
bookkeeping (each valence is scaled at the place of the first valence equal to it, as that one
stands after the scaling so far).
``tests/annotate/test_vader_batch.py`` checks the equality on the samples, the development
reports and 100,000 generated sentences.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from analysis.annotate.vader_rules import (
    BOOSTER_DICT,
    MAX_TOKENS,
    NEGATE,
    SPECIAL_CASES,
    as_scored,
    but_rule,
    emphasis,
    finish,
    word_valences,
)

__all__ = ["Vader332", "analyzer", "as_scored", "compound", "compounds"]

_NEGATE = frozenset(NEGATE)


def _read_pairs(path: Path) -> list[tuple[str, str]]:
    """The first two tab-separated fields of each line (the reference's ``make_*_dict``)."""
    text = path.read_text(encoding="utf-8")
    return [tuple(line.strip().split("\t")[0:2]) for line in text.rstrip("\n").split("\n") if line]


class CharSet(frozenset):
    """A frozenset of characters (the emoji) whose ``isdisjoint(text)`` answers an ASCII text
    at once when the set holds no ASCII character (``str.isascii`` is a flag of the string,
    while ``isdisjoint`` looks at every character)."""

    def __new__(cls, items=()):
        self = super().__new__(cls, items)
        self.ascii_free = not any(c.isascii() for c in self)
        return self

    def isdisjoint(self, other) -> bool:
        if self.ascii_free and isinstance(other, str) and other.isascii():
            return True
        return super().isdisjoint(other)


class Vader332:
    """VADER with vaderSentiment 3.3.2's lexicon and rules (see the module notes).

    A token's look-up (:meth:`token`) is a tuple ``(word, lower, is_upper, in_lexicon,
    valence, booster, negates)``: ``valence`` is the lexicon valence, None for a word outside
    the lexicon or a booster (which score 0); ``booster`` is 0.0 for a word that is none.
    """

    def __init__(self, lexicon_file: str | Path, emoji_file: str | Path) -> None:
        self.lexicon = {word: float(value) for word, value in _read_pairs(Path(lexicon_file))}
        self.emojis = dict(_read_pairs(Path(emoji_file)))
        self._emoji_chars = CharSet(self.emojis)

    @property
    def lexicon(self) -> dict[str, float]:
        """The lexicon (lower-case word -> valence); setting it starts the look-ups afresh."""
        return self._lexicon

    @lexicon.setter
    def lexicon(self, value: dict[str, float]) -> None:
        self._lexicon = value
        self._tokens: dict[str, tuple] = {}
        self._batch = None

    def token(self, token: str) -> tuple:
        """The look-up of a whitespace token (class notes), made once and kept."""
        known = self._tokens.get(token)
        if known is None:
            if len(self._tokens) >= MAX_TOKENS:
                self._tokens = {}
            word = as_scored(token)
            low = word.lower()
            value = self._lexicon.get(low)
            booster = BOOSTER_DICT.get(low, 0.0)
            known = (word, low, word.isupper(), value is not None,
                     None if low in BOOSTER_DICT else value, booster,
                     low in _NEGATE or "n't" in low)
            self._tokens[token] = known
        return known

    @property
    def rule_words(self) -> frozenset[str]:
        """Every lower-case word a rule or the lexicon looks at: lexicon words, boosters,
        negations, idiom words and the words the rules name ("but", "no", "least" ...)."""
        if getattr(self, "_rule_words", None) is None:
            phrases = [*self.lexicon, *BOOSTER_DICT, *NEGATE, *SPECIAL_CASES]
            self._rule_words = frozenset(w.lower() for p in phrases for w in p.split()) | {
                "no", "or", "nor", "never", "so", "this", "without", "doubt", "kind", "of",
                "but", "least", "at", "very"}
        return self._rule_words

    def same_score(self, text: str, other: str) -> bool:
        """True when ``other`` (``text`` with some whitespace words replaced, as
        :func:`analysis.annotate.sentence_tone.mask` does) is sure to get the score of ``text``: every
        replaced and replacing word is one no rule and no lexicon entry looks at, keeps its
        capitals, and has as many "!" and "?"; no emoji. False means "score it"."""
        if not self._emoji_chars.isdisjoint(text) or not self._emoji_chars.isdisjoint(other):
            return False
        words, others = text.split(), other.split()
        if len(words) != len(others):
            return False
        rule_words = self.rule_words
        for a, b in zip(words, others):
            if a == b:
                continue
            if a.count("!") != b.count("!") or a.count("?") != b.count("?"):
                return False
            shown = [as_scored(a), as_scored(b)]
            if shown[0].isupper() != shown[1].isupper():
                return False
            for word in shown:
                low = word.lower()
                if low in rule_words or "n't" in low:
                    return False
        return True

    def compound(self, text: str) -> float:
        """``polarity_scores(text)["compound"]`` without the positive, negative and neutral shares."""
        text, words, sentiments = self.valences(text)
        if not any(sentiments):
            return 0.0
        return finish(float(sum(self._but_check(words, sentiments))), text)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """vaderSentiment's ``polarity_scores``: neg, neu, pos and compound."""
        text, words, sentiments = self.valences(text)
        return self.score_valence(self._but_check(words, sentiments), text)

    def valences(self, text: str) -> tuple[str, list[str], list[float]]:
        """``(text as scored, its words, each word's valence before the "but" rule)``: the
        steps of :meth:`polarity_scores` before the sum (one valence per whitespace word; the
        int 0 for a word that is not scored, as in the reference)."""
        if not self._emoji_chars.isdisjoint(text):  # emoji become their descriptions
            text = "".join(self._describe(text))
        text = text.strip()
        get, look = self._tokens.get, self.token
        rows = [get(t) or look(t) for t in text.split()]
        sentiments = [0] * len(rows)
        scored = [i for i, row in enumerate(rows) if row[4] is not None]
        if scored:
            word_valences(rows, scored, sentiments)
        return text, [row[0] for row in rows], sentiments

    def _describe(self, text: str):
        prev_space = True
        for char in text:
            if char in self.emojis:
                yield ("" if prev_space else " ") + self.emojis[char]
                prev_space = False
            else:
                yield char
                prev_space = char == " "

    def _but_check(self, words: list[str], sentiments: list) -> list:
        """3.3.2's "but" rule (:func:`~analysis.annotate.vader_rules.but_rule`), in place."""
        return but_rule(words, sentiments)

    def score_valence(self, sentiments: list, text: str) -> dict[str, float]:
        """vaderSentiment's ``score_valence``: the scores of the valences of ``text``."""
        if not sentiments:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        sum_s = float(sum(sentiments))
        amplifier = emphasis(text)
        pos_sum = neg_sum = 0.0
        neu = 0
        for s in sentiments:
            if s > 0:
                pos_sum += float(s) + 1
            if s < 0:
                neg_sum += float(s) - 1
            if s == 0:
                neu += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amplifier
        total = pos_sum + math.fabs(neg_sum) + neu
        return {"neg": round(math.fabs(neg_sum / total), 3), "neu": round(math.fabs(neu / total), 3),
                "pos": round(math.fabs(pos_sum / total), 3), "compound": finish(sum_s, text)}


def _vader_dir() -> Path:
    folder = resources.files("vaderSentiment")
    if not isinstance(folder, Path) or not (folder / "vader_lexicon.txt").is_file():
        raise RuntimeError(
            f"the VADER lexicon is not a file in {folder}: install vaderSentiment==3.3.2 "
            "from a wheel (pip install vaderSentiment==3.3.2)"
        )
    return folder


@lru_cache(maxsize=1)
def analyzer() -> Vader332:
    """The analyzer, built once: the lexicon and emoji list of the vaderSentiment wheel."""
    folder = _vader_dir()
    return Vader332(folder / "vader_lexicon.txt", folder / "emoji_utf8_lexicon.txt")


def compound(text: str) -> float:
    """VADER compound score of ``text`` (Hutto & Gilbert 2014), in (-1, 1)."""
    return analyzer().compound(text)


def compounds(texts: Iterable[str]) -> np.ndarray:
    """VADER compound scores of many texts at once (float64 array, one per text), equal to
    :func:`compound` of each: NumPy over token ids (:mod:`analysis.annotate.vader_batch`)."""
    from analysis.annotate.vader_batch import scorer

    return scorer(analyzer()).compounds(texts)
