"""Site boilerplate: whole-line patterns of page furniture, from ``analysis/data/boilerplate.toml``."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from analysis.knowledge.files import load_data_toml, stamped

__all__ = ["boilerplate_patterns"]


@lru_cache(maxsize=8)
def _boilerplate(user_file: str | None, stamp: tuple[int, int] | None = None
                 ) -> tuple[re.Pattern[str], ...]:
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
    return _boilerplate(*stamped(user_file))
