"""Our VADER equals vaderSentiment 3.3.2's compound score on every sentence we can find.

Both of our paths, the batch one (:func:`analysis.annotate.vader.compounds`, NumPy over token
ids) and the per-text one (:meth:`Vader332.compound`, also behind ``valences`` and
``score_valence`` that the clause tone uses), are compared with
``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``
on the sentences of the samples, of the development reports (``WORKBOOK_DEV_REPORTS``, default
``/work/tonedata/reports``, when that folder holds reports) and of 100,000 sentences made by
Hypothesis. Equality is exact (``==``), stricter than the 1e-12 asked for.
"""

from __future__ import annotations

import os
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment as vs

import analysis.annotate.vader_batch as batch_module
from analysis.annotate.sentences import split_sentences
from analysis.annotate.vader import analyzer, compound, compounds
from analysis.annotate.vader_batch import _IDIOM_WORDS, BatchScorer

REFERENCE = vs.SentimentIntensityAnalyzer()
ROOT = Path(__file__).resolve().parents[2]
DEV_REPORTS = Path(os.environ.get("WORKBOOK_DEV_REPORTS", "/work/tonedata/reports"))


def expected(texts: list[str]) -> list[float]:
    return [REFERENCE.polarity_scores(t)["compound"] for t in texts]


def assert_equal(texts: list[str]) -> None:
    want = expected(texts)
    batch = compounds(texts)
    assert batch.dtype == np.float64 and len(batch) == len(texts)
    assert [t for t, got, w in zip(texts, batch.tolist(), want, strict=True) if got != w] == []
    assert [t for t, w in zip(texts, want, strict=True) if compound(t) != w] == []


def sentences_of(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[a:b] for a, b in split_sentences(text)]
    return texts


def test_equal_on_every_sample_sentence():
    texts = sentences_of(ROOT / "reports_raw")
    assert len(texts) > 400
    assert_equal(texts)
    assert sum(w != 0 for w in expected(texts)) > 250  # most of them score


@pytest.mark.skipif(not list(DEV_REPORTS.glob("*.txt")) if DEV_REPORTS.is_dir() else True,
                    reason=f"no development reports in {DEV_REPORTS}")
def test_equal_on_every_development_report_sentence():
    texts = sentences_of(DEV_REPORTS)
    assert len(texts) > 100
    assert_equal(texts)


# --- 100,000 sentences made by Hypothesis ---------------------------------------------------
#
# A sentence is drawn as bytes (one cheap choice, which Hypothesis shrinks toward the first
# words of each pool), three bytes a word: the pool, then the word in it. The pools hold every
# lexicon word (as written, in capitals, capitalized), every booster, negation and idiom of
# 3.3.2 and the phrases its rules name, in three shapes; one- and two-letter words, "!" and "?"
# runs, emoticons and emoji (alone and stuck to words); words with punctuation attached.

_SHAPES = (str, str.upper, str.capitalize)
_NAMED = {*vs.BOOSTER_DICT, *vs.NEGATE, *vs.SPECIAL_CASES, *vs.SENTIMENT_LADEN_IDIOMS, "no",
          "never so", "never this", "without doubt", "without a doubt", "at least", "very least",
          "least", "but", "kind of", "or", "nor", "so", "this", "no good", "no less", "not only"}
_EMOJI = sorted(REFERENCE.emojis)
_SHORT = ["a", "I", "x", "ok", "no", "be", "US", "EU", "UK", "!", "?", "!!", "??", "?!", "!?!",
          "????", "!!!!!", ".", ",", "-", "—", ":)", ":(", ":-)", ":D", "<3", "xD", "'", "“", "”",
          "😀good", "good😀", "😀😀", "💔!", "no😀", "(😀)"]
_CORE = ["good", "bad", "no", "not", "but", "BUT", "very", "great", "kind", "least", "never",
         "war", "peace", "so", "isn't", "hope", "NO", "doubt", "this", "heart", "bomb"]
_AFFIXED = [p + w + s for w in _CORE for p in ("", "(", "“", "'", "\"")
            for s in ("", ",", ".", "!", "?", "!!", "...", "”", ")", "'s", ":", ";")]
_PLAIN = ["the", "and", "of", "Russia", "China", "Japan", "it", "was", "is", "in", "that", "a",
          "Moscow", "Beijing's", "talks", "on", "with", "by", "2024", "No.", "U.S.", "said"]
