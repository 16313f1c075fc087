"""Tone aimed at each actor: the VADER score of the clause that holds a mention.

A sentence often portrays two actors differently ("Washington pressures Seoul, while Beijing
offers talks"), and the score of the whole sentence then says little about either. The tone of a
mention is scored on the part of its sentence that is about it:

1. **the clause holding the mention**: the sentence is cut at the marks and words of the tone
   lexicon's ``[clauses]`` (";", ":", dashes, brackets; "while", "whereas", "although", "but"
   ...); a clause that opens with a subordinating word ("Although ...", "While ...") also ends at
   its first comma;
2. **every actor name masked** (the placeholder of :func:`analysis.annotate.sentence_tone.mask`): "United
   States" lends no valence of "united", and another actor's name says nothing of this one;
3. **victims are not blamed**: a hostile act (``[victim] acts``: "harm", "sanctions",
   "pressure" ...) followed, through only linking words ("against", "on", "the", "and" ... of
   ``[victim] links``) and other actors' names, by this mention is what someone else does to the
   actor, and does not count for it ("the United States aims to harm Russia, China" is negative
   for the United States only). Words of judgement ("blamed Tokyo") are not acts: they portray
   their target;
4. **near words**: only the valences of words at most ``window`` words (``[scope]`` of the tone
   lexicon, 3 by default) from the mention count: in a long clause the words about the actor
   stand next to its name ("hunted down", "warm ties with"), the rest is about something else;
5. **domain words**: the tone lexicon's ``[rewrite]`` phrases are replaced ("no less" is not a
   negation) and its ``[valence]`` entries extend or override VADER's lexicon ("sanctions" -1.5,
   "security" 0, "stressed" 0), see :mod:`analysis.knowledge.tone_lexicon`.

The score is :func:`analysis.annotate.vader.Vader332` compound of the result, in (-1, 1).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

import pandas as pd

from analysis.annotate.sentence_tone import PLACEHOLDER, mask
from analysis.annotate.vader import Vader332, analyzer, as_scored
from analysis.knowledge.tone_lexicon import ToneLexicon

__all__ = ["add_targeted_tone", "aimed_tone", "clause_of", "domain_analyzer", "targeted_text"]

#: What replaces a hostile word done to the actor (a word in no VADER list).
NEUTRAL = "Item"
#: What the mention itself is masked with while it is located (then the placeholder).
SELF = "Actorself"
#: Words that open a subordinate clause at the start of a sentence or after a clause boundary.
SUBORDINATORS = frozenset({"although", "though", "while", "whereas", "despite", "unlike", "if",
                           "when", "as", "since", "because"})
_WORD = re.compile(r"\S+")
_QUOTES = ".,;:!?\"'“”‘’()"


@lru_cache(maxsize=8)
def domain_analyzer(lexicon: ToneLexicon) -> Vader332:
    """VADER with the tone lexicon's ``[valence]`` entries added to (or overriding) its lexicon."""
    base = analyzer()
    domain = Vader332.__new__(Vader332)
    domain.__dict__.update(base.__dict__)
    domain.lexicon = {**base.lexicon, **dict(lexicon.valence)}
    return domain


@lru_cache(maxsize=8)
def _boundary_pattern(lexicon: ToneLexicon) -> re.Pattern[str]:
    marks = "|".join(re.escape(m) for m in sorted(lexicon.marks, key=len, reverse=True))
    words = "|".join(re.escape(w) for w in lexicon.words)
    parts = [p for p in (marks, rf"(?<![\w-])(?:{words})(?![\w-])" if words else "") if p]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else re.compile(r"(?!)")


@lru_cache(maxsize=4096)
def _edges(text: str, lexicon: ToneLexicon) -> tuple[int, ...]:
    """The clause boundaries of ``text`` (offsets, 0 and ``len(text)`` included), sorted."""
    cuts = {0, len(text)}
    for m in _boundary_pattern(lexicon).finditer(text):
        word = m.group().strip().casefold()
        if word.isalpha():
            cuts.add(m.start())
        else:
            cuts.update((m.start(), m.end()))
    edges = sorted(cuts)
    # a clause opening with a subordinator ends at its first comma too
    for b in list(edges):
        head = text[b:].lstrip(" ,\"'“‘")
        first = head.split(" ", 1)[0].casefold()
        if first in SUBORDINATORS:
            comma = text.find(",", b)
            nxt = edges[bisect_right(edges, b)] if bisect_right(edges, b) < len(edges) else len(text)
            if 0 <= comma < nxt:
                cuts.add(comma + 1)
    return tuple(sorted(cuts))


