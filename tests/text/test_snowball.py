"""Our copy of NLTK's English Snowball stemmer stems every word as NLTK's does, and stemming
imports no NLTK (whose package import costs every worker about 100 MiB)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.stem.snowball import SnowballStemmer

from analysis.text.snowball import EnglishStemmer
from analysis.text.tokenize import stem, stopwords

ROOT = Path(__file__).resolve().parents[2]
DEV = Path(os.environ.get("WORKBOOK_DEV_REPORTS", "/work/tonedata/reports"))
NLTK, OURS = SnowballStemmer("english"), EnglishStemmer()


def _words() -> set[str]:
    files = [*ROOT.joinpath("reports_raw").glob("*.txt"), ROOT / "tests/data/tone_corpus.csv"]
    files += [p for p in DEV.rglob("*") if p.is_file()] if DEV.is_dir() else []
    words = set(stopwords())
    for path in files:
        words |= set(re.findall(r"[\w'’‘‛-]+", path.read_text(encoding="utf-8", errors="ignore")))
    return words | {w.lower() for w in words} | {w.upper() for w in list(words)[:2000]}


def test_every_word_of_the_samples_and_reports_stems_as_nltk():
    words = _words()
    assert len(words) > 5000
    assert [w for w in sorted(words) if OURS.stem(w) != NLTK.stem(w)] == []
    assert stem("generously") == NLTK.stem("generously") == "generous"


SHAPES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'’‘‛", min_size=0, max_size=14)
SUFFIXES = st.sampled_from(["", "s", "es", "ies", "ied", "ing", "ingly", "edly", "eed", "ly",
                            "ational", "ization", "fulness", "ousli", "ement", "ance", "ence",
                            "ive", "ize", "ion", "al", "er", "ic", "li", "ogi", "bli", "'s",
                            "'s'", "y", "e", "ll", "ness", "ful", "icate", "iciti", "ical"])


@settings(max_examples=20_000, derandomize=True, deadline=None)
@given(SHAPES, SUFFIXES)
def test_made_up_words_stem_as_nltk(word, suffix):
    assert OURS.stem(word + suffix) == NLTK.stem(word + suffix)


def test_stemming_imports_no_nltk():
    code = ("import sys\nfrom analysis.text.tokenize import stem\n"
            "print(stem('relations'), 'nltk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["relat", "False"]
