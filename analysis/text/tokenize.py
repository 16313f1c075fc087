"""The one text normalizer and tokenizer of the workbook.

Every component that compares words goes through this module: token counts and keyness,
KWIC, actor aliases and frame lexicons (through :mod:`analysis.text.phrases`) and ``n_words``.
That way an alias or a lexicon term matches exactly when the same characters would be counted
as the same token.

Tokenizing is NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (``span_tokenize``, so every token keeps
its character offsets into the original text), done as it does it without importing NLTK. Normalizing is Unicode NFKC, curly quotes and
dashes folded to ASCII, then ``str.casefold``. Possessives (``Japan's``, ``Japan’s``) are cut to
the name. Stop words come from ``analysis/data/stopwords.txt`` (shipped; nothing is downloaded).
Stems, when asked for, are NLTK's Snowball (Porter2) English stemmer, which needs no data.

NLTK runs every regular expression under a wall-clock limit (5 s, ``nltk/redos.py``), which a
text of a few megabytes exceeds. Long texts are therefore tokenized in pieces of at most
:data:`MAX_CHUNK` characters, cut at whitespace (:func:`chunks`): no token contains whitespace,
so the tokens, and their offsets, are exactly those of the whole text. Only a run of more than
:data:`MAX_CHUNK` characters without any whitespace is cut inside, where it has to be.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "HYPHENS",
    "JOIN",
    "MAX_CHUNK",
    "TOKEN_PATTERN",
    "Token",
    "chunks",
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

#: The longest piece of text handed to one regular-expression scan (NLTK's time limit; a
#: piece this size takes a few hundredths of a second).
MAX_CHUNK = 100_000



@lru_cache(maxsize=1)
def _tokenizer():
    """:data:`TOKEN_PATTERN` as NLTK's RegexpTokenizer compiles it (the ``regex`` engine, flags
    UNICODE, MULTILINE and DOTALL; its ``span_tokenize`` is this pattern's ``finditer`` spans),
    built on first use, without NLTK: importing any NLTK module runs NLTK's package
    ``__init__`` (100 MiB and 0.9 s: it imports SciPy), which neither a corpus read back from its
    snapshot nor a worker process needs."""
    import regex

    return regex.compile(TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)
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


def chunks(text: str, size: int = MAX_CHUNK, *, prefer: re.Pattern[str] | None = None
           ) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` that cover ``text`` in order, each at most ``size`` characters.

    Each cut lies just after the last match of ``prefer`` in the second half of the piece (a
    sentence end, for the sentence splitter), or else just after its last whitespace, so that no
    word is cut; only a piece with no whitespace in its second half is cut at ``size``. A text
    of at most ``size`` characters is one span.
    """
    spans: list[tuple[int, int]] = []
    pos, n = 0, len(text)
    while n - pos > size:
        lo, hi = pos + size // 2, pos + size
        cut = None
        if prefer is not None:
            last = None
            for last in prefer.finditer(text, lo, hi):
                pass
            cut = last.end() if last is not None and last.end() > pos else None
        if cut is None:
            cut = next((i + 1 for i in range(hi - 1, lo - 1, -1) if text[i].isspace()), hi)
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, n))
    return spans


def _word_spans(text: str, size: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """The spans of the token pattern in ``text``, scanned in pieces of at most ``size``."""
    spans: list[tuple[int, int]] = []
    for offset, stop in chunks(text, size):
        piece = text if stop - offset == len(text) else text[offset:stop]
        spans.extend((offset + m.start(), offset + m.end()) for m in _tokenizer().finditer(piece))
    return spans


@lru_cache(maxsize=256)
def _tokenize(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for start, end in _word_spans(text):
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
def _stemmer():
    """NLTK's English Snowball stemmer, without NLTK's import (:mod:`analysis.text.snowball`)."""
    from analysis.text.snowball import EnglishStemmer

    return EnglishStemmer()


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Snowball (Porter2) English stem of a normalized token."""
    return _stemmer().stem(token)
