"""VADER: the compound sentiment score of a text, with vaderSentiment 3.3.2's rules.

VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of
Social Media Text", ICWSM-14) sums the valences of lexicon words, adjusted by rules (boosters,
negation, "but", capitals, punctuation), and normalizes the sum ``x`` to the compound score
``x / sqrt(x**2 + 15)`` in (-1, 1).

Implementation: NLTK's :class:`nltk.sentiment.vader.SentimentIntensityAnalyzer` with the
lexicon shipped in the ``vaderSentiment`` 3.3.2 wheel (NLTK's own ``vader_lexicon`` would need
a download). NLTK 3.10 reads only files under ``nltk.data.path``, so the wheel's folder is added
to ``nltk.data.path`` once (never twice) and the lexicon is loaded by its ``file:`` URL (a bare
resource name could pick up another ``vader_lexicon.txt`` from an earlier data folder).

NLTK's port predates vaderSentiment 3.3.2, and on 10 of the 403 sentences of the two sample
reports its compound score differs from vaderSentiment's (mostly sentences with "no": "Of no
less interest ...", "Protestations did no good."). The lexicon is 3.3.2's, so the rules are
brought to 3.3.2 as well, by overriding these parts of NLTK's analyzer (each marked ``3.3.2``):

1. "no" before a lexicon word negates it and loses its own valence (NLTK: "no" scores -1.2);
2. words are whitespace tokens stripped of leading/trailing punctuation unless that leaves
   two characters or fewer; one-letter words are kept (NLTK drops them, shifting the
   three-word windows of boosters and negations);
3. a word's window is that of its own position (NLTK uses the first occurrence of the word);
4. negation: "never so/this" x1.25 (NLTK x1.5), "without doubt" is not a negation, and the
   checks ignore case; idioms ignore case, add "badass", "bus stop", "to die for", "beating
   heart", drop "cut the mustard" and "hand to mouth", and booster bigrams add their own value;
5. 18 more boosters and dampeners ("major", "total", "extreme", "slight", ...);
6. emoji are replaced by their descriptions (the wheel's ``emoji_utf8_lexicon.txt``);
7. "but" halves the words before it and multiplies those after by 1.5 with 3.3.2's own
   ``list.index`` bookkeeping, reproduced as is.

The result equals ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer`` on every sentence
of the samples and on the rule fixtures of ``tests/test_sentiment.py``.
"""

from __future__ import annotations

import string
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import ClassVar

import nltk.data
from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

__all__ = ["Vader332", "analyzer", "as_scored", "compound"]


class _Constants332(VaderConstants):
    # 3.3.2 (5): boosters and dampeners NLTK lacks; (4) its special-case idioms.
    BOOSTER_DICT: ClassVar[dict[str, float]] = {
        **VaderConstants.BOOSTER_DICT,
        **dict.fromkeys(
            ["considerable", "enormous", "exceptional", "extreme", "frackin", "fracking", "fuckin",
             "fuggin", "fugging", "incredible", "major", "total", "tremendous", "utter"],
            VaderConstants.B_INCR,
        ),
        **dict.fromkeys(["marginal", "occasional", "scarce", "slight"], VaderConstants.B_DECR),
    }
    SPECIAL_CASE_IDIOMS: ClassVar[dict[str, float]] = {
        "the shit": 3, "the bomb": 3, "bad ass": 1.5, "badass": 1.5, "bus stop": 0.0,
        "yeah right": -2, "kiss of death": -1.5, "to die for": 3, "beating heart": 3.5,
    }


def as_scored(token: str) -> str:
    """A whitespace token as VADER 3.3.2 scores it: stripped of leading and trailing
    punctuation unless that leaves two characters or fewer (then as written)."""
    stripped = token.strip(string.punctuation)
    return token if len(stripped) <= 2 else stripped


class _SentiText332(SentiText):
    def _words_and_emoticons(self) -> list[str]:  # 3.3.2 (2)
        words = [as_scored(token) for token in self.text.split()]
        self.lower_words = [w.lower() for w in words]
        return words


