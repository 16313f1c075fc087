"""The one text normalizer and tokenizer of the workbook.

Every component that compares words goes through this module: token counts and keyness,
KWIC, actor aliases and frame lexicons (through :mod:`analysis.text.phrases`) and ``n_words``.
That way an alias or a lexicon term matches exactly when the same characters would be counted
as the same token.

Tokenizing is NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (``span_tokenize``, so every token keeps
its character offsets into the original text). Normalizing is Unicode NFKC, curly quotes and
dashes folded to ASCII, then ``str.casefold``. Possessives (``Japan's``, ``Japan’s``) are cut to
the name. Stop words come from ``analysis/data/stopwords.txt`` (shipped; nothing is downloaded).
Stems, when asked for, are NLTK's Snowball (Porter2) English stemmer, which needs no data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = [
    "HYPHENS",
    "JOIN",
    "TOKEN_PATTERN",
    "Token",
    "fold",
    "normalize",
    "stem",
    "stopwords",
    "tokenize",
]

#: Dotted abbreviations (``U.S.``, ``e.g.``) first, then words of letters and digits with internal
#: apostrophes (``Krasil’nikov``, ``Japan’s``). Hyphens and dashes separate words: ``Sino-Russian``
#: is ``sino`` + ``russian``, and ``Kim Jong-un`` is ``kim`` + ``jong`` + ``un``.
TOKEN_PATTERN = r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*"

#: Characters that join a prefix alias to the next word: hyphen-minus, hyphen, non-breaking
#: hyphen, figure dash, en dash (not the em dash, which separates clauses).
HYPHENS = "-\u2010\u2011\u2012\u2013"

_QUOTES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    }
)

_TOKENIZER = RegexpTokenizer(TOKEN_PATTERN)
_POSSESSIVE_SUFFIXES = ("'s", "’s", "'S", "’S")
#: What may stand between two words of one phrase: a possessive, spaces, hyphens, en dashes.
JOIN = re.compile(rf"(?:['’][sS])?[\s{re.escape(HYPHENS)}]*")


@dataclass(frozen=True, slots=True)
class Token:
    """One word token: ``text[start:end]`` is the word as written; ``norm`` its normalized form."""

    norm: str
    start: int
    end: int


def normalize(text: str) -> str:
    """Normalize text for comparison: NFKC, ASCII quotes and dashes, case folded.

    The result can differ in length from the input; use :func:`tokenize` for offsets.
    """
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def fold(text: str) -> str:
    """Normalize quotes, dashes and Unicode form but keep case (for case-sensitive aliases)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


@lru_cache(maxsize=65536)
def _normalize_word(word: str) -> str:
    return normalize(word)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with offsets into ``text``.

    Punctuation is dropped; a possessive ``'s`` is cut from the token and from its span.
    The tokens of recent texts are cached (annotation tokenizes each entry several times).

    Examples
    --------
    >>> [t.norm for t in tokenize("Japan’s U.S. ally, Sino-Russian")]
    ['japan', 'u.s.', 'ally', 'sino', 'russian']
    """
    return list(_tokenize(text))


@lru_cache(maxsize=256)
def _tokenize(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for start, end in _TOKENIZER.span_tokenize(text):
        word = text[start:end]
        if len(word) > 2 and word.endswith(_POSSESSIVE_SUFFIXES):
            end -= 2
            word = word[:-2]
        out.append(Token(_normalize_word(word), start, end))
    return tuple(out)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped English stop-word list (``analysis/data/stopwords.txt``), normalized."""
    text = resources.files("analysis").joinpath("data/stopwords.txt").read_text(encoding="utf-8")
    words = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(normalize(w) for w in words if w)


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    return SnowballStemmer("english")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Snowball (Porter2) English stem of a normalized token."""
    return _stemmer().stem(token)
