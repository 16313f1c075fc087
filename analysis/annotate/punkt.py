r"""Punkt sentence boundaries, NLTK's decisions for untrained parameters, without NLTK.

Punkt (Kiss & Strunk 2006, "Unsupervised Multilingual Sentence Boundary Detection",
*Computational Linguistics* 32(4)) as NLTK 3.10's
:class:`nltk.tokenize.punkt.PunktSentenceTokenizer` applies it (``span_tokenize`` with boundary
realignment), for parameters holding only abbreviations and sentence starters, as
:mod:`analysis.annotate.sentences` builds them: no collocations and no orthographic context.
With an empty orthographic context NLTK's orthographic heuristic only ever answers "not a
sentence start" (the next token is punctuation or starts in lower case) or "unknown", so the
decision at a candidate ``.``, ``?`` or ``!`` depends on the token before it and the one after:

* ``?``, ``!`` and a lone ``.`` end a sentence; a token ending in one period ends one unless it
  is a known abbreviation (also the part after its last hyphen); a run of periods is an ellipsis;
* an abbreviation or ellipsis (not an initial) ends a sentence after all when the next token
  starts in capitals and is a sentence starter (Punkt's rule 4.2);
* an initial or a number ending in a period does not end a sentence when the next token is
  punctuation or starts in lower or upper case (rules 4.3 and NLTK's "J. Bach" heuristic).

The work NLTK does per candidate (word-tokenize its context, make token objects, run five
regular expressions, each under a 5-second timeout that costs more than the match) is done here
on plain strings, with NLTK's regular expressions run without the timeout: the scans of the text
and of the contexts with the stdlib's ``re`` (their one class whose meaning differs from the
``regex`` engine NLTK uses, ``\s``, spelled out), a number's and an initial's test with
``regex`` itself (their ``\d`` and ``\w`` differ); the answer for a context (the word before
the candidate, the mark, what follows) is kept, since contexts repeat. The spans equal NLTK's:
``tests/annotate/test_punkt.py`` compares them on the samples, the development reports and
generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

__all__ = ["Punkt"]

_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
#: NLTK's PunktLanguageVars.period_context_re, word_tokenize and re_boundary_realignment
#: (built as NLTK builds them, so that the sources are equal: a test compares them).
_PERIOD_FMT = r"""
        [\.\?!]             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
