"""Outlet spellings -> canonical names, from ``analysis/data/outlets.toml`` (and a user file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
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
    """Outlet spellings -> canonical names. ``spellings`` is sorted longest first for regexes."""

    canonical_by_key: dict[str, str]
    spellings: tuple[str, ...]

    def canonical(self, name: str) -> str:
        """The canonical outlet name for a spelling; the name as written when it is unknown."""
        cleaned = re.sub(r"^[Tt]he\s+", "", name.strip())
        return self.canonical_by_key.get(_key(cleaned), cleaned)

    def is_known(self, name: str) -> bool:
        return _key(name) in self.canonical_by_key


@lru_cache(maxsize=8)
def _outlets(user_file: str | None, stamp: tuple[int, int] | None = None) -> Outlets:
    shipped, user = load_data_toml("outlets.toml", user_file)
    table = {**shipped.get("outlets", {}), **user.get("outlets", {})}
    by_key: dict[str, str] = {}
    for canonical, spellings in table.items():
        if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
            raise ValueError(f"outlet {canonical!r}: spellings must be a list of strings")
        for spelling in [canonical, *spellings]:
            by_key[_key(spelling)] = canonical
    spellings_sorted = tuple(
        sorted({s for c, ss in table.items() for s in [c, *ss]}, key=lambda s: (-len(s), s))
    )
    return Outlets(by_key, spellings_sorted)


def outlets(user_file: str | Path | None = None) -> Outlets:
    """The outlets table: shipped ``outlets.toml`` extended by ``user_file``."""
    return _outlets(*stamped(user_file))
