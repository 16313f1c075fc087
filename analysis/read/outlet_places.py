"""Where the source of a paragraph stands: the positions of outlets in an opening clause.

A known outlet (a spelling of ``outlets.toml``) is the source wherever it stands, except where
the words around it say otherwise: inside a longer name ("Ministry of Foreign Affairs",
"Readers of Rodong Sinmun"), before a number ("Nikkei 225"), possessed by something that is not
a person, a role or a publication ("the Valdai Club's annual meeting"); after "<role> of" it
names a person's affiliation ("editor-in-chief of Russia in Global Affairs"), which yields to
the outlet the person wrote in.

A name the reader does not know is an outlet only where only an outlet can stand: after "in"
or "for" ("In Chuo Koron", "Writing for the Japan Institute of International Affairs"), at the
start of the clause before an issue or a date in parentheses ("Oikumena (no. 3) carried",
"Bangkok Post, June 4:"), before a possessive issue or publication ("Dangdai Yatai's fifth
issue"), before a role and a person ("Yomiuri commentator Kitaoka Shinichi"), in parentheses
with an issue ("Moon Chung-in (Hankyoreh, no. 3)"), after a date at the start ("The March 3
Chosun Ilbo"), or in apposition to a publication noun ("Minju Choson, the cabinet daily,").
It is never a place or a people of the gazetteer, nor a name with an institution's or a
place's word ("the Kremlin", "Lok Sabha", "Vladivostok").
"""

from __future__ import annotations

from typing import Any

from analysis.read.opening import Part
from analysis.read.words import person_like

__all__ = ["DETERMINERS", "is_genre", "join_names", "known_position", "not_an_outlet",
           "outlet_words", "unknown_outlet"]

DETERMINERS = frozenset([
    "a", "an", "the", "his", "her", "their", "its", "this", "that", "these", "those",
])
_JOINERS = frozenset(["of", "for", "on", "and", "&"])


def is_genre(p: Part | None, w: Any) -> bool:
    """A genre or publication noun ("editorial", "piece", "daily")."""
    return p is not None and p.kind == "word" and (
        p.low in w.attribution.genres or w.is_named(p.text, "publication"))


def _is_role(p: Part | None, w: Any) -> bool:
    return p is not None and p.kind == "word" and w.is_named(p.text, "roles")


def outlet_words(name: Part, w: Any) -> bool:
    """A name with a word of outlet names ("Gazeta", "Journal", "Institute") or an acronym."""
    return any(w.is_named(x, "outlet_words") for x in name.text.split()) or (
        name.text.isupper() and len(name.text) >= 2)


def not_an_outlet(name: Part, w: Any, *, strict: bool = True) -> bool:
    """A place, a people, an institution: never an outlet. ``strict=False`` lets a name that
    holds an actor's name pass ("Indian Punchline") where only an outlet can stand."""
    words = name.text.split()
    if any(w.is_named(x, "not_outlet") for x in words):
        return True  # "the Kremlin", "The Ministry of External Affairs"
    if any(w.is_named(x, "places") for x in words) and not outlet_words(name, w):
        return True  # "In Vladivostok"; not "Bangkok Post"
    match = w.actor_match(name.text)
    if match == "whole":
        return True
    return strict and match == "part" and not outlet_words(name, w)


def _possessed_is_publication(ps: list[Part], i: int, w: Any) -> bool:
    """After the possessive at ``i``: a person, a role, an issue, a date or a publication."""
    after = ps[i + 1:i + 4]
    if not after:
        return False
    first = after[0]
    if first.kind in ("name", "issue", "date", "month", "quote") or _is_role(first, w):
        return True
    return any(is_genre(p, w) for p in after[:2])


