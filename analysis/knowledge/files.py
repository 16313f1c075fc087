"""Knowledge files: the TOML files shipped in ``analysis/data/`` and users' own files.

Each loader of :mod:`analysis.knowledge` (outlets, boilerplate, gazetteer, frames) reads its
shipped file and, when given, the user's file through :func:`load_data_toml` and :func:`layers`;
a user file extends the shipped one (same keys are overridden). :func:`stamped` keys the caches
of the loaders, so a changed user file is loaded again.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path

__all__ = ["layers", "load_data_toml", "stamped"]


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