def clause_of(text: str, start: int, lexicon: ToneLexicon) -> tuple[int, int]:
    """``(begin, end)`` of the clause of ``text`` that holds offset ``start`` (see module notes).

    Examples
    --------
    >>> from analysis.knowledge.tone_lexicon import load_tone
    >>> text = "Seoul hesitates, while Tokyo acts."
    >>> b, e = clause_of(text, text.index("Tokyo"), load_tone())
    >>> text[b:e]
    'while Tokyo acts.'
    """
    edges = _edges(text, lexicon)
    i = bisect_right(edges, start) - 1
    begin = edges[max(i, 0)]
    end = edges[i + 1] if i + 1 < len(edges) else len(text)
    return begin, end


def _is_name(word: str) -> bool:
    core = word.strip(".,;:!?\"'“”‘’()")
    return core.casefold().startswith(PLACEHOLDER.casefold()) and core.isalpha()


def targeted_text(text: str, span: tuple[int, int], others: Sequence[tuple[int, int]],
                  lexicon: ToneLexicon) -> tuple[str, tuple[int, int]]:
    """The text scored for the mention at ``span`` of sentence ``text`` (offsets into ``text``),
    and the first and last word (whitespace words, 0-based) of the mention in it: the mention's
    clause, with ``span`` and ``others`` masked, hostile acts done to it neutralized and the
    rewrites applied (module notes, steps 1-3 and 5)."""
    begin, end = clause_of(text, span[0], lexicon)
    inside = [(max(a, begin) - begin, min(b, end) - begin) for a, b in others
              if a < end and b > begin]
    own = (span[0] - begin, min(span[1], end) - begin)
    clause = mask(text[begin:end], inside)
    clause = clause[:own[0]] + _WORD.sub(SELF, clause[own[0]:own[1]]) + clause[own[1]:]
    words = [(m.start(), m.group()) for m in _WORD.finditer(clause)]
    at = next((i for i, (_, w) in enumerate(words) if SELF in w), None)
    if at is not None:
        i = at - 1
        while i >= 0 and (_is_name(words[i][1]) or not words[i][1].strip(",")
                          or words[i][1].strip(",").casefold() in lexicon.links):
            i -= 1
        if i >= 0:
            s, w = words[i]
            lead = len(w) - len(w.lstrip(_QUOTES))
            act = lexicon.act_pattern.fullmatch(w.strip(_QUOTES))
            if act is not None:
                clause = clause[:s + lead] + NEUTRAL + clause[s + lead + len(act.group()):]
    if lexicon.rewrite_pattern is not None:
        clause = lexicon.rewrite_pattern.sub(
            lambda m: lexicon.replacements[" ".join(m.group().casefold().split())], clause)
    mine = [i for i, w in enumerate(clause.split()) if SELF in w]
    where = (mine[0], mine[-1]) if mine else (0, 0)
    return clause.replace(SELF, PLACEHOLDER), where


@lru_cache(maxsize=65536)
def aimed_tone(text: str, where: tuple[int, int], lexicon: ToneLexicon) -> float:
    """VADER compound of ``text`` (a :func:`targeted_text`) counting only the valences of words
    at most ``lexicon.window`` words from the mention's words ``where``; every word when the
    window is 0."""
    analyzer = domain_analyzer(lexicon)
    if analyzer._emoji_chars.isdisjoint(text):  # no lexicon word near the mention: 0, unscored
        near = text.split()
        if lexicon.window:
            near = near[max(0, where[0] - lexicon.window):where[1] + lexicon.window + 1]
        if not any(as_scored(w).lower() in analyzer.lexicon for w in near):
            return 0.0
    return _scored(text, where, lexicon)


