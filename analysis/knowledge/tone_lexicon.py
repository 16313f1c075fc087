"""The tone lexicon: domain valences, rewrites, clause ends and victim links for targeted tone.

``analysis/data/tone.toml`` (extendable with a user file, like the gazetteer) holds what the
tone aimed at each actor (:mod:`analysis.annotate.clause_tone`) adds to VADER:

* ``[valence]``: word -> valence on VADER's scale (-4 .. +4), added to VADER's lexicon or
  overriding its entry ("sanctions" -1.5, "security" 0);
* ``[rewrite]``: phrase -> replacement, applied (whole words, any case) before scoring;
* ``[clauses]``: ``marks`` (characters) and ``words`` that end the clause holding a mention;
* ``[scope]``: ``window``, how many words on each side of a mention count (0: the clause);
* ``[victim]``: ``acts``, hostile acts (a trailing ``*`` matches any ending), and ``links``, the
  words that may stand between such an act and the actor it is done to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from analysis.knowledge.files import layers, stamped

__all__ = ["ToneLexicon", "load_tone", "resolve_tone"]

_FILE = "tone.toml"
_SECTIONS = {"valence", "rewrite", "clauses", "victim", "scope"}


@dataclass(frozen=True)
class ToneLexicon:
    """A compiled tone lexicon (build it with :func:`load_tone`); hashable."""

    valence: tuple[tuple[str, float], ...]
    rewrite: tuple[tuple[str, str], ...]
    marks: tuple[str, ...]
    words: tuple[str, ...]
    links: frozenset[str]
    acts: tuple[str, ...]
    window: int
    sources: tuple[str, ...]

    def __hash__(self) -> int:
        # computed once: the lexicon is part of the key of every tone cache, and hashing its
        # tables again on each lookup cost more than the lookup
        if "_hash" not in self.__dict__:
            object.__setattr__(self, "_hash", hash((self.valence, self.rewrite, self.marks,
                                                    self.words, self.links, self.acts,
                                                    self.window, self.sources)))
        return self.__dict__["_hash"]

    @cached_property
    def rewrite_pattern(self) -> re.Pattern[str] | None:
        """One pattern of every rewrite phrase (longest first, whole words, any case)."""
        if not self.rewrite:
            return None
        phrases = sorted((p for p, _ in self.rewrite), key=len, reverse=True)
        body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    @cached_property
    def act_pattern(self) -> re.Pattern[str]:
        """Whole-word pattern of the hostile acts (``*``: any ending), any case."""
        body = "|".join(re.escape(a[:-1]) + r"[\w'-]*" if a.endswith("*") else re.escape(a)
                        for a in self.acts) or r"(?!)"
        return re.compile(rf"(?:{body})", re.IGNORECASE)

    @cached_property
    def replacements(self) -> dict[str, str]:
        return {" ".join(p.casefold().split()): r for p, r in self.rewrite}


def _compile(docs: list[tuple[str, dict]]) -> ToneLexicon:
    valence: dict[str, float] = {}
    rewrite: dict[str, str] = {}
    marks: list[str] = []
    words: list[str] = []
    links: set[str] = set()
    acts: list[str] = []
    window = 0
    for source, doc in docs:
        unknown = sorted(set(doc) - _SECTIONS)
        if unknown:
            raise ValueError(f"{source}: unknown table(s) {unknown}; a tone file has "
                             f"{sorted(_SECTIONS)}")
        for word, value in doc.get("valence", {}).items():
            if isinstance(value, bool) or not isinstance(value, int | float) or not -4 <= value <= 4:
                raise ValueError(f"{source}: [valence] {word!r} = {value!r}: give a number "
                                 "between -4 and 4 (VADER's scale)")
            valence[word.casefold()] = float(value)
        for phrase, replacement in doc.get("rewrite", {}).items():
            if not isinstance(replacement, str):
                raise ValueError(  # noqa: TRY004 - a malformed knowledge file is a ValueError, as for every loader
                    f"{source}: [rewrite] {phrase!r}: the replacement must be text")
            rewrite[" ".join(phrase.casefold().split())] = replacement
        if "window" in doc.get("scope", {}):
            window = doc["scope"]["window"]
            if isinstance(window, bool) or not isinstance(window, int) or window < 0:
                raise ValueError(f"{source}: [scope] window = {window!r}: give a whole number of "
                                 "words >= 0 (0: the whole clause)")
        for table, key, out in (("clauses", "marks", marks), ("clauses", "words", words),
                                ("victim", "links", None), ("victim", "acts", acts)):
            value = doc.get(table, {}).get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError(f"{source}: [{table}] {key} must be a list of strings")
            if out is None:
                links.update(v.casefold() for v in value)
            else:
                out.extend(v if key == "marks" else v.casefold() for v in value)
    return ToneLexicon(tuple(sorted(valence.items())), tuple(sorted(rewrite.items())),
                       tuple(dict.fromkeys(marks)), tuple(dict.fromkeys(words)),
                       frozenset(links), tuple(dict.fromkeys(acts)), window,
                       tuple(source for source, _ in docs))


@lru_cache(maxsize=16)
def _load(path: str | None, stamp: tuple[int, int] | None, extend: bool) -> ToneLexicon:
    return _compile(layers(_FILE, path, extend=extend))


def load_tone(path: str | Path | None = None, *, extend: bool = True) -> ToneLexicon:
    """Load the shipped tone lexicon, extended (or, with ``extend=False``, replaced) by ``path``.

    Raises ValueError naming the file on a malformed file. Cached until the file changes.
    """
    return _load(*stamped(path), extend or path is None)


def resolve_tone(lexicon: ToneLexicon | str | Path | None) -> ToneLexicon:
    """A ToneLexicon as given, loaded from a user file path, or the shipped one for None."""
    return lexicon if isinstance(lexicon, ToneLexicon) else load_tone(lexicon)
