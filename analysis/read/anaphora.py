"""Openings that refer back to the entry before, and openings about a speech.

An entry may name its outlet only by pointing back: "The same paper carried a rebuttal by Ivan
Petrov on March 5", "In the next issue, Olga Borokh replied ...", "Zuenko returned to the theme
on October 31". :func:`refers_back` finds these in an opening clause without an outlet (an
outlet's noun after "same" or "that", with a date, an author or a carrying verb; an issue
after "next" or "following"; a writer who "returned to", "came back to" or "followed up"). "The
same article went on to argue" is that article going on, not a new entry; the segmenter gives such an entry the outlet of
the entry before it (:mod:`analysis.read.segment`), the date and authors being read as in any
opening (after the verb too: "returned to the theme on October 31").

A paragraph about a leader's speech, address, remarks or press conference ("At his annual press
conference on December 14, Putin said ...") is not a publication, and it is not the entry
before it going on either: :func:`speech_of` names the words that say so, and the segmenter
keeps the paragraph as unattributed text of its own.
"""

from __future__ import annotations

from typing import Any

__all__ = ["refers_back", "speech_of"]

#: Verbs of a writer taking a theme up again, and the word after them.
_RETURNING = {"returned": ("to",), "returns": ("to",), "came": ("back",), "comes": ("back",),
              "followed": ("up",), "follows": ("up",), "wrote": ("again",), "writes": ("again",)}
_BACK = frozenset(["same", "that", "this"])
_BACK_WRITTEN = _BACK | {w.capitalize() for w in _BACK}
#: Nouns of an outlet (not of a publication: "the same article went on" is that article).
_OUTLET_NOUNS = frozenset(["paper", "newspaper", "daily", "weekly", "monthly", "journal",
                           "magazine", "outlet", "site", "website", "portal", "agency",
                           "channel", "quarterly", "bulletin"])
_NEXT = ("next", "following", "subsequent", "same", "later")


def refers_back(c: Any, w: Any) -> str | None:
    """The words by which a clause without an outlet refers to the entry before ("same paper",
    "next issue", "returned to"), else None."""
    if any(pos != "affiliation" for _, pos in c.outlets) or c.not_publication:
        return None
    verb = c.verb.low if c.verb is not None else ""
    if not c.issues and verb not in _RETURNING and not any(p.text in _BACK_WRITTEN
                                                             for p in c.parts):
        return None  # (the common case, told cheaply)
    parts = c.parts
    new = bool(c.dates or c.persons or c.later) or verb in w.attribution.carrying_verbs
    for k, p in enumerate(parts[:-1]):
        nxt = parts[k + 1]
        if p.low in _BACK and nxt.low in _OUTLET_NOUNS and new and (
                p.low == "same" or k == 0 or parts[k - 1].low in ("in", "of")):
            return f"{p.low} {nxt.low}"  # "The same paper carried", "In that journal on May 3"
    for p in c.issues:
        if p.text.casefold().startswith(_NEXT):
            return p.text  # "In the next issue, ..."
    after = c.after_verb.low if c.after_verb is not None else ""
    writers = [n for n in c.persons if w.actor_match(n) is None]
    if verb in _RETURNING and after in _RETURNING[verb] and writers:
        return f"{verb} {after}"  # "Zuenko returned to the theme on October 31"
    return None


def speech_of(ps: list, w: Any) -> str | None:
    """The words of a speech, address or press conference at the head of a sentence (its first
    dozen parts) that gives its date or its speaker ("At his annual press conference on
    December 14, Putin said", "In his speech at the Shangri-La Dialogue on June 2, ..."), else
    None."""
    head = ps[:12]
    found = [p.low for p in head if p.kind == "word" and p.low in w.attribution.speech_words]
    if not found:
        return None
    dated = any(p.kind == "date" for p in head)
    speaker = any(p.kind == "name" and w.actor_match(p.person) is not None for p in head)
    return " ".join(dict.fromkeys(found)) if (dated or speaker) else None