class Vader332(SentimentIntensityAnalyzer):
    """NLTK's SentimentIntensityAnalyzer with vaderSentiment 3.3.2's rules (see module notes)."""

    def __init__(self, lexicon_file: str, emoji_file: str) -> None:
        super().__init__(lexicon_file=lexicon_file)
        self.constants = _Constants332()
        text = nltk.data.load(emoji_file, format="text")
        self.emojis = dict(line.strip().split("\t")[0:2] for line in text.rstrip("\n").split("\n"))
        self._emoji_chars = frozenset(self.emojis)

    @property
    def rule_words(self) -> frozenset[str]:
        """Every lower-case word a rule or the lexicon looks at: lexicon words, boosters,
        negations, idiom words and the words the rules name ("but", "no", "least" ...)."""
        if getattr(self, "_rule_words", None) is None:
            c = self.constants
            phrases = [*self.lexicon, *c.BOOSTER_DICT, *c.NEGATE, *c.SPECIAL_CASE_IDIOMS]
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
        """``polarity_scores(text)["compound"]`` without the positive, negative and neutral
        shares (NLTK's ``score_valence``, its compound part)."""
        text, words, sentiments = self.valences(text)
        sentiments = self._but_check(words, sentiments)
        if not sentiments:
            return 0.0
        total = float(sum(sentiments))
        emphasis = self._punctuation_emphasis(total, text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return float(round(self.constants.normalize(total), 4))

    def polarity_scores(self, text: str) -> dict[str, float]:
        text, words, sentiments = self.valences(text)
        return self.score_valence(self._but_check(words, sentiments), text)

    def valences(self, text: str) -> tuple[str, list[str], list[float]]:
        """``(text as scored, its words, each word's valence before the "but" rule)``: the
        steps of :meth:`polarity_scores` before the sum (one valence per whitespace word)."""
        if not self._emoji_chars.isdisjoint(text):  # 3.3.2 (6); the text as is when no emoji
            text = "".join(self._describe(text))
        text = text.strip()
        c = self.constants
        sentitext = _SentiText332(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)
        words = sentitext.words_and_emoticons
        low, lex, boosters = sentitext.lower_words, self.lexicon, c.BOOSTER_DICT
        sentiments: list[float] = []
        for i, item in enumerate(words):  # 3.3.2 (3): the word's own position
            if low[i] in boosters or (
                i < len(words) - 1 and low[i] == "kind" and low[i + 1] == "of"
            ) or low[i] not in lex:  # (sentiment_valence gives a word outside the lexicon 0)
                sentiments.append(0)
                continue
            sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
        return text, words, sentiments

    def _describe(self, text: str):
        prev_space = True
        for char in text:
            if char in self.emojis:
                yield ("" if prev_space else " ") + self.emojis[char]
                prev_space = False
            else:
                yield char
                prev_space = char == " "

    def sentiment_valence(self, valence, sentitext, item, i, sentiments):
        c, words, lex = self.constants, sentitext.words_and_emoticons, self.lexicon
        low = sentitext.lower_words
        if item.lower() in lex:
            valence = lex[item.lower()]
            if low[i] == "no" and i != len(words) - 1 and low[i + 1] in lex:  # 3.3.2 (1)
                valence = 0.0
            if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or (
                i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")
            ):
                valence = lex[item.lower()] * c.N_SCALAR
            if item.isupper() and sentitext.is_cap_diff:
                valence += c.C_INCR if valence > 0 else -c.C_INCR
            for start_i in range(3):
                if i > start_i and low[i - (start_i + 1)] not in lex:
                    s = c.scalar_inc_dec(words[i - (start_i + 1)], valence, sentitext.is_cap_diff)
                    s *= (1, 0.95, 0.9)[start_i] if s != 0 else 1
                    valence = self._never_check(valence + s, low, start_i, i)
                    if start_i == 2:
                        valence = self._idioms_check(valence, low, i)
            valence = self._least_check(valence, words, i)
        sentiments.append(valence)
        return sentiments

    def _never_check(self, valence, low, start_i, i):  # 3.3.2 (4): _negation_check; low: lowercased
        c = self.constants
        if start_i == 0 and c.negated([low[i - 1]]):
            valence *= c.N_SCALAR
        elif start_i == 1:
            if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
                valence *= 1.25
            elif not (low[i - 2] == "without" and low[i - 1] == "doubt") and c.negated([low[i - 2]]):
                valence *= c.N_SCALAR
        elif start_i == 2:
            if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
                valence *= 1.25
            elif not (low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1])) \
                    and c.negated([low[i - 3]]):
                valence *= c.N_SCALAR
        return valence

    def _idioms_check(self, valence, low, i):  # 3.3.2 (4): _special_idioms_check; low: lowercased
        c = self.constants
        onezero, twoone = f"{low[i - 1]} {low[i]}", f"{low[i - 2]} {low[i - 1]}"
        twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
        threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
        threetwo = f"{low[i - 3]} {low[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in c.SPECIAL_CASE_IDIOMS:
                valence = c.SPECIAL_CASE_IDIOMS[seq]
                break
        if len(low) - 1 > i and f"{low[i]} {low[i + 1]}" in c.SPECIAL_CASE_IDIOMS:
            valence = c.SPECIAL_CASE_IDIOMS[f"{low[i]} {low[i + 1]}"]
        if len(low) - 1 > i + 1 and f"{low[i]} {low[i + 1]} {low[i + 2]}" in c.SPECIAL_CASE_IDIOMS:
            valence = c.SPECIAL_CASE_IDIOMS[f"{low[i]} {low[i + 1]} {low[i + 2]}"]
        for n_gram in (threetwoone, threetwo, twoone):
            valence += c.BOOSTER_DICT.get(n_gram, 0)
        return valence

    def _but_check(self, words, sentiments):  # 3.3.2 (7), list.index quirk kept
        low = [w.lower() for w in words]
        if "but" in low:
            bi = low.index("but")
            for sentiment in sentiments:
                si = sentiments.index(sentiment)
                if si < bi:
                    sentiments[si] = sentiment * 0.5
                elif si > bi:
                    sentiments[si] = sentiment * 1.5
        return sentiments


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
    """The analyzer, built once: lexicon and emoji list of the vaderSentiment wheel via nltk.data."""
    folder = _vader_dir()
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    return Vader332((folder / "vader_lexicon.txt").as_uri(),
                    (folder / "emoji_utf8_lexicon.txt").as_uri())


def compound(text: str) -> float:
    """VADER compound score of ``text`` (Hutto & Gilbert 2014), in (-1, 1)."""
    return analyzer().compound(text)
