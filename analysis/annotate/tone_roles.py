"""The actor's role in its sentence and the codebook's rules, as features of the tone model.

Heuristics over the units of :func:`analysis.annotate.tone_features.sentence_units` and the
word lists of ``analysis/data/tone_features.toml`` (no part-of-speech tagger), each feature an
indicator named for what it says:

* **agent or patient**: ``subj`` (only function words, names or a reporting "that" stand
  before the mention in its clause: the actor is the subject), ``poss`` (a possessive follows:
  "China's navy"), ``act_after`` (a hostile act follows within 4 words: the actor does it),
  ``act_passive`` (it follows a passive auxiliary: "Japan was attacked"), ``by_agent`` ("... by
  Pyongyang"), ``prep:<word>`` (the preposition before the mention: "against", "on", "with");
* **victims are not blamed** (codebook rule 1): ``victim`` when a hostile act stands before the
  mention with only linking words, names and commas between ("sanctions against Russia"); that
  act's valence is then left out of the lexicon scores, as in
  :func:`analysis.annotate.clause_tone.targeted_text`;
* **judging and reporting verbs** (rule 10): ``judged_neg``/``judged_pos`` (the actor is the
  object of blame or praise), ``judge_neg_by``/``judge_pos_by`` (the actor is the judge),
  ``speaker`` (a reporting verb follows: the actor says), ``reported`` (one comes before);
* **hedges and conditionals** (rule 3): ``hedge_clause``, ``hedge_after`` (a modal right after
  the mention: "North Korea could strike"), ``hedge:<word>``, ``cond_clause`` and
  ``cond:<word>`` ("if", "unless"; "were", "should", "had" first in the clause);
* **cooperation and conflict** (rule 6): ``coop_two``/``coop_one`` (a word of cooperation in
  the clause with or without another actor), ``conflict_two``/``conflict_one``,
  ``relation_two``, ``between``, ``paired`` (another actor joined by "and", "with", a hyphen),
  ``hyphen_pair`` ("Sino-Russian");
* **negated negatives** (rule 4): ``self_negated``, ``neg_clause`` (the ``negneg``/``negpos``
  features of negated lexicon words are made with the lexicon scores);
* **overcome or abandoned** (rule 5): ``overcome_neg``, and the negative words after a verb of
  leaving behind ("overcame its dependence") left out of the lexicon scores;
* **place names** (rule 7): ``place_next`` ("Korean Peninsula", "Chinese mainland");
  ``demonym`` (an adjective of the actor before a noun: "Russian economy");
* ``other_in_clause``, ``contrast_in``, ``after_contrast``, ``before_contrast``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["role_features"]

WORD, SELF, OTHER, PUNCT = 0, 1, 2, 3  # as in analysis.annotate.tone_features
_DEMONYM = ("ese", "an", "ian", "ish", "i")
_JOINERS = frozenset({"and", "with", "-", "–", ",", "&", "or", "both", "the"})


def _words(units: Sequence, lo: int, hi: int, step: int, limit: int) -> list[int]:
    """Up to ``limit`` indices of word or name units from ``lo`` towards ``hi`` (by ``step``)."""
    out, i = [], lo
    while (i < hi if step > 0 else i > hi) and len(out) < limit:
        if not units[i].mark:
            out.append(i)
        i += step
    return out


def _agent_patient(units, kinds, at: int, last: int, clause: tuple[int, int], f: dict,
                   skip: set[int], links: frozenset[str]) -> None:
    lo, hi = clause
    i = at - 1
    while i >= lo and (kinds[i] in (SELF, OTHER) or units[i].norm in (",", "'s")
                       or units[i].norm in links):
        i -= 1
    if i >= lo and units[i].act:
        f["victim"] = 1.0
        skip.add(i)
    j = at - 1
    while j >= lo and (units[j].mark or kinds[j] in (SELF, OTHER) or "subject" in units[j].classes):
        j -= 1
    if j < lo or units[j].norm == "that" or "reporting" in units[j].classes:
        f["subj"] = 1.0
    before = _words(units, at - 1, lo - 1, -1, 1)
    if before and kinds[before[0]] == WORD and "preposition" in units[before[0]].classes:
        f["prep:" + units[before[0]].norm] = 1.0
        if "agent" in units[before[0]].classes:
            f["by_agent"] = 1.0
    if last + 1 < len(units) and units[last + 1].norm == "'s":
        f["poss"] = 1.0
    after = _words(units, last + 1, hi, 1, 4)
    passive = False
    for j in after:
        if kinds[j] != WORD:
            continue
        if "passive" in units[j].classes:
            passive = True
        elif units[j].act:
            f["act_passive" if passive else "act_after"] = 1.0
            break
    if (after and kinds[after[0]] == WORD and units[at].norm.endswith(_DEMONYM)
            and after[0] == last + 1):
        f["demonym"] = 1.0
    if after and "place" in units[after[0]].classes and after[0] == last + 1:
        f["place_next"] = 1.0


def _judging(units, kinds, at: int, last: int, clause: tuple[int, int], f: dict,
             reporting: tuple[int, ...]) -> None:
    lo, hi = clause
    for j in _words(units, at - 1, lo - 1, -1, 4):
        c = units[j].classes
        if "judge_negative" in c or "judge_positive" in c:
            f["judged_neg" if "judge_negative" in c else "judged_pos"] = 1.0
            break
    passive = False
    for j in _words(units, last + 1, hi, 1, 4):
        c = units[j].classes
        if "passive" in c:
            passive = True
        if "judge_negative" in c or "judge_positive" in c:
            neg = "judge_negative" in c
            f[("judged_" if passive else "judge_") + ("neg" if neg else "pos")
              + ("" if passive else "_by")] = 1.0
            break
        if "reporting" in c and not passive:
            f["speaker"] = 1.0
            break
    if any(j < at and kinds[j] == WORD for j in reporting):
        f["reported"] = 1.0


def _clause_words(units, kinds, at: int, last: int, clause: tuple[int, int], f: dict,
                  skip: set[int], negated: set[int]) -> None:
    """One pass over the clause: hedges and conditionals, cooperation and conflict, overcome
    negatives, a contrast before the mention."""
    lo, hi = clause
    first = _words(units, lo, hi, 1, 1)
    if first and "inverted" in units[first[0]].classes:
        f["cond_clause"] = f["cond:" + units[first[0]].norm] = 1.0
    other = False
    kinds_seen: set[str] = set()
    for j in range(lo, hi):
        kind = kinds[j]
        if kind == OTHER:
            other = True
        c = units[j].classes
        if not c:
            continue
        if "conditional" in c:
            f["cond_clause"] = f["cond:" + units[j].norm] = 1.0
        if "hedge" in c:
            f["hedge_clause"] = f["hedge:" + units[j].norm] = 1.0
        if kind == WORD:
            kinds_seen.update(c & _RELATIONS)
            if "overcome" in c:
                hit = [k for k in _words(units, j + 1, hi, 1, 3) if units[k].valence < 0
                       and kinds[k] == WORD and k not in negated]
                if hit:
                    f["overcome_neg"] = 1.0
                    skip.update(hit)
        if "contrast" in c and j < at:
            f["contrast_in"] = 1.0
    if any("hedge" in units[j].classes for j in _words(units, last + 1, hi, 1, 2)):
        f["hedge_after"] = 1.0
    if other:
        f["other_in_clause"] = 1.0
    two = "two" if other else "one"
    if "cooperation" in kinds_seen:
        f["coop_" + two] = 1.0
    if "conflict" in kinds_seen:
        f["conflict_" + two] = 1.0
    if "relation" in kinds_seen and other:
        f["relation_two"] = 1.0
    if any(units[j].norm == "between" for j in _words(units, at - 1, lo - 1, -1, 3)):
        f["between"] = 1.0
    for start, step, stop in ((at - 1, -1, lo - 1), (last + 1, 1, hi)):
        j = start
        while j != stop and kinds[j] != OTHER and units[j].norm in _JOINERS:
            j += step
        if j != stop and j != start and kinds[j] == OTHER:
            f["paired"] = 1.0
            if units[j - step].norm in ("-", "–"):
                f["hyphen_pair"] = 1.0


_RELATIONS = frozenset({"cooperation", "conflict", "relation"})


def role_features(units: Sequence, kinds: list[int], at: int, last: int,
                  clause: tuple[int, int], negated: set[int], links: frozenset[str],
                  reporting: tuple[int, ...] = (), contrasts: tuple[int, ...] | None = None,
                  ) -> tuple[dict[str, float], set[int]]:
    """The role and rule features of the mention at units ``at..last`` (module notes), and the
    indices of the units whose valence does not count for the actor (a hostile act done to it,
    a negative word it overcomes). ``links``: the tone lexicon's ``[victim] links``;
    ``reporting``, ``contrasts``: the units of the sentence's reporting and contrast words
    (found here when None)."""
    lo, hi = clause
    f: dict[str, float] = {}
    skip: set[int] = set()
    _agent_patient(units, kinds, at, last, clause, f, skip, links)
    _judging(units, kinds, at, last, clause, f, reporting)
    if at in negated:
        f["self_negated"] = 1.0
    if negated:
        f["neg_clause"] = 1.0
    _clause_words(units, kinds, at, last, clause, f, skip, negated)
    if contrasts is None:
        contrasts = tuple(i for i, u in enumerate(units) if "contrast" in u.classes)
    if contrasts and contrasts[0] < lo:
        f["after_contrast"] = 1.0
    if contrasts and contrasts[-1] >= hi:
        f["before_contrast"] = 1.0
    return f, skip