_WORD_FMT = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
PERIOD_CONTEXT = _PERIOD_FMT % {"NonWord": _NON_WORD}
WORD = _WORD_FMT % {"NonWord": _NON_WORD, "MultiChar": _MULTI_CHAR,
                    "WordStart": r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"}
REALIGN = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'
#: NLTK's PunktToken regular expressions: a number (its type is "##number##"), an initial.
NUMERIC, INITIAL = r"^-?[\.,]?\d[\d,\.-]*\.?$", r"[^\W\d]\.$"

#: ``\s`` of the ``regex`` engine (Unicode White_Space), which the stdlib's ``\s`` is not: that
#: one also matches the separators U+001C to U+001F, as ``str.isspace`` does.
SPACE = r"[\t-\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


def stdlib(pattern: str) -> str:
    r"""``pattern`` (of the ``regex`` engine, using no class but ``\s`` and ``\S`` whose meaning
    differs) for the stdlib's ``re``, which runs these patterns several times faster."""
    return pattern.replace(r"\s", SPACE).replace(r"\S", "[^" + SPACE[1:])


_PUNCTUATION = frozenset(";:,.!?")
#: Most contexts whose answer is kept (then the table starts again).
MAX_CONTEXTS = 100_000


def _last_space(text: str) -> int:
    """Where the last character of ``string.whitespace`` is in ``text`` (-1 if none): the last
    space, unless another of them comes after it."""
    at = text.rfind(" ")
    for char in "\t\n\r\x0b\x0c":
        at = max(at, text.rfind(char, at + 1))
    return at


class Punkt:
    """NLTK's Punkt decisions for ``abbreviations`` and ``sent_starters`` (lower-case types,
    abbreviations without their final period), nothing else learned (see module notes)."""

    def __init__(self, abbreviations: Iterable[str], sent_starters: Iterable[str]) -> None:
        self.abbreviations = frozenset(abbreviations)
        self.sent_starters = frozenset(sent_starters)
        self._period = re.compile(stdlib(PERIOD_CONTEXT), re.UNICODE | re.VERBOSE)
        self._word = re.compile(stdlib(WORD), re.UNICODE | re.VERBOSE)
        self._realign = re.compile(stdlib(REALIGN), re.MULTILINE)
        self._numeric = regex.compile(NUMERIC, re.UNICODE)
        self._initial = regex.compile(INITIAL, re.UNICODE)
        self._contexts: dict[str, bool] = {}

    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each sentence of ``text``, as NLTK's ``span_tokenize``
        (boundaries realigned past closing quotes and brackets)."""
        slices = list(self._slices(text))
        realign = 0
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k + 1 == len(slices):
                if text[start:stop]:
                    yield start, stop
                continue
            after, end = slices[k + 1]
            m = self._realign.match(text[after:end])
            if m:
                yield start, after + len(m.group(0).rstrip())
                realign = m.end()
            else:
                realign = 0
                if text[start:stop]:
                    yield start, stop

    def _slices(self, text: str) -> Iterator[tuple[int, int]]:
        last_break = 0
        for match, context in self._contexts_of(text):
            if self._breaks(context):
                yield last_break, match.end()
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        yield last_break, len(text.rstrip())

    def _contexts_of(self, text: str) -> Iterator[tuple[re.Match, str]]:
        """NLTK's ``_match_potential_end_contexts``: each candidate with the word before it and
        what follows, overlapping candidates ("!!!") reduced to the last."""
        prev_start = prev_stop = 0
        previous = None
        for match in self._period.finditer(text):
            before = text[prev_stop:match.start()]
            space = _last_space(before)
            start = space + prev_stop + 1 if space > 0 else prev_start
            if previous is not None and prev_stop <= start:
                yield previous, text[prev_start:prev_stop] + previous.group() + previous.group(
                    "after_tok")
            previous, prev_start, prev_stop = match, start, match.start()
        if previous is not None:
            yield previous, text[prev_start:prev_stop] + previous.group() + previous.group(
                "after_tok")

    def _breaks(self, context: str) -> bool:
        """NLTK's ``text_contains_sentbreak``: whether a token of ``context`` other than the
        last ends a sentence (after both annotation passes)."""
        known = self._contexts.get(context)
        if known is None:
            if len(self._contexts) >= MAX_CONTEXTS:
                self._contexts = {}
            tokens = [t for line in context.split("\n") if line.strip()
                      for t in self._word.findall(line)]
            known = any(self._ends(tokens[k], tokens[k + 1]) for k in range(len(tokens) - 1))
            self._contexts[context] = known
        return known

    def _first_pass(self, tok: str) -> tuple[bool, bool, bool]:
        """``(sentbreak, abbreviation, ellipsis)`` of a token from its own type."""
        if tok in (".", "?", "!"):
            return True, False, False
        if len(tok) > 1 and tok.strip(".") == "" and tok[:2] == "..":
            return False, False, True
        if tok.endswith(".") and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self.abbreviations or low.split("-")[-1] in self.abbreviations:
                return False, True, False
            return True, False, False
        return False, False, False

    def _type(self, tok: str) -> str:
        low = tok.lower()
        return "##number##" if self._numeric.match(low) else low

    def _ends(self, tok: str, nxt: str) -> bool:
        """Whether ``tok`` followed by ``nxt`` ends a sentence (both Punkt passes)."""
        brk, abbr, ellipsis = self._first_pass(tok)
        if not tok.endswith("."):
            return brk
        typ = self._type(tok)
        if len(typ) > 1 and typ[-1] == ".":
            typ = typ[:-1]
        initial = self._initial.match(tok) is not None
        upper = nxt[0].isupper()
        if (abbr or ellipsis) and not initial:
            nxt_type = self._type(nxt)
            if self._first_pass(nxt)[0] and len(nxt_type) > 1 and nxt_type[-1] == ".":
                nxt_type = nxt_type[:-1]
            if upper and nxt_type in self.sent_starters:
                return True
        if initial or typ == "##number##":
            not_start = nxt in _PUNCTUATION or nxt[0].islower()  # the orthographic heuristic
            if not_start or (initial and upper):
                return False
        return brk
