"""Lexicon phrases (actor aliases, frame terms) compiled and matched through the one tokenizer.

Lexicon entries are compiled with :func:`compile_phrase` and matched with :class:`PhraseMatcher`:
token sequences of :func:`analysis.text.tokenize.tokenize`, leftmost-longest, non-overlapping.
The rules:

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

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from analysis.text.tokenize import HYPHENS, JOIN, Token, fold, tokenize

__all__ = ["Phrase", "PhraseMatcher", "compile_phrase"]

_HYPHEN_SET = frozenset(HYPHENS)


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
        if k > 0 and not JOIN.fullmatch(gap) or k == 0 and gap.strip():
            dropped.append(gap.strip())
        star = wildcards and body[tok.end:tok.end + 1] == "*"
        prefix.append(star)
        pos = tok.end + 1 if star else tok.end
    tail = body[pos:]
    if tail.strip() and not (JOIN.fullmatch(tail) and tail.strip()[0] in "'’"):
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
        first = self._first
        while i < n:
            tok = toks[i]
            word = text[tok.start:tok.end]
            frontier: Sequence[_Node] | None = first.get(word)
            if frontier is None:
                frontier = self._start(word, tok.norm)
            if not frontier:  # most words start no phrase
                i += 1
                continue
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
    return gap == " " or JOIN.fullmatch(gap) is not None
