"""Authors named in an entry's opening paragraph, when its attribution names none."""

from __future__ import annotations

import re
from typing import Any

__all__ = ["authors_in_text", "split_authors"]


def split_authors(names: str) -> tuple[str, ...]:
    """Split "A, B, and C" / "A and B" into names, spaces normalized."""
    found = re.split(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", names.strip())
    return tuple(" ".join(p.split()) for p in found if p.strip())


_UPPER = r"[A-ZÀ-ÖØ-ÞА-Я]"
_WORD = rf"{_UPPER}[\w’'.\-]*"
_TEXT_AUTHORS = re.compile(
    rf"(?:\b[Aa]uthors?\s+)?(?P<authors>{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD}"
    rf"(?:\s*,\s*{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD})*(?:\s*,?\s+and\s+{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD})?)"
    r"\s+(?:wrote|writes|asks|asked|argues|argued|notes|noted|concludes|concluded|contends"
    r"|claims|warns|insists|observes|explains|believes|suggests|stresses)\b"
)


def authors_in_text(text: str, *, knowledge: Any = None) -> tuple[str, ...]:
    """Writers named in an entry's opening paragraph ("Gevorg Mirzaian wrote that ...",
    "Authors A, B, and C wrote ..."), for entries whose attribution names no author. Full names
    (two words or more) that are not actors of the gazetteer (leaders quoted in the text)."""
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    from analysis.read.attribution import words_of

    w = words_of(knowledge)
    for m in _TEXT_AUTHORS.finditer(text):
        names = tuple(n for n in split_authors(m["authors"]) if w.actor_match(n) is None
                      and not w.outlets.is_known(n)
                      and not any(w.is_named(x, "outlet_words") for x in n.split()))
        if names:
            return names
    return ()
