"""The words of an attribution (``analysis/data/attribution.toml``): genres, publication nouns,
what is not a publication, roles, institutions and places, event verbs, openers, the verbs of
news reporting and the words that open a cited source.

The reader (:mod:`analysis.read.attribution`) needs them to tell an attribution ("In a
Kommersant article on March 3, Ivan Petrov argued ...") from a paragraph about an event ("In his
May 9 speech, Putin warned ..."). A user file extends the shipped lists (``replace = true`` in a
table replaces its lists).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.knowledge.files import layers, stamped

__all__ = ["WORD_LISTS", "AttributionWords", "load_attribution_words"]

_FILE = "attribution.toml"
#: The lists of the ``[words]`` table.
WORD_LISTS = ("publication", "not_publication", "roles", "not_outlet", "places", "event_verbs",
              "carrying_verbs", "name_leads", "outlet_words", "institution_words", "openers",
              "news_verbs", "source_openers", "relaying", "statement_verbs", "speech_words")


@dataclass(frozen=True, eq=False)
class AttributionWords:
    """The word lists, case-folded; ``genres`` maps a word to its genre ("op-ed" -> ...)."""

    genres: dict[str, str]
    publication: frozenset[str]
    not_publication: frozenset[str]
    roles: frozenset[str]
    not_outlet: frozenset[str]
    places: frozenset[str]
    event_verbs: frozenset[str]
    carrying_verbs: frozenset[str]
    name_leads: frozenset[str]
    outlet_words: frozenset[str]
    institution_words: frozenset[str]
    openers: frozenset[str]
    news_verbs: frozenset[str]
    source_openers: frozenset[str]
    relaying: frozenset[str]
    statement_verbs: frozenset[str]
    speech_words: frozenset[str]


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} must be a list of strings")
    return [v.casefold() for v in value]


def _compile(docs: list[tuple[str, dict]]) -> AttributionWords:
    genres: dict[str, str] = {}
    words: dict[str, set[str]] = {name: set() for name in WORD_LISTS}
    for source, doc in docs:
        if set(doc) - {"genres", "words"}:
            raise ValueError(f"{source}: expected [genres] and [words] tables; found {sorted(doc)}")
        table = doc.get("genres", {})
        if table.pop("replace", False) if isinstance(table, dict) else False:
            genres = {}
        for genre, items in table.items():
            for word in _strings(items, f"{source}: [genres] {genre}"):
                genres[word] = genre
        table = dict(doc.get("words", {}))
        if table.pop("replace", False):
            words = {name: set() for name in WORD_LISTS}
        unknown = sorted(set(table) - set(WORD_LISTS))
        if unknown:
            raise ValueError(f"{source}: unknown list(s) {unknown} in [words]; valid: {list(WORD_LISTS)}")
        for name, items in table.items():
            words[name] |= set(_strings(items, f"{source}: [words] {name}"))
    return AttributionWords(genres=genres, **{k: frozenset(v) for k, v in words.items()})


@lru_cache(maxsize=8)
def _load(path: str | None, stamp: tuple[int, int] | None) -> AttributionWords:
    return _compile(layers(_FILE, path, extend=True))


def load_attribution_words(path: str | Path | None = None) -> AttributionWords:
    """The shipped word lists, extended by a user's ``path``; cached until the file changes."""
    return _load(*stamped(path))
