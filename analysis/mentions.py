"""Actor mentions: gazetteer matching of actor aliases through the one tokenizer.

The gazetteer (``analysis/data/actors.toml``, extendable with a user file) maps each canonical
actor to its aliases: names, demonyms and adjectives, capitals, leaders, acronyms and compound
prefixes ("Sino-"). Matching is dictionary lookup over token sequences (as quanteda's
``tokens_lookup``), leftmost-longest and non-overlapping, with the rules of
:mod:`analysis.tokens`: capitals-only aliases ("US", "UN", "DPRK") and the aliases of an
actor's ``cased`` list match case-sensitively; "Sino-" matches "Sino" followed by a hyphen or en
dash; possessives are cut. Phrases in ``[ignore]`` ("Latin America") block the aliases inside
them. The matcher is built once per gazetteer and reused.
"""

from __future__ import annotations

import warnings
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from analysis.lexicons import layers, stamped
from analysis.sentences import require_columns, typed
from analysis.tokens import Phrase, PhraseMatcher, compile_phrase, tokenize

__all__ = [
    "MENTION_COLUMNS",
    "Gazetteer",
    "Mention",
    "find_mentions",
    "load_gazetteer",
    "mentions",
    "resolve_gazetteer",
]

MENTION_COLUMNS = ["report_id", "entry_id", "sentence_idx", "actor", "alias", "start", "end"]
_FILE = "actors.toml"


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention: ``text[start:end] == alias`` (the characters as written)."""

    actor: str
    alias: str
    start: int
    end: int


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
    entries = tuple((phrase, actor) for phrase, actor, _ in by_key.values())
    return Gazetteer(entries, tuple(source for source, _ in docs))


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


def find_mentions(text: str, *, gazetteer: Gazetteer | str | Path | None = None) -> list[Mention]:
    """Actor mentions in ``text``, in text order (ties by actor).

    Examples
    --------
    >>> [(m.actor, m.alias) for m in find_mentions("Sino-US talks; let us see Kim Jong-un’s move")]
    [('China', 'Sino'), ('United States', 'US'), ('North Korea', 'Kim Jong-un')]
    """
    matcher = resolve_gazetteer(gazetteer).matcher
    return [
        Mention(actor, text[start:end], start, end)
        for start, end, actors in matcher.find(text)
        for actor in actors
    ]


def mentions(
    sentences: pd.DataFrame,
    entries: pd.DataFrame,
    *,
    gazetteer: Gazetteer | str | Path | None = None,
) -> pd.DataFrame:
    """The mentions table: one row per actor mention, found sentence by sentence.

    Parameters
    ----------
    sentences : the sentences table (report_id, entry_id, sentence_idx, start, end)
    entries : the entries table (entry_id, text): the texts the offsets refer to
    gazetteer : a :class:`Gazetteer`, a user TOML file extending the shipped one, or None

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx, actor (canonical), alias (as
    written), start, end (offsets into the entry text: ``entry.text[start:end] == alias``);
    sorted by report_id, entry_id, start, end, actor. A phrase never spans two sentences.
    """
    require_columns(sentences, ["report_id", "entry_id", "sentence_idx", "start", "end"])
    require_columns(entries, ["entry_id", "text"])
    matcher = resolve_gazetteer(gazetteer).matcher
    texts = dict(zip(entries["entry_id"], entries["text"], strict=True))
    rows = []
    current, text, toks, starts = None, "", [], []
    for report_id, entry_id, idx, start, end in zip(
        sentences["report_id"], sentences["entry_id"], sentences["sentence_idx"],
        sentences["start"], sentences["end"], strict=True,
    ):
        if entry_id != current:
            if entry_id not in texts:
                raise KeyError(f"sentence of entry {entry_id!r}, which is not in the entries table")
            current, text = entry_id, texts[entry_id]
            toks = tokenize(text)
            starts = [t.start for t in toks]
        lo, hi = bisect_left(starts, start), bisect_left(starts, end)
        for m_start, m_end, actors in matcher.find(text, toks[lo:hi]):
            for actor in actors:
                rows.append((report_id, entry_id, idx, actor, text[m_start:m_end], m_start, m_end))
    table = typed(
        pd.DataFrame(rows, columns=MENTION_COLUMNS),
        ints=["sentence_idx", "start", "end"],
        strs=["report_id", "entry_id", "actor", "alias"],
    )
    return table.sort_values(["report_id", "entry_id", "start", "end", "actor"], kind="stable",
                             ignore_index=True)
