"""Knowledge as data: the TOML files shipped in ``analysis/data/`` and users' own files.

Outlet spellings and boilerplate patterns are loaded here; actor aliases and frame lexicons are
loaded by :mod:`analysis.mentions` and :mod:`analysis.framing` with :func:`load_data_toml`.
A user file extends the shipped one (same keys are overridden).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Outlets", "boilerplate_patterns", "layers", "load_data_toml", "outlets", "stamped"]


def load_data_toml(name: str, user_file: str | Path | None = None) -> tuple[dict, dict]:
    """The shipped ``analysis/data/<name>`` and the user's file (``{}`` when none), parsed.

    Raises ValueError naming the file when a TOML file does not parse.
    """
    shipped_text = resources.files("analysis").joinpath(f"data/{name}").read_text(encoding="utf-8")
    shipped = tomllib.loads(shipped_text)
    user: dict = {}
    if user_file is not None:
        try:
            with open(user_file, "rb") as fh:
                user = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{user_file}: not valid TOML: {exc}") from None
    return shipped, user


def layers(name: str, user_file: str | None, *, extend: bool) -> list[tuple[str, dict]]:
    """``(source, parsed TOML)`` in the order they apply: the shipped ``analysis/data/<name>``
    (unless ``extend=False`` with a user file), then the user's file."""
    shipped, user = load_data_toml(name, user_file)
    docs = [(f"analysis/data/{name}", shipped)] if extend or user_file is None else []
    if user_file is not None:
        docs.append((user_file, user))
    return docs


def stamped(path: str | Path | None) -> tuple[str | None, tuple[int, int] | None]:
    """``(absolute path, (mtime_ns, size))`` of a user file, ``(None, None)`` for none: a cache key
    under which a loaded file is reused until it changes."""
    if path is None:
        return None, None
    st = os.stat(path)
    return os.path.abspath(os.fspath(path)), (st.st_mtime_ns, st.st_size)


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
def _outlets(user_file: str | None) -> Outlets:
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
    return _outlets(str(user_file) if user_file is not None else None)


@lru_cache(maxsize=8)
def _boilerplate(user_file: str | None) -> tuple[re.Pattern[str], ...]:
    shipped, user = load_data_toml("boilerplate.toml", user_file)
    patterns = [*shipped.get("patterns", []), *user.get("patterns", [])]
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise ValueError(f"boilerplate pattern {pattern!r} is not a valid regex: {exc}") from None
    return tuple(compiled)


def boilerplate_patterns(user_file: str | Path | None = None) -> tuple[re.Pattern[str], ...]:
    """Compiled whole-line boilerplate patterns (shipped ``boilerplate.toml`` plus ``user_file``)."""
    return _boilerplate(str(user_file) if user_file is not None else None)