def known_position(ps: list[Part], i: int, w: Any) -> str | None:
    """``"source"``, ``"affiliation"`` or None (not the source) for the known outlet at ``i``."""
    prev = ps[i - 1] if i else None
    nxt = ps[i + 1] if i + 1 < len(ps) else None
    if prev is not None and prev.kind == "name" and not prev.value[1]:
        return None  # inside a longer name
    before = next((q for q in reversed(ps[:i]) if q.low not in DETERMINERS), None)
    if before is not None and before.low in ("like", "unlike", "than", "besides", "except"):
        return None  # "Like the Hankyoreh before it, the Moon administration ..."
    if nxt is not None and nxt.kind == "number":
        return None  # "the Nikkei 225"
    if nxt is not None and nxt.kind == "poss" and not _possessed_is_publication(ps, i + 1, w):
        return None  # "the Valdai Club's annual meeting"
    k = i - 1
    while k >= 0 and ps[k].low in DETERMINERS:
        k -= 1
    if k >= 1 and ps[k].low == "of":
        before = ps[k - 1]
        if _is_role(before, w) or (before.kind == "name" and (before.value[1]
                                                              or person_like(before, w))):
            return "affiliation"  # "editor-in-chief of Russia in Global Affairs", "Lee of X"
        if before.kind == "name":
            return None  # "Readers of Rodong Sinmun", "Ministry of Foreign Affairs"
    return "source"


def _previous(ps: list[Part], i: int, w: Any) -> Part | None:
    """The part before ``i``, past determiners, genres, publication nouns, dates and issues."""
    for p in reversed(ps[:i]):
        if p.kind in ("date", "month", "issue") or (p.kind == "word" and (
                p.low in DETERMINERS or p.low == "of" or is_genre(p, w))):
            continue
        return p
    return None


def _merged(ps: list[Part], i: int, w: Any) -> tuple[Part, int]:
    """The name at ``i``, joined with "of/for/on <Name>" when that makes an outlet's name
    ("Journal of Defence Studies", "Institute for National Security Strategy")."""
    name, j = ps[i], i
    while j + 2 < len(ps) and ps[j + 1].low in _JOINERS and ps[j + 2].kind in ("name", "outlet"):
        merged = Part("name", f"{name.text} {ps[j + 1].text} {ps[j + 2].text}", name.start,
                      ps[j + 2].end, (tuple(f"{name.text} {ps[j + 1].text} {ps[j + 2].text}"
                                            .split()), name.value[1]))
        if not outlet_words(merged, w):
            break
        name, j = merged, j + 2
    return name, j


def _starts_clause(ps: list[Part], i: int, w: Any) -> bool:
    return all(p.kind == "word" and (p.low in DETERMINERS or is_genre(p, w)) for p in ps[:i])


