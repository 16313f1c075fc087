"""The word lists of the tone model's features: negations, hedges, reporting verbs, ...

``analysis/data/tone_features.toml`` names, list by list, the words a linguist would point at
when saying how a sentence portrays an actor (:mod:`analysis.annotate.tone_features` turns
them into features). Each list is a table holding ``words`` (or, for ``[judgement]``,
``negative`` and ``positive``); a word ending in ``*`` matches any ending. The lists are part
of the tone model: the model file records the SHA-256 of the file it was trained with
(:attr:`ToneWords.digest`), and a model trained with other lists does not load.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["LISTS", "ToneWords", "load_tone_words"]

_FILE = "tone_features.toml"
#: The lists of the file: (table, key) -> the name a word's classes use.
LISTS = {("negation", "words"): "negation", ("hedge", "words"): "hedge",
         ("conditional", "words"): "conditional", ("conditional", "inverted"): "inverted",
         ("reporting", "words"): "reporting",
         ("judgement", "negative"): "judge_negative", ("judgement", "positive"): "judge_positive",
         ("cooperation", "words"): "cooperation", ("relation", "words"): "relation",
         ("conflict", "words"): "conflict", ("overcome", "words"): "overcome",
         ("passive", "words"): "passive", ("agent", "words"): "agent",
         ("preposition", "words"): "preposition", ("subject", "words"): "subject",
         ("place", "words"): "place", ("intensifier", "words"): "intensifier",
         ("contrast", "words"): "contrast"}


@dataclass(frozen=True, eq=False)
class ToneWords:
    """The compiled word lists (build with :func:`load_tone_words`); hashable by digest.

    exact : list name -> the words it holds as written
    prefixes : list name -> the stems of its ``*`` entries
    scope : how many words a negation reaches
    digest : SHA-256 of the file
    """

    exact: dict[str, frozenset[str]]
    prefixes: dict[str, tuple[str, ...]]
    scope: int
    digest: str
    _seen: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _index: dict[tuple[str, str], set[str]] = field(default_factory=dict, repr=False)

    def classes(self, word: str) -> frozenset[str]:
        """The names of the lists that hold ``word`` (lower-cased), e.g. ``{"reporting"}``:
        one look-up of the word and one of each of its beginnings (a list's ``*`` stems)."""
        got = self._seen.get(word)
        if got is None:
            index = self._index
            if not index:  # word or stem -> the lists holding it as written or as a stem
                for name in self.exact:
                    for w in self.exact[name]:
                        index.setdefault(("=", w), set()).add(name)
                    for p in self.prefixes[name]:
                        index.setdefault(("*", p), set()).add(name)
            found = set(index.get(("=", word), ()))
            for k in range(len(word) + 1):
                found.update(index.get(("*", word[:k]), ()))
            got = self._seen[word] = frozenset(found)
        return got

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ToneWords) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def _compile(text: str, source: str) -> ToneWords:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}: not valid TOML: {exc}") from None
    exact: dict[str, frozenset[str]] = {}
    prefixes: dict[str, tuple[str, ...]] = {}
    for (table, key), name in LISTS.items():
        words = doc.get(table, {}).get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ValueError(f"{source}: [{table}] {key} must be a list of words")
        folded = [w.casefold() for w in words]
        exact[name] = frozenset(w for w in folded if not w.endswith("*"))
        prefixes[name] = tuple(sorted(w[:-1] for w in folded if w.endswith("*")))
    scope = doc.get("negation", {}).get("scope", 3)
    if isinstance(scope, bool) or not isinstance(scope, int) or scope < 1:
        raise ValueError(f"{source}: [negation] scope = {scope!r}: give a whole number >= 1")
    return ToneWords(exact, prefixes, scope, hashlib.sha256(text.encode()).hexdigest())


@lru_cache(maxsize=1)
def load_tone_words() -> ToneWords:
    """The shipped word lists (``analysis/data/tone_features.toml``), compiled once."""
    text = resources.files("analysis").joinpath(f"data/{_FILE}").read_text(encoding="utf-8")
    return _compile(text, f"analysis/data/{_FILE}")
