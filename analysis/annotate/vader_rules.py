"""VADER 3.3.2's rules, word by word: valences, the "but" rule, emphasis and the compound score.

The steps of ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer.polarity_scores``
(Hutto & Gilbert 2014, ICWSM-14) after the tokens are looked up, in the reference's order and
with its float operations, so that the results are the same bits. The rule tables (boosters,
negations, idioms, the constants) are the reference module's own. Used by
:class:`analysis.annotate.vader.Vader332` (one text) and :mod:`analysis.annotate.vader_batch`
(its rare cases).
"""

from __future__ import annotations

import math
import string

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
)

__all__ = ["BOOSTER_DICT", "C_INCR", "MAX_TOKENS", "NEGATE", "N_SCALAR", "SPECIAL_CASES", "as_scored",
           "but_rule", "emphasis", "finish", "idioms", "word_valences"]

_SO_THIS = ("so", "this")
#: Most tokens whose look-up a process keeps (then the table starts again: memory stays bounded).
MAX_TOKENS = 200_000


def as_scored(token: str) -> str:
    """A whitespace token as VADER 3.3.2 scores it: stripped of leading and trailing
    punctuation unless that leaves two characters or fewer (then as written)."""
    stripped = token.strip(string.punctuation)
    return token if len(stripped) <= 2 else stripped


def word_valences(rows: list[tuple], scored: list[int], out: list) -> None:
    """The valence of each lexicon word at ``scored`` into ``out`` (3.3.2's
    ``sentiment_valence`` with its negation, idiom and "least" checks; ``rows``: the look-ups of
    the text's tokens, :meth:`analysis.annotate.vader.Vader332.token`)."""
    n = len(rows)
    low = [row[1] for row in rows]
    inlex = [row[3] for row in rows]
    caps = sum(row[2] for row in rows)
    cap_diff = 0 < n - caps < n
    for i in scored:
        if i < n - 1 and low[i] == "kind" and low[i + 1] == "of":
            continue
        row = rows[i]
        v = row[4]
        if low[i] == "no" and i != n - 1 and inlex[i + 1]:
            v = 0.0
        if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or (
                i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
            v = row[4] * N_SCALAR
        if row[2] and cap_diff:
            v = v + C_INCR if v > 0 else v - C_INCR
        for k in (0, 1, 2):
            j = i - k - 1
            if j < 0:
                break
            if inlex[j]:
                continue
            before = rows[j]
            if before[5]:
                s = -before[5] if v < 0 else before[5]
                if before[2] and cap_diff:
                    s = s + C_INCR if v > 0 else s - C_INCR
                v = v + (s if k == 0 else s * 0.95 if k == 1 else s * 0.9)
            if k == 0:
                if before[6]:
                    v = v * N_SCALAR
            elif k == 1:
                if low[i - 2] == "never" and low[i - 1] in _SO_THIS:
                    v = v * 1.25
                elif not (low[i - 2] == "without" and low[i - 1] == "doubt") and before[6]:
                    v = v * N_SCALAR
            else:
                if (low[i - 3] == "never" and low[i - 2] in _SO_THIS) or low[i - 1] in _SO_THIS:
                    v = v * 1.25
                elif not (low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1])) \
                        and before[6]:
                    v = v * N_SCALAR
                v = idioms(v, low, i)
        if i > 1 and not inlex[i - 1] and low[i - 1] == "least":
            if low[i - 2] != "at" and low[i - 2] != "very":
                v = v * N_SCALAR
        elif i > 0 and not inlex[i - 1] and low[i - 1] == "least":
            v = v * N_SCALAR
        out[i] = v


def but_rule(words: list[str], sentiments: list) -> list:
    """3.3.2's "but" rule, its ``list.index`` bookkeeping kept: valences before the first
    "but" halved, after it x1.5 (in place; returned)."""
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


def emphasis(text: str) -> float:
    """3.3.2's punctuation emphasis: 0.292 per "!" (at most 4), and for 2 or 3 "?" 0.18 each,
    for more 0.96."""
    ep = min(text.count("!"), 4) * 0.292
    qm = text.count("?")
    return ep + (0 if qm <= 1 else qm * 0.18 if qm <= 3 else 0.96)


def finish(sum_s: float, text: str) -> float:
    """The compound score of a sum of valences of ``text``: emphasis added away from 0,
    normalized (alpha 15) and rounded to 4 decimals, as 3.3.2's ``score_valence``."""
    if sum_s > 0:
        sum_s += emphasis(text)
    elif sum_s < 0:
        sum_s -= emphasis(text)
    return round(sum_s / math.sqrt(sum_s * sum_s + 15), 4)


def idioms(v: float, low: list[str], i: int) -> float:
    """3.3.2's ``_special_idioms_check`` of the word at ``i`` (``low``: the lower-cased words)."""
    onezero, twoone = f"{low[i - 1]} {low[i]}", f"{low[i - 2]} {low[i - 1]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            v = SPECIAL_CASES[seq]
            break
    if len(low) - 1 > i and f"{low[i]} {low[i + 1]}" in SPECIAL_CASES:
        v = SPECIAL_CASES[f"{low[i]} {low[i + 1]}"]
    if len(low) - 1 > i + 1 and f"{low[i]} {low[i + 1]} {low[i + 2]}" in SPECIAL_CASES:
        v = SPECIAL_CASES[f"{low[i]} {low[i + 1]} {low[i + 2]}"]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            v = v + BOOSTER_DICT[n_gram]
    return v
