"""The one text normalizer and tokenizer of the workbook, and the phrase matcher built on it.

Every component that compares words goes through this module: token counts and keyness,
KWIC, actor aliases (``mentions``), frame lexicons (``framing``) and ``n_words``. That way an alias
or a lexicon term matches exactly when the same characters would be counted as the same token.

Tokenizing is NLTK's :class:`~nltk.tokenize.RegexpTokenizer` (``span_tokenize``, so every token keeps
its character offsets into the original text). Normalizing is Unicode NFKC, curly quotes and
dashes folded to ASCII, then ``str.casefold``. Possessives (``Japan's``, ``Japan’s``) are cut to
the name. Stop words come from ``analysis/data/stopwords.txt`` (shipped; nothing is downloaded).
Stems, when asked for, are NLTK's Snowball (Porter2) English stemmer, which needs no data.

Lexicon entries (actor aliases, frame terms) are compiled with :func:`compile_phrase` and matched
with :class:`PhraseMatcher`: token sequences, leftmost-longest, non-overlapping. The rules:

* an entry whose letters are all capitals (at least two: ``US``, ``U.S.``, ``UN``, ``DPRK``)
  matches case-sensitively, so the pronoun "us" is not the US; any other entry matches the
  normalized (case-folded) tokens;
* an entry ending in a hyphen (``Sino-``) matches a word directly followed by a hyphen or an en
  dash (``Sino-Russian``, ``Sino–US``), never the word alone;
* with ``wildcards=True``, a ``*`` right after a word (``sanction*``) matches any token that
  starts with that word (``sanction``, ``sanctions``, ``sanctioned``);
* the words of a multi-word entry must be separated in the text only by spaces, hyphens or en
  dashes, or a possessive ``'s`` (``Kim Jong-un``, ``People’s Republic``): never across other
  punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer

__all__ = [
    "HYPHENS",
    "TOKEN_PATTERN",
    "Phrase",
    "PhraseMatcher",
    "Token",
    "compile_phrase",
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
_HYPHEN_SET = frozenset(HYPHENS)

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
_JOIN = re.compile(rf"(?:['’][sS])?[\s{re.escape(HYPHENS)}]*")


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


# --- phrases -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """A lexicon entry compiled for :class:`PhraseMatcher`.

    ``words`` are normalized tokens, or folded tokens keeping case when ``cased``; ``prefix[k]``
    says word k matches any token starting with it; ``hyphen`` that the last word must be followed
    directly by a hyphen or en dash.
    """

    text: str
    words: tuple[str, ...]
    cased: bool
    hyphen: bool
    prefix: tuple[bool, ...]


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def compile_phrase(
    text: str, *, cased: bool | None = None, wildcards: bool = False
) -> tuple[Phrase | None, str | None]:
    """Compile a lexicon entry; return ``(phrase, problem)``.

    ``phrase`` is None when the entry tokenizes to nothing. ``problem`` (None when all is well)
    says why the entry cannot match as written, e.g. characters that the tokenizer drops; the
    loaders turn it into a warning. ``cased=None`` applies the all-capitals rule.
    """
    body = text.strip()
    hyphen = len(body) > 1 and body[-1] in HYPHENS
    if hyphen:
        body = body[:-1]
    tokens = tokenize(body)
    if not tokens:
        return None, f"{text!r} has no word the tokenizer keeps, so it can never match"
    prefix = []
    dropped = []
    pos = 0
    for k, tok in enumerate(tokens):
        gap = body[pos:tok.start]
        if k > 0 and not _JOIN.fullmatch(gap) or k == 0 and gap.strip():
            dropped.append(gap.strip())
        star = wildcards and body[tok.end:tok.end + 1] == "*"
        prefix.append(star)
        pos = tok.end + 1 if star else tok.end
    tail = body[pos:]
    if tail.strip() and not (_JOIN.fullmatch(tail) and tail.strip()[0] in "'’"):
        dropped.append(tail.strip())
    if cased is None:
        cased = _all_caps(body)
    words = tuple(fold(body[t.start:t.end]) if cased else t.norm for t in tokens)
    problem = None
    if dropped:
        shown = " ".join(words)
        problem = (f"{text!r}: the tokenizer drops {' '.join(dropped)!r}, so it matches only as "
                   f"the words {shown!r} (with nothing but spaces or hyphens between them)")
    return Phrase(text, words, cased, hyphen, tuple(prefix)), problem


class _Node:
    __slots__ = ("cased", "cased_stems", "end", "end_hyphen", "exact", "stems")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.cased: dict[str, _Node] = {}
        self.stems: dict[int, dict[str, _Node]] = {}
        self.cased_stems: dict[int, dict[str, _Node]] = {}
        self.end: set | None = None
        self.end_hyphen: set | None = None

    def child(self, word: str, cased: bool, prefix: bool) -> _Node:
        if prefix:
            table = (self.cased_stems if cased else self.stems).setdefault(len(word), {})
        else:
            table = self.cased if cased else self.exact
        return table.setdefault(word, _Node())

    def step(self, norm: str, folded: str, out: list[_Node]) -> None:
        node = self.exact.get(norm)
        if node is not None:
            out.append(node)
        if self.cased:
            node = self.cased.get(folded)
            if node is not None:
                out.append(node)
        for stems, word in ((self.stems, norm), (self.cased_stems, folded)):
            for size, table in stems.items():
                node = table.get(word[:size]) if len(word) >= size else None
                if node is not None:
                    out.append(node)


class PhraseMatcher:
    """Leftmost-longest, non-overlapping matching of compiled phrases over :func:`tokenize` tokens.

    Built once from ``(phrase, label)`` pairs (a trie of token keys); a label of None makes a
    *blocker*: it matches, consumes its tokens and yields nothing (e.g. "Latin America" so that
    "America" inside it is not the United States). Phrases matching the same longest span give
    the union of their labels.
    """

    def __init__(self, entries: Iterable[tuple[Phrase, Hashable | None]]) -> None:
        self._root = _Node()
        self._first: dict[str, tuple[_Node, ...]] = {}  # word as written -> nodes after it
        for phrase, label in entries:
            node = self._root
            for word, star in zip(phrase.words, phrase.prefix, strict=True):
                node = node.child(word, phrase.cased, star)
            attr = "end_hyphen" if phrase.hyphen else "end"
            labels = getattr(node, attr) or set()
            if label is not None:
                labels.add(label)
            setattr(node, attr, labels)

    def _start(self, word: str, norm: str) -> tuple[_Node, ...]:
        """The nodes reached from the root by one token (memoized: most tokens reach none)."""
        nodes = self._first.get(word)
        if nodes is None:
            found: list[_Node] = []
            self._root.step(norm, fold(word), found)
            if len(self._first) > 200_000:
                self._first.clear()
            nodes = self._first[word] = tuple(found)
        return nodes

    def find(
        self, text: str, tokens: Sequence[Token] | None = None
    ) -> list[tuple[int, int, tuple]]:
        """Matches in ``text`` as ``(start, end, labels)`` with sorted labels, in text order.

        ``tokens`` (default ``tokenize(text)``) may be any run of the tokens of ``text``, such as
        the tokens of one sentence: offsets stay offsets into ``text``.
        """
        toks = tokenize(text) if tokens is None else tokens
        n = len(toks)
        out: list[tuple[int, int, tuple]] = []
        i = 0
        while i < n:
            frontier: Sequence[_Node] = self._start(text[toks[i].start:toks[i].end], toks[i].norm)
            best: tuple[int, set] | None = None
            j = i
            while frontier:
                end = toks[j].end
                labels: set | None = None
                for node in frontier:
                    if node.end is not None:
                        labels = (labels or set()) | node.end
                    if node.end_hyphen is not None and text[end:end + 1] in _HYPHEN_SET:
                        labels = (labels or set()) | node.end_hyphen
                if labels is not None:
                    best = (j, labels)
                j += 1
                if j == n or not _joins(text, end, toks[j].start):
                    break
                tok, nxt = toks[j], []
                folded = fold(text[tok.start:tok.end])
                for node in frontier:
                    node.step(tok.norm, folded, nxt)
                frontier = nxt
            if best is None:
                i += 1
                continue
            last, labels = best
            if labels:
                out.append((toks[i].start, toks[last].end, tuple(sorted(labels, key=str))))
            i = last + 1
        return out


def _joins(text: str, left_end: int, right_start: int) -> bool:
    gap = text[left_end:right_start]
    return gap == " " or _JOIN.fullmatch(gap) is not None
