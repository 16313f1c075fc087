"""The word lists of the tone model's features: negations, hedges, reporting verbs, ...

``analysis/data/tone_features.toml`` names, list by list, the words a linguist would point at
when saying how a sentence portrays an actor (:mod:`analysis.annotate.tone_features` turns
them into features). Each list is a table holding ``words`` (or, for ``[judgement]``,
``negative`` and ``positive``); a word ending in ``*`` matches any ending. The lists are part
of the tone model: the model file records the SHA-256 of the file it was trained with
(:attr:`ToneWords.digest`), and a model trained with other lists does not load.

``analysis/data/tone_phrases.toml`` adds evaluative phrases of more than one word ("lost its
way", "punches above its weight"), each with a valence (:attr:`ToneWords.phrases`); the digest
covers both files.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["LISTS", "ToneWords", "load_tone_words"]

_FILE = "tone_features.toml"
_PHRASES = "tone_phrases.toml"
#: What "~" in a phrase stands for (or nothing).
PRONOUNS = frozenset({"its", "their", "his", "her", "our", "one's", "own"})
_DEFAULT = {"negative": -2.0, "positive": 2.0}
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
    digest : SHA-256 of the files
    phrases : first stem -> ``(stems, valence)`` of each phrase opening with it (a stem None:
        "~", a possessive pronoun or nothing), longest first
    """

    exact: dict[str, frozenset[str]]
    prefixes: dict[str, tuple[str, ...]]
    scope: int
    digest: str
    phrases: dict[str, tuple[tuple[tuple[str | None, ...], float], ...]] = field(
        default_factory=dict)
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


def _phrases(text: str, source: str) -> dict:
    from analysis.text.tokenize import stem

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{source}: not valid TOML: {exc}") from None
    out: dict[str, list] = {}
    for table, default in _DEFAULT.items():
        for entry in doc.get(table, {}).get("phrases", []):
            phrase, _, value = entry.partition("=")
            stems = tuple(None if w == "~" else stem(w) for w in _pieces(phrase))
            if len([s for s in stems if s]) < 2 or stems[0] is None:
                raise ValueError(f"{source}: [{table}] {entry!r}: a phrase is two words or more,"
                                 " the first not '~'")
            try:
                valence = float(value) if value.strip() else default
            except ValueError:
                raise ValueError(f"{source}: [{table}] {entry!r}: the valence after '=' must be "
                                 "a number") from None
            out.setdefault(stems[0], []).append((stems, valence))
    return {k: tuple(sorted(set(v), key=lambda p: (-len(p[0]), str(p))))
            for k, v in sorted(out.items())}


def _pieces(phrase: str) -> list[str]:
    """The words of a phrase with "~" kept as a word of its own."""
    from analysis.text.tokenize import tokenize

    out = []
    for part in phrase.replace("~", " ~ ").split():
        out += ["~"] if part == "~" else [t.norm for t in tokenize(part)]
    return out


def _compile(text: str, source: str, phrases: str = "") -> ToneWords:
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
    digest = hashlib.sha256(text.encode() + b"\0" + phrases.encode()).hexdigest()
    return ToneWords(exact, prefixes, scope, digest,
                     _phrases(phrases, f"analysis/data/{_PHRASES}") if phrases else {})


@lru_cache(maxsize=1)
def load_tone_words() -> ToneWords:
    """The shipped word lists (``analysis/data/tone_features.toml``), compiled once."""
    data = resources.files("analysis").joinpath("data")
    return _compile(data.joinpath(_FILE).read_text(encoding="utf-8"), f"analysis/data/{_FILE}",
                    data.joinpath(_PHRASES).read_text(encoding="utf-8"))
