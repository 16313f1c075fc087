"""The actor gazetteer: canonical actors and their aliases, compiled for the phrase matcher.

The gazetteer (``analysis/data/actors.toml``, extendable with a user file) maps each canonical
actor to its aliases: names, demonyms and adjectives, capitals, leaders, acronyms and compound
prefixes ("Sino-"). Aliases are compiled with :func:`analysis.text.phrases.compile_phrase`:
capitals-only aliases ("US", "UN", "DPRK") and the aliases of an actor's ``cased`` list match
case-sensitively; "Sino-" matches "Sino" followed by a hyphen or en dash; possessives are cut.
Phrases in ``[ignore]`` ("Latin America") block the aliases inside them, and so does every
spelling of a shipped outlet (``outlets.toml``) that holds an alias ("Times of India", "Tokyo
Shimbun", "Jakarta Post", "Carnegie India" name no actor). The matcher is built
once per gazetteer and reused; :mod:`analysis.annotate.mentions` runs it over the sentences.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from analysis.knowledge.files import layers, stamped
from analysis.text.phrases import Phrase, PhraseMatcher, compile_phrase

__all__ = ["Gazetteer", "load_gazetteer", "resolve_gazetteer"]

_FILE = "actors.toml"


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Compiled aliases: ``entries`` holds ``(phrase, actor)``; actor None marks an ignore phrase.

    Build it with :func:`load_gazetteer`. ``matcher`` is built on first use and kept.
    """

    entries: tuple[tuple[Phrase, str | None], ...]
    sources: tuple[str, ...]

    @property
    def actors(self) -> tuple[str, ...]:
        """Canonical actor names, sorted."""
        return tuple(sorted({a for _, a in self.entries if a is not None}))

    def aliases(self, actor: str) -> tuple[str, ...]:
        """The aliases of ``actor`` as written in the TOML files."""
        return tuple(p.text for p, a in self.entries if a == actor)

    def to_frame(self) -> pd.DataFrame:
        """One row per alias: actor (None for [ignore]), alias, cased, prefix; sorted by actor."""
        rows = [(a, p.text, p.cased, p.hyphen) for p, a in self.entries]
        table = pd.DataFrame(rows, columns=["actor", "alias", "cased", "prefix"])
        return table.sort_values("actor", kind="stable", na_position="last", ignore_index=True)

    @cached_property
    def matcher(self) -> PhraseMatcher:
        return PhraseMatcher(self.entries)


def _parse(doc: dict, source: str) -> tuple[dict[str, dict], list[str]]:
    """Validate one actors TOML document: ``({actor: table}, ignore_aliases)``."""
    actors = doc.get("actors", {})
    unknown = set(doc) - {"actors", "ignore"}
    if unknown or not isinstance(actors, dict):
        raise ValueError(f"{source}: expected [actors.<Name>] tables and [ignore]; found {sorted(unknown)}")
    for actor, table in actors.items():
        if not isinstance(table, dict) or set(table) - {"aliases", "cased", "replace"}:
            raise ValueError(f"{source}: [actors.{actor!r}] takes only aliases, cased and replace")
        for key in ("aliases", "cased"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
                raise ValueError(f"{source}: actor {actor!r}: {key} must be a list of strings")
    ignore = doc.get("ignore", {}).get("aliases", [])
    if not isinstance(ignore, list) or not all(isinstance(s, str) for s in ignore):
        raise ValueError(f"{source}: [ignore] aliases must be a list of strings")
    return actors, ignore


def _compile(docs: list[tuple[str, dict]]) -> Gazetteer:
    """Merge the documents in order (later ones extend or override) and compile every alias."""
    by_key: dict[tuple, tuple[Phrase, str | None, str]] = {}
    for source, doc in docs:
        actors, ignore = _parse(doc, source)
        seen: dict[tuple, str | None] = {}
        items = [(None, text, None) for text in ignore]
        for actor, table in actors.items():
            if table.get("replace", False):
                by_key = {k: v for k, v in by_key.items() if v[1] != actor}
            items += [(actor, text, None) for text in table.get("aliases", [])]
            items += [(actor, text, True) for text in table.get("cased", [])]
        for actor, text, cased in items:
            phrase, problem = compile_phrase(text, cased=cased)
            what = f"alias {text!r} of actor {actor!r}" if actor else f"[ignore] alias {text!r}"
            if problem:
                warnings.warn(f"{source}: {what}: {problem}", UserWarning, stacklevel=4)
            if phrase is None:
                continue
            key = (phrase.words, phrase.cased, phrase.hyphen)
            if key in seen and seen[key] != actor:
                raise ValueError(f"{source}: {what} is also listed for {seen[key]!r}: keep one")
            seen[key] = actor
            by_key[key] = (phrase, actor, source)
    _block_outlet_names(by_key)
    entries = tuple((phrase, actor) for phrase, actor, _ in by_key.values())
    return Gazetteer(entries, tuple(source for source, _ in docs))


def _block_outlet_names(by_key: dict[tuple, tuple[Phrase, str | None, str]]) -> None:
    """Add, as ignore phrases, the shipped outlet spellings that hold an alias of ``by_key``'s
    actors (an outlet's name is no mention of the actor it is named after)."""
    from analysis.knowledge.outlets import outlets

    matcher = PhraseMatcher(tuple((phrase, actor) for phrase, actor, _ in by_key.values()))
    for spelling in outlets().spellings:
        if not any(a is not None for *_, labels in matcher.find(spelling) for a in labels):
            continue
        phrase, _ = compile_phrase(spelling)
        key = None if phrase is None else (phrase.words, phrase.cased, phrase.hyphen)
        if key is not None and key not in by_key:
            by_key[key] = (phrase, None, "analysis/data/outlets.toml")


@lru_cache(maxsize=16)
def _load(path: str | None, stamp: tuple[int, int] | None, extend: bool) -> Gazetteer:
    return _compile(layers(_FILE, path, extend=extend))


def load_gazetteer(path: str | Path | None = None, *, extend: bool = True) -> Gazetteer:
    """Load the shipped gazetteer, extended (or, with ``extend=False``, replaced) by ``path``.

    Warns (``UserWarning`` naming the file, alias and actor) about an alias that cannot match
    through the tokenizer as written. Raises ValueError when a file is malformed or lists one
    alias for two actors. Results are cached until the file changes.
    """
    return _load(*stamped(path), extend or path is None)


def resolve_gazetteer(gazetteer: Gazetteer | str | Path | None) -> Gazetteer:
    """A Gazetteer as given, loaded from a user file path, or the shipped one for None."""
    return gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