POOLS = [
    sorted(REFERENCE.lexicon),
    sorted(w.upper() for w in REFERENCE.lexicon),
    sorted(w.capitalize() for w in REFERENCE.lexicon),
    sorted({shape(w) for w in _NAMED for shape in _SHAPES}),
    sorted({shape(w) for w in _NAMED for shape in _SHAPES}),
    sorted(_IDIOM_WORDS | {"the", "of", "to", "for", "just", "enough"}),
    _SHORT,
    _AFFIXED,
    _EMOJI,
    _PLAIN,
    _PLAIN,
]
_SEPARATORS = [" "] * 6 + ["  ", "\t", "\n", "\xa0", " \n "]


def _words(data: bytes) -> str:
    if not data:
        return ""
    words = []
    for k in range(1, len(data) - 2, 3):
        pool = POOLS[data[k] % len(POOLS)]
        words.append(pool[(data[k + 1] << 8 | data[k + 2]) % len(pool)])
    text = _SEPARATORS[data[0] % len(_SEPARATORS)].join(words)
    return f" {text}\n" if data[0] % 7 == 0 else text


SHORT = st.binary(max_size=46).map(_words)  # up to 15 words
LONG = st.binary(min_size=153, max_size=303).map(_words)  # 50 to 100 words
SHORTS, LONGS, EXAMPLES = 36, 4, 2500  # 100,000 sentences, one in ten long (the reference is
MADE: list[int] = []  # quadratic in the words of a sentence: long ones cost it most)


@given(st.lists(SHORT, min_size=SHORTS, max_size=SHORTS),
       st.lists(LONG, min_size=LONGS, max_size=LONGS))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_equal_on_100000_generated_sentences(short, long):
    texts = [*short, *long]
    MADE.append(len(texts))
    assert_equal(texts)


def test_the_generated_sentences_were_made():
    if not MADE:
        pytest.skip("runs after test_equal_on_100000_generated_sentences")
    assert sum(MADE) == (SHORTS + LONGS) * EXAMPLES == 100_000


# --- the batch scorer's own parts -----------------------------------------------------------

def test_every_idiom_and_booster_bigram_has_a_marked_word():
    phrases = [p for p in (*vs.SPECIAL_CASES, *vs.BOOSTER_DICT) if " " in p]
    assert phrases and all(set(p.split()) & _IDIOM_WORDS for p in phrases)
    assert not {"the", "of", "to", "for"} & _IDIOM_WORDS


@pytest.mark.parametrize("small", [0, batch_module.SMALL])
def test_batches_of_any_size_and_empty_texts(monkeypatch, small):
    monkeypatch.setattr(batch_module, "SMALL", small)  # 0: the array path even for one text
    texts = ["", "   ", "Good.", "no good", "GOOD but bad!!", "I love it 😀", "kind of good"]
    assert compounds([]).tolist() == [] and compounds([]).dtype == np.float64
    assert compounds(texts).tolist() == expected(texts)
    assert [compounds([t])[0] for t in texts] == expected(texts)


def test_the_but_rule_keeps_its_list_index_bookkeeping():
    # "absolving" 1.6 is halved to 0.8; then "fine" 0.8, after "but", is looked up by value,
    # found at "absolving"'s place and halved there again, and itself stays 0.8:
    # 0.4 + 0.8 = 1.2 -> 0.296, where halving one and scaling the other by 1.5 gives 0.4588
    text = "absolving but fine"
    scorer = BatchScorer(analyzer())
    assert REFERENCE.polarity_scores(text)["compound"] == scorer.compounds([text] * 40)[0] == 0.296
    assert compound(text) == 0.296
    assert scorer.compounds(["good good but bad"] * 40)[0] == -0.431  # each scaled once


def test_the_vocabulary_starts_again_when_full(monkeypatch):
    monkeypatch.setattr(batch_module, "MAX_TOKENS", 200)
    monkeypatch.setattr(batch_module, "SMALL", 0)
    scorer = BatchScorer(analyzer())
    texts = sentences_of(ROOT / "reports_raw")[:60]
    sizes = []
    for k in range(0, len(texts), 3):
        assert scorer.compounds(texts[k:k + 3]).tolist() == expected(texts[k:k + 3])
        sizes.append(len(scorer.ids))
        assert len(scorer.ids) == len(scorer.lows) <= 200
    assert any(b < a for a, b in pairwise(sizes))  # it started again
    assert scorer.compounds(texts).tolist() == expected(texts)  # a batch larger than the cap
