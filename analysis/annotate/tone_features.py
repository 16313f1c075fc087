"""Features of a (sentence, actor) pair for the tone model: what a linguist would point at.

The codebook (``docs/tone-codebook.md``) asks how a sentence portrays one actor. The features
describe the sentence from that actor's place in it, with the word lists of
:mod:`analysis.knowledge.tone_words` and the tone lexicon; no part-of-speech tagger, only the
workbook's tokenizer (:func:`analysis.text.tokenize.tokenize`) and heuristics:

* **words of the actor's clause** (:func:`analysis.annotate.clause_tone.clause_of`), stemmed,
  by side (``L``/``R`` of the mention) and distance (1: at most 2 words away, 2: at most 5, 3:
  further), other actors as ``_other_``; words in a negation's scope marked ``not_`` (Das &
  Chen 2001; Pang, Lee & Vaithyanathan 2002); the two words on each side of the mention;
* **lexicon scores**: domain valences (VADER's lexicon with ``tone.toml``'s ``[valence]``) of
  the clause's words summed by side, distance and sign (negated: times VADER's -0.74; a
  hostile act done to the actor, or a negative word it overcomes, left out), and the VADER
  compounds of the near window (``v_near``, :func:`analysis.annotate.clause_tone.aimed_tone`)
  and of the sentence as written and with names masked (``v_sent``, ``v_masked``);
* **roles and rules** (:mod:`analysis.annotate.tone_roles`).

A pair pools the features of the actor's mentions in the sentence: the mean for the VADER
scores (``v_*``), the largest value for every other feature.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from analysis.annotate.clause_tone import aimed_tone, clause_of, targeted_text
from analysis.annotate.sentence_tone import mask
from analysis.annotate.tone_roles import role_features
from analysis.annotate.tone_units import Sentence, Unit, sentence_units, slot_names
from analysis.annotate.vader import compound
from analysis.knowledge.tone_lexicon import ToneLexicon
from analysis.knowledge.tone_words import ToneWords

__all__ = ["PUNCT", "WORD", "Unit", "pair_features", "sentence_units"]

#: Unit kinds: a word, a mention of the actor scored, of another actor, a punctuation mark.
WORD, SELF, OTHER, PUNCT = 0, 1, 2, 3
#: VADER's scalar for a negated word (Hutto & Gilbert 2014).
N_SCALAR = -0.74


def _negated(units: Sequence[Unit], lo: int, hi: int, scope: int) -> set[int]:
    """Indices of the units in ``[lo, hi)`` inside a negation's scope: the ``scope`` words
    after a negation word (or a word ending in "n't"), up to a punctuation mark."""
    out: set[int] = set()
    reach = 0
    for i in range(lo, hi):
        unit = units[i]
        if unit.mark:
            reach = 0
        elif "negation" in unit.classes or unit.norm.endswith("n't"):
            reach = scope
        elif reach:
            out.add(i)
            reach -= 1
    return out


_BUCKETS = (1, 1, 1, 2, 2, 2, 3)  # words away (capped at 6) -> 1: at most 2, 2: at most 5, 3
_NAMES = {SELF: slot_names("_self_"), OTHER: slot_names("_other_")}


def _mention_features(sentence: Sentence, kinds: list[int], span: tuple[int, int],
                      clause: tuple[int, int], negated: set[int], lexicon: ToneLexicon,
                      near: float) -> dict[str, float]:
    """The features of one mention (units ``span[0]..span[1]``) in its clause of units
    ``[lo, hi)``; ``own+``, ``own-`` sum the valences of the clause's words it owns (nearer
    to it than to any other actor's mention)."""
    units, rank = sentence.units, sentence.rank
    at, last = span
    lo, hi = clause
    f, skip = role_features(units, kinds, at, last, clause, negated, lexicon.links,
                            sentence.reporting, sentence.contrasts)
    sums: dict[str, float] = {}
    after = rank[last + 1] - 1 if last + 1 < len(rank) else rank[-1]
    other = None
    here = rank[at]
    for begin, stop, left in ((lo, at, True), (last + 1, hi, False)):
        side, anywhere, close = ("L", 1, 2) if left else ("R", 2, 5)
        for i in range(begin, stop):
            kind = kinds[i]
            if kind == PUNCT:
                continue
            unit = units[i]
            away = here - rank[i] if left else rank[i] - after
            bucket = _BUCKETS[min(6, away)]
            if i in negated:
                names = slot_names("not_" + (unit.stem if kind == WORD else _NAMES[kind][0][2:]))
            else:
                names = unit.names if kind == WORD else _NAMES[kind]
            f[names[0]] = 1.0
            f[names[anywhere]] = 1.0
            f[names[bucket + close]] = 1.0
            v = unit.valence if kind == WORD and i not in skip else 0.0
            if v:
                if other is None:
                    other = _other_distance(kinds, rank, lo, hi)
                if i in negated:
                    v *= N_SCALAR
                    f["negneg" + side if unit.valence < 0 else "negpos" + side] = 1.0
                sign = "+" if v > 0 else "-"
                keys = (f"lex{side}{bucket}{sign}", f"lex{side}{sign}", f"lex{sign}")
                if away <= other[i - lo]:
                    keys += (f"own{sign}",)
                for key in keys:
                    sums[key] = sums.get(key, 0.0) + abs(v) / 4
    f.update(sums)
    if sums:
        for role in ("subj", "victim", "cond_clause", "hedge_after", "other_in_clause",
                     "speaker"):
            if role in f:
                for key in ("lexR+", "lexR-", "lex+", "lex-"):
                    if key in sums:
                        f[f"{role}&{key}"] = sums[key]
    for side, start, step in (("p", at - 1, -1), ("n", last + 1, 1)):
        seq, j = [], start
        while 0 <= j < len(units) and len(seq) < 2:
            kind = kinds[j]
            seq.append("_self_" if kind == SELF else "_other_" if kind == OTHER else units[j].stem)
            j += step
        seq += ["^" if side == "p" else "$"] * (2 - len(seq))
        f[f"{side}1:{seq[0]}"] = 1.0
        f[f"{side}2:{seq[0]} {seq[1]}"] = 1.0
    f["v_near"] = near
    f["v_near:" + ("+" if near >= 0.05 else "-" if near <= -0.05 else "0")] = 1.0
    return f


