"""The words a reader of attributions needs: the knowledge's lists, and two tests on words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.read.opening import FUNCTION_WORDS, Part

__all__ = ["Words", "looks_like_verb", "person_like"]

_IRREGULAR = frozenset([
    "wrote", "writes", "saw", "sees", "took", "takes", "made", "makes", "gave", "gives", "found",
    "finds", "thought", "thinks", "held", "holds", "put", "puts", "set", "sets", "told", "tells",
    "drew", "draws", "brought", "brings", "spoke", "speaks", "ran", "runs", "began", "begins",
    "came", "comes", "went", "goes", "knew", "knows", "left", "leaves", "kept", "keeps", "led",
    "leads", "meant", "means", "read", "reads", "sought", "seeks", "taught", "teaches", "won",
    "wins", "rose", "rises", "fell", "falls", "grew", "grows", "showed", "shows", "says", "said",
    "let", "lets", "struck", "strikes", "stood", "stands", "got", "gets", "hit", "hits", "cast",
    "casts",
])

def looks_like_verb(word: str) -> bool:
    """A lowercase word that can be a verb in the third person ("argued", "notes", "wrote")."""
    w = word.casefold()
    if w in _IRREGULAR or w.endswith(("ed", "es")):
        return True
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "ics"))


@dataclass(frozen=True)
class Words:
    """What reading a clause needs besides the parts: the knowledge's word lists, a test of
    whether a name is an actor of the gazetteer, and the outlets table."""

    attribution: Any
    outlets: Any
    actor_match: Any  # callable: name -> "whole" | "part" | None
    geo: frozenset[str] = frozenset()  # the words of the actors' names ("north", "korea")

    def is_named(self, word: str, kind: str) -> bool:
        low = word.casefold().rstrip(".")
        found = getattr(self.attribution, kind)
        if low in found:
            return True
        if kind == "roles" and low.endswith("s") and low[:-1] in found:
            return True  # "ministers", "analysts"
        parts = low.split("-")  # "vice-president", "deputy-director", "editor-in-chief"
        return kind == "roles" and len(parts) > 1 and all(
            x in found or x.rstrip("s") in found or x in ("in", "of") for x in parts)


def person_like(name: Part, w: Words) -> bool:
    """A name that can be a person's: no outlet, institution or place word, not a place or a
    people of the gazetteer (a leader's full name is a person: "Sergei Lavrov")."""
    words = list(name.value[0]) if name.kind == "name" else name.text.split()
    if not words or len(words) > 5 or words[0].casefold() in FUNCTION_WORDS:
        return False
    if any(w.is_named(x, kind) for x in words
           for kind in ("outlet_words", "institution_words", "not_outlet", "places")):
        return False
    if w.actor_match(" ".join(words)) is None:
        return True
    if len(words) == 1 and name.kind == "name" and name.value[1] and words[0].casefold() not in w.geo:
        return True  # a title before a leader's surname: a person ("Foreign Minister Lavrov")
    # a leader's full name ("Sergei Lavrov", "Kim Jong-un") or a name that holds an alias
    # ("Yoon Young-kwan"), never a place or a people ("Inner Mongolia", "Sino-Russian")
    return len(words) >= 2 and not any(x.casefold() in w.geo for x in words)
