"""Outlet spellings -> canonical names, from ``analysis/data/outlets.toml`` (and a user file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from analysis.knowledge.files import load_data_toml, stamped

__all__ = ["Outlets", "outlets"]


def _key(text: str) -> str:
    """Comparison key for outlet spellings: case, apostrophes, leading 'the' and spaces ignored."""
    text = text.replace("’", "'").replace("‘", "'").strip().casefold()
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


@dataclass(frozen=True, eq=False)
class Outlets:
    """Outlet spellings -> canonical names.

    ``spellings`` are sorted longest first; ``ambiguous`` holds the keys of spellings that are
    also common words or names (``[ambiguous]`` of ``outlets.toml``), which the reader takes for
    the outlet only with more evidence; ``agencies`` the canonical names of news agencies
    (``[agencies]``), whose reports of events are not publications' arguments. :meth:`find` finds every spelling in a text.
    """

    canonical_by_key: dict[str, str]
    spellings: tuple[str, ...]
    ambiguous: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()  # canonical names of news agencies

    def canonical(self, name: str) -> str:
        """The canonical outlet name for a spelling; the name as written when it is unknown."""
        cleaned = re.sub(r"^[Tt]he\s+", "", name.strip())
        return self.canonical_by_key.get(_key(cleaned), cleaned)

    def is_known(self, name: str) -> bool:
        return _key(name) in self.canonical_by_key

    def is_ambiguous(self, name: str) -> bool:
        return _key(name) in self.ambiguous

    def is_agency(self, name: str) -> bool:
        """A news agency (``[agencies]`` of ``outlets.toml``), by any spelling."""
        return self.canonical(name) in self.agencies

    @cached_property
    def _bodies(self) -> list[str]:
        """Every spelling without a leading "the", longest first."""
        return sorted({re.sub(r"^[Tt]he\s+", "", s) for s in self.spellings},
                      key=lambda s: (-len(s), s))

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Every spelling (without a leading "the"), longest first, apostrophes of either kind."""
        return _compile(self._bodies)

    @cached_property
    def _by_first(self) -> tuple[re.Pattern[str], dict[str, re.Pattern[str]]]:
        """Where a spelling may start (its first character), and per first character (folded)
        the pattern of the spellings that start with it, in :attr:`pattern`'s order."""
        groups: dict[str, list[str]] = {}
        for body in self._bodies:
            groups.setdefault(body[0].lower(), []).append(body)
        firsts = {b[0] for b in self._bodies} | ({"’"} if any(b[0] == "'" for b in self._bodies)
                                                   else set())
        firsts = "".join(sorted(re.escape(f) for f in firsts))
        starts = re.compile(rf"(?<![\w'’.-])[{firsts}]", re.IGNORECASE) if firsts else \
            re.compile(r"(?!)")
        return starts, {first: _compile(bodies) for first, bodies in groups.items()}

    @cached_property
    def _heads(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """The first three characters (folded) of the spellings that start with three ASCII
        letters or digits, the first two of those that start with two only ("AP", "RG ..."),
        and the first character of the others. A place whose first three characters are
        letters or digits can start only a spelling of the first kind (the others need a
        non-letter third character, or end there, and a spelling never ends inside a word);
        one whose third is not, only one of the second."""
        three, two, loose = set(), set(), set()
        for b in self._bodies:
            if len(b) >= 3 and b[:3].isascii() and b[:3].isalnum():
                three.add(b[:3].lower())
            elif len(b) >= 2 and b[:2].isascii() and b[:2].isalnum():
                two.add(b[:2].lower())
            else:
                loose.add(b[0].lower())
        return frozenset(three), frozenset(two), frozenset(loose)

    def find(self, text: str, stop: int | None = None) -> list[tuple[int, int, str]]:
        """``(start, end, canonical)`` of every spelling in ``text`` written with a capital
        first letter (or a digit), in text order, leftmost-longest; with ``stop``, only those
        starting before it (the same ones: the text is read from the left).

        The same matches as ``pattern.finditer`` (a match in lower case is skipped but still
        consumes its text), found faster: a place is tried only when its first characters can
        start a spelling (:attr:`_heads`), and then only the spellings with its first character
        (one alternation of 500 spellings tried at every word cost the reader half its time).
        """
        starts, by_first = self._by_first
        three, two, loose = self._heads
        found, end = [], 0
        for start in starts.finditer(text, 0, len(text) if stop is None else stop):
            at = start.start()
            if at < end:
                continue
            head = text[at:at + 3]
            if head.isascii():  # (outside ASCII, case folding is not lower(): always tried)
                low = head.lower()
                if low[:1] not in loose and (
                        low not in three if len(head) == 3 and head.isalnum()
                        else low[:2] not in two):
                    continue
            m = by_first.get(text[at].lower(), self.pattern).match(text, at)
            if m is None:
                continue
            end = m.end()
            if m.group()[0].isupper() or m.group()[0].isdigit():
                found.append((m.start(), m.end(), self.canonical(m.group())))
        return found


def _compile(bodies: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(b).replace("'", "['’]").replace("\\ ", r"\s+")
                            for b in bodies)
    return re.compile(rf"(?<![\w'’.-])(?:{alternatives})(?![\w-]|['’][a-rt-z])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _outlets(user_file: str | None, stamp: tuple[int, int] | None = None) -> Outlets:
    shipped, user = load_data_toml("outlets.toml", user_file)
    by_key: dict[str, str] = {}
    for source, doc in (("analysis/data/outlets.toml", shipped), (user_file, user)):
        if set(doc) - {"outlets", "ambiguous", "agencies"}:
            raise ValueError(f"{source}: expected [outlets], [ambiguous] and [agencies]; found "
                             f"{sorted(doc)}")
        own: dict[str, str] = {}
        for canonical, spellings in doc.get("outlets", {}).items():
            if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
                raise ValueError(f"{source}: outlet {canonical!r}: spellings must be a list of strings")
            for spelling in [canonical, *spellings]:
                key = _key(spelling)
                if own.get(key, canonical) != canonical:
                    raise ValueError(f"{source}: spelling {spelling!r} is listed for both "
                                     f"{own[key]!r} and {canonical!r}: keep one")
                own[key] = by_key[key] = canonical
    table = {**shipped.get("outlets", {}), **user.get("outlets", {})}
    spellings_sorted = tuple(
        sorted({s for c, ss in table.items() for s in [c, *ss]}, key=lambda s: (-len(s), s))
    )
    ambiguous = [*shipped.get("ambiguous", {}).get("spellings", []),
                 *user.get("ambiguous", {}).get("spellings", [])]
    agencies = [*shipped.get("agencies", {}).get("names", []),
                *user.get("agencies", {}).get("names", [])]
    return Outlets(by_key, spellings_sorted, frozenset(_key(s) for s in ambiguous),
                   frozenset(by_key.get(_key(a), a) for a in agencies))


def outlets(user_file: str | Path | None = None) -> Outlets:
    """The outlets table: shipped ``outlets.toml`` extended by ``user_file``."""
    return _outlets(*stamped(user_file))