def _other_distance(kinds: list[int], rank: tuple[int, ...], lo: int, hi: int) -> list[float]:
    """For each unit of ``[lo, hi)``, how many words away the nearest other actor's mention
    in the clause is (infinite without one): two sweeps."""
    inf = float("inf")
    out = [inf] * (hi - lo)
    seen = None
    for i in range(lo, hi):
        if kinds[i] == OTHER:
            seen = rank[i]
        elif seen is not None:
            out[i - lo] = rank[i] - seen
    seen = None
    for i in range(hi - 1, lo - 1, -1):
        if kinds[i] == OTHER:
            seen = rank[i]
        elif seen is not None and seen - rank[i] < out[i - lo]:
            out[i - lo] = seen - rank[i]
    return out


def pair_features(text: str, mentions: Sequence[tuple[str, int, int]], *, lexicon: ToneLexicon,
                  words: ToneWords, aimed: Sequence[float] | None = None,
                  sentence_tone: float | None = None, masked_tone: float | None = None,
                  ) -> dict[str, dict[str, float]]:
    """The features of every (sentence, actor) pair of sentence ``text``.

    Parameters
    ----------
    text : the sentence
    mentions : ``(actor, start, end)`` of every actor mention in it (offsets into ``text``)
    lexicon, words : the tone lexicon and the feature word lists
    aimed : the near-window tone of each mention (``tone_lexicon``); computed when None
    sentence_tone, masked_tone : VADER compound of the sentence as written and with the names
        masked (``sentences.tone``, ``tone_masked``); computed when None

    Returns
    -------
    actor -> {feature name: value}, actors in order of their first mention.
    """
    spans = tuple((int(a), int(b)) for _, a, b in mentions)
    if aimed is None:
        aimed = [aimed_tone(*targeted_text(text, s, [o for o in spans if o != s], lexicon),
                            lexicon) for s in spans]
    if sentence_tone is None:
        sentence_tone = compound(text)
    if masked_tone is None:
        masked_tone = compound(mask(text, spans)) if spans else sentence_tone
    sentence = sentence_units(text, spans, lexicon, words)
    units = sentence.units
    clauses: dict[int, tuple[int, int]] = {}
    actors = list(dict.fromkeys(a for a, _, _ in mentions))
    out = {}
    for actor in actors:
        own = {k for k, (a, _, _) in enumerate(mentions) if a == actor}
        kinds = [PUNCT if u.mark else SELF if u.owners & own else OTHER if u.owners else WORD
                 for u in units]
        pooled: dict[str, float] = {}
        count = 0
        for k in sorted(own):
            inside = sentence.mentions[k]
            if not inside:
                continue
            at, last = inside[0], max(i for i in inside if not units[i].mark or i == inside[0])
            if spans[k][0] not in clauses:
                begin, end = clause_of(text, spans[k][0], lexicon)
                clauses[spans[k][0]] = (bisect_right(sentence.ends, begin),
                                        bisect_left(sentence.starts, end))
            lo, hi = clauses[spans[k][0]]
            lo, hi = min(lo, at), max(hi, last + 1)
            one = _mention_features(sentence, kinds, (at, last), (lo, hi),
                                    _negated(units, lo, hi, words.scope), lexicon,
                                    float(aimed[k]))
            count += 1
            if count == 1:
                pooled = one
                continue
            for name, value in one.items():
                if name.startswith("v_") and ":" not in name:
                    pooled[name] = pooled.get(name, 0.0) + value
                elif value > pooled.get(name, float("-inf")):
                    pooled[name] = value
        if count > 1:
            for name in [n for n in pooled if n.startswith("v_") and ":" not in n]:
                pooled[name] /= count
        pooled.update(_sentence_features(sentence_tone, masked_tone, len(own), len(actors)))
        if actor == actors[0]:
            pooled["first_actor"] = 1.0
        out[actor] = pooled
    return out


def _sentence_features(sentence: float, masked: float, own: int, actors: int) -> dict:
    sign = "+" if masked >= 0.05 else "-" if masked <= -0.05 else "0"
    return {"v_sent": float(sentence), "v_masked": float(masked),
            "v_masked:" + sign: 1.0, f"mentions:{min(own, 3)}": 1.0,
            f"actors:{min(actors, 4)}": 1.0}