def _position(ps: list[Part], i: int, j: int, w: Any, person: bool) -> str | None:
    name = ps[i]
    nxt = ps[j + 1] if j + 1 < len(ps) else None
    after = ps[j + 2] if j + 2 < len(ps) else None
    prev = _previous(ps, i, w)
    opener = any(p.low in ("speaking", "talking", "writing") for p in ps[:i])
    broadcast = after_noun = nxt is not None and nxt.kind == "word" and is_genre(nxt, w)
    if prev is not None and prev.kind == "word" and (
            prev.low in ("in", "for") or (prev.low == "to" and opener)
            or (prev.low == "on" and broadcast)
            or (prev.low == "by" and i >= 2 and ps[i - 2].low in ("interviewed", "published",
                                                                   "carried", "featured"))):
        if nxt is not None and nxt.kind == "poss" and not _possessed_is_publication(ps, j + 1, w):
            return None  # "In Ivan Petrov's view"
        return "in"
    if nxt is not None and nxt.kind == "poss" and _possessed_is_publication(ps, j + 1, w):
        first = ps[j + 2] if j + 2 < len(ps) else None
        if first is not None and first.kind in ("issue", "date", "month"):
            return "poss"  # "Dangdai Yatai's fifth issue", "Yomiuri's October 30 editorial"
        if not person or outlet_words(name, w):
            return "poss"
    if _is_role(nxt, w) and after is not None and after.kind == "name":
        return "role"  # "Yomiuri commentator Kitaoka Shinichi"
    if prev is not None and prev.kind == "punct" and prev.text == "(" and any(
            p.kind in ("issue", "date") for p in ps[j + 1:j + 4]):
        return "paren"  # "Moon Chung-in (Hankyoreh, no. 3)"
    if _starts_clause(ps, i, w) and nxt is not None:
        if nxt.kind == "issue" or (nxt.text in ("(", ",") and after is not None
                                   and after.kind in ("issue", "date")):
            return "subject"  # "Oikumena (no. 3) carried", "Bangkok Post, June 4:"
        if nxt.text == "," and after is not None and (after.low in ("interviewing", "in") and any(
                p.kind in ("issue", "date", "name") for p in ps[j + 3:j + 6])):
            return "subject"  # "Yonhap, interviewing ...", "Pukhan, in its December issue,"
        if nxt.text == "," and after is not None and after.low in DETERMINERS and any(
                is_genre(p, w) for p in ps[j + 3:j + 6]):
            return "subject"  # "Minju Choson, the cabinet daily, on June 25 ..."
        if (nxt.kind == "date" or nxt.low == "on" or nxt.text == "(") and (
                (i and ps[i - 1].low == "the") or outlet_words(name, w) or not person):
            return "subject"
    before = [p for p in ps[:i] if p.kind != "punct"]
    if before and before[-1].kind in ("date", "month") and len(before) <= 3 and (
            before[0].low in ("the", "a", "an")):
        return "dated"  # "The March 3 Chosun Ilbo hailed", "An April 15 Rodong Sinmun editorial"
    if before and before[-1].low == "of" and len(before) >= 2 and before[-2].kind == "issue":
        return "issue-of"  # "The August issue of Sentaku was less charitable"
    if after_noun and before and all(p.low in DETERMINERS for p in before) and before[0].low in (
            "a", "an"):
        return "dated"  # "An Asan Institute issue brief by ...": a publication of the name
    return None


def unknown_outlet(ps: list[Part], w: Any) -> tuple[Part, int, int, str] | None:
    """The first name of the clause ``ps`` that stands where an outlet does: ``(name, first
    index, last index, position)``, or None."""
    for i, p in enumerate(ps):
        if p.kind != "name" or (p.value[1] and person_like(p, w)):
            continue  # a name with a role is a person ("Professor Shi Yinhong")
        name, j = _merged(ps, i, w)
        if not_an_outlet(name, w):
            continue
        position = _position(ps, i, j, w, person_like(name, w))
        if position:
            return name, i, j, position
    return None


def join_names(ps: list[Part], w: Any) -> list[Part]:
    """A known outlet inside a longer name, joined with it: "Indian" + "Foreign Affairs" +
    "Journal" is the "Indian Foreign Affairs Journal", not the outlet Foreign Affairs. A name
    before the outlet joins when it cannot be a person; a name after it when it opens with an
    outlet word ("... Journal"), never a person ("In Kommersant Nataliya Portyakova wrote"); a
    single word after "in" or "for" joins too ("In Guojia Guancha": not the outlet Guancha)."""
    out: list[Part] = []
    merged: set[int] = set()  # indices in ``out`` of names that hold an outlet
    for p in ps:
        prev = out[-1] if out else None
        glued = prev is not None and p.start == prev.end + 1
        head = p.text.split()[0] if p.kind == "name" else ""
        join = glued and (
            (p.kind == "outlet" and prev.kind == "name" and not prev.value[1]
             and (not person_like(prev, w) or (len(prev.value[0]) == 1 and len(out) > 1
                                               and out[-2].text in ("in", "for", "In", "For"))))
            or (p.kind == "name" and w.is_named(head, "outlet_words")
                and (prev.kind == "outlet" or len(out) - 1 in merged)))
        if join:
            text = f"{prev.text} {p.text}"
            out[-1] = Part("name", text, prev.start, p.end, (tuple(text.split()), ()))
            merged.add(len(out) - 1)
            continue
        out.append(p)
    return out