def _scored(text: str, where: tuple[int, int], lexicon: ToneLexicon) -> float:
    """:func:`aimed_tone` the long way: every text through VADER, then the window applied."""
    analyzer = domain_analyzer(lexicon)
    scored, words, valences = analyzer.valences(text)
    if lexicon.window:
        first, last = where
        valences = [v if first - lexicon.window <= i <= last + lexicon.window else 0.0
                    for i, v in enumerate(valences)]
    return float(analyzer.score_valence(analyzer._but_check(words, valences), scored)["compound"])


@lru_cache(maxsize=8)
def _placeholders_unscored(lexicon: ToneLexicon) -> bool:
    """Whether no word the scoring writes in ("Actor", "Actorself", "Item") can make a lexicon
    word or a rewrite phrase: then a sentence's words alone say whether it can score."""
    ours = {PLACEHOLDER.casefold(), SELF.casefold(), NEUTRAL.casefold()}
    words = [*domain_analyzer(lexicon).lexicon, *(p for p, _ in lexicon.rewrite)]
    return not any(ours & set(re.split(r"[^a-z]+", w.casefold())) for w in words)


def _unscored(text: str, lexicon: ToneLexicon) -> bool:
    """True when every mention in sentence ``text`` gets tone 0 whatever its place: no word of
    any of its clauses is in the lexicon, no rewrite phrase (which could bring one in) is in it,
    no emoji (which VADER turns into words). Masking and neutralizing only put in words of no
    lexicon entry, so the text scored for any mention has no lexicon word either."""
    analyzer = domain_analyzer(lexicon)
    if not _placeholders_unscored(lexicon) or not analyzer._emoji_chars.isdisjoint(text):
        return False
    if lexicon.rewrite_pattern is not None:
        loose = text
        for mark in lexicon.marks:  # a clause may start right after a mark
            loose = loose.replace(mark, " " * len(mark))
        if lexicon.rewrite_pattern.search(loose):
            return False
    edges, lex = _edges(text, lexicon), analyzer.lexicon
    return not any(as_scored(w).lower() in lex
                   for a, b in pairwise(edges) for w in text[a:b].split())


def add_targeted_tone(mentions: pd.DataFrame, sentences: pd.DataFrame,
                      lexicon: ToneLexicon) -> pd.DataFrame:
    """The mentions table with ``tone``: the tone aimed at each mention's actor (a copy).

    Parameters
    ----------
    mentions : entry_id, sentence_idx, start, end (offsets into the entry text), ...
    sentences : entry_id, sentence_idx, text, start (the sentence's offset in its entry)
    lexicon : the tone lexicon (:func:`analysis.knowledge.tone_lexicon.load_tone`)

    Returns
    -------
    ``mentions`` plus a float64 column ``tone`` (module notes). Two mentions of one actor in a
    sentence may differ (they can sit in different clauses).
    """
    out = mentions.copy()
    if not len(mentions):
        out["tone"] = pd.Series(dtype="float64")
        return out
    where = {(e, int(i)): (t, int(s)) for e, i, t, s in zip(
        *(sentences[c].tolist() for c in ("entry_id", "sentence_idx", "text", "start")),
        strict=True)}
    spans: dict[tuple, list[tuple[int, int]]] = {}
    keys = list(zip(mentions["entry_id"].tolist(), *(mentions[c].astype(int).tolist()
                                                     for c in ("sentence_idx", "start", "end")),
                    strict=True))
    for e, i, a, b in keys:
        spans.setdefault((e, i), []).append((a, b))
    tones = []
    quiet: dict[tuple, bool] = {}
    for e, i, a, b in keys:
        text, offset = where[(e, i)]
        if (e, i) not in quiet:
            quiet[(e, i)] = _unscored(text, lexicon)
        if quiet[(e, i)]:
            tones.append(0.0)
            continue
        own = (a - offset, b - offset)
        others = [(x - offset, y - offset) for x, y in spans[(e, i)] if (x, y) != (a, b)]
        tones.append(aimed_tone(*targeted_text(text, own, others, lexicon), lexicon))
    out["tone"] = pd.Series(tones, index=out.index, dtype="float64")
    return out
