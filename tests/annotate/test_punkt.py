"""Our Punkt makes NLTK's decisions: the same sentence spans as NLTK's tokenizer.

NLTK's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer`, given the same parameters (the
shipped abbreviations and sentence starters), is the reference. Compared on every entry of the
samples, every development report (``WORKBOOK_DEV_REPORTS``, default ``/work/tonedata/reports``,
when there), and 40,000 texts made by Hypothesis from abbreviations, initials, numbers, quotes,
brackets, ellipses, "no. 1", "U.S.", sentence starters and line breaks.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import (
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

import analysis.annotate.sentences as sentences_module
from analysis.annotate.punkt import (
    INITIAL,
    NUMERIC,
    PERIOD_CONTEXT,
    REALIGN,
    SPACE,
    WORD,
    Punkt,
)
from analysis.annotate.sentences import SENT_STARTERS, abbreviations, split_sentences
from analysis.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]
DEV_REPORTS = Path(os.environ.get("WORKBOOK_DEV_REPORTS", "/work/tonedata/reports"))


def nltk_punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    params.sent_starters = set(SENT_STARTERS)
    return PunktSentenceTokenizer(params)


NLTK = nltk_punkt()
OURS = Punkt(abbreviations(), SENT_STARTERS)


def differ(texts: list[str]) -> list[str]:
    return [t for t in texts if list(NLTK.span_tokenize(t)) != list(OURS.span_tokenize(t))]


def test_the_patterns_are_nltks():
    lang = PunktLanguageVars()
    # NLTK ends a class with "?!" in the order of a set of the two: either is the same class
    def ordered(pattern: str) -> str:
        return pattern.replace(r"\xbb!\?]", r"\xbb\?!]")

    assert ordered(lang.period_context_re().pattern) == PERIOD_CONTEXT
    assert ordered(lang._word_tokenizer_re().pattern) == WORD
    assert lang.re_boundary_realignment.pattern == REALIGN
    assert (PunktToken._RE_NUMERIC.pattern, PunktToken._RE_INITIAL.pattern) == (NUMERIC, INITIAL)
    assert PunktSentenceTokenizer.PUNCTUATION == tuple(";:,.!?")


def test_space_is_the_regex_engines_space():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert re.findall(SPACE, chars) == regex.findall(r"\s", chars)
    assert re.findall("[^" + SPACE[1:], chars) == regex.findall(r"\S", chars)
    assert "\x1c".isspace() and not re.match(SPACE, "\x1c")  # where the stdlib's \s differs


def test_equal_on_every_sample_entry(samples_dir):
    texts = load_corpus(samples_dir, annotate=False).entries["text"].tolist()
    assert len(texts) == 26 and differ(texts) == []


@pytest.mark.skipif(not list(DEV_REPORTS.glob("*.txt")) if DEV_REPORTS.is_dir() else True,
                    reason=f"no development reports in {DEV_REPORTS}")
def test_equal_on_every_development_report(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV_REPORTS.glob("*.txt"))]
    assert len(texts) > 10
    assert differ(texts) == []
    paragraphs = [p for t in texts for p in t.split("\n\n")]
    assert differ(paragraphs) == []
    ours = [split_sentences(t) for t in texts]
    monkeypatch.setattr(sentences_module, "_punkt", nltk_punkt)
    assert [split_sentences(t) for t in texts] == ours


# --- 40,000 texts made by Hypothesis ----------------------------------------------------------

_WORDS = ["the", "The", "it", "It", "talks", "Moscow", "said", "however", "However", "war",
          "peace", "in", "In", "a", "A", "this", "This", "but", "But", "and", "we", "We", "x"]
_ABBREVIATIONS = sorted({shape(a + ".") for a in abbreviations() if len(a) > 1
                         for shape in (str, str.capitalize, str.upper)})
_INITIALS = [c + "." for c in "ABCNOVXabcnoxÉéŁßΩ_"] + ["Olga N.", "J. Bach", "A.B.", "U.S.", "U.S"]
_NUMBERS = ["1", "10", "2020.", "3.5", "1,000.", "-2.", ".5", "No. 1", "no. 10", "No.", "no.",
            "1.", "2.3.", "3-4.", "p. 5", "No. 3-4,", "#1."]
_MARKS = [".", "?", "!", "!!", "?!", "...", "..", ". . .", ",", ";", ":", "--", "-", "—", "”", "“",
          "\"", "'", ")", "(", "’", "»", "«", "]", "[", "•"]
_GLUED = [p + w + s for w in ("end", "Etc", "U.S", "no", "it", "A", "2020", "Mr")
          for p in ("", "(", "“", "\"", "'")
          for s in (".", ".”", ".)", ".\"", "?”", "!)", "...", ".'", ".’", "”.", ")."," .")]
_HYPHENATED = [p + "-" + a for p in ("ex", "Sino", "anti", "well") for a in
               ("U.S.", "Mr.", "no.", "St.", "etc.", "e.g.", "N.", "it.", "2020.")]
POOLS = [_WORDS, _WORDS, _WORDS, _ABBREVIATIONS, _INITIALS, _NUMBERS, _MARKS, _GLUED, _HYPHENATED]
SEPARATORS = [" "] * 10 + ["  ", "\n", "\n\n", "\t", "\r\n", " \n ", "\x1c", "\xa0", "\u2009", ""]


def _text(data: bytes) -> str:
    out = []
    for k in range(0, len(data) - 2, 3):
        pool = POOLS[data[k] % len(POOLS)]
        out += [pool[data[k + 1] % len(pool)], SEPARATORS[data[k + 2] % len(SEPARATORS)]]
    return "".join(out)


TEXT = st.binary(max_size=120).map(_text)  # up to 40 words
BATCH, EXAMPLES = 40, 1000  # 40,000 texts
MADE: list[int] = []


@given(st.lists(TEXT, min_size=BATCH, max_size=BATCH))
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_equal_on_40000_generated_texts(texts):
    MADE.append(len(texts))
    assert differ(texts) == []


def test_the_generated_texts_were_made():
    if not MADE:
        pytest.skip("runs after test_equal_on_40000_generated_texts")
    assert sum(MADE) == BATCH * EXAMPLES == 40_000


@pytest.mark.parametrize("text", [
    "In MEiMO, no. 1, Olga N. Borokh wrote. The U.S. agreed.",
    "It went to the U.S. The rest stayed.", "It went to the U.S. the rest stayed.",
    "Trade fell 3 percent in 2020. Rising prices.", "See p. 5. It says so.",
    "He said “it ended.” Then it began.", "(It ended.) Then… it began... Again.",
    "Wait!!! Really?! Yes.", "A. B. Smith came. J. Bach too.", "Ends with etc. The next.",
    "Line one.\nLine two.\x1cLine three.",
])
def test_hard_cases_equal(text):
    assert list(OURS.span_tokenize(text)) == list(NLTK.span_tokenize(text))


def test_a_context_is_decided_once():
    punkt = Punkt(abbreviations(), SENT_STARTERS)
    text = "It ended. Then it began. It ended. Then it began."
    assert list(punkt.span_tokenize(text)) == [(0, 9), (10, 24), (25, 34), (35, 49)]
    assert punkt._contexts == {"ended. Then": True, "began. It": True}  # the last: no context
