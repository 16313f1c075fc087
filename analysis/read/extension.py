"""The words after the reporting verb that still belong to the attribution.

"wrote in Nezavisimaya Gazeta on October 1", "told Ekho Moskvy on December 16", "carried an
article by Kitaoka Shinichi", "published Nguyen Hung Son's essay", "argued in the June issue of
Chuo Koron": :func:`extension` cuts them (up to a clause of their own: "that", "how" ...) and
:func:`extend` adds what they hold to the :class:`~analysis.read.clause.Clause`; :func:`later`
finds the authors of a passive ("assessed by X", "It was argued in Kommersant by X") or of an
interview ("an interview with X") further on.
"""

from __future__ import annotations

from typing import Any

from analysis.read.opening import Part
from analysis.read.outlet_places import is_genre, not_an_outlet
from analysis.read.words import Words, looks_like_verb, person_like

__all__ = ["extend", "extension", "later"]

_STOPPERS = frozenset([
    "that", "how", "whether", "what", "which", "who", "whom", "why", "if", "because", "as",
    "when", "while", "where", "about",
])
_TELLING = frozenset(["told", "tells"])
_EDITORIALIZING = frozenset(["editorialized", "editorialised", "editorializes", "editorialises"])


def add_genre(c: Any, word: str, w: Words) -> None:
    """Set the clause's genre from ``word`` when it names one and none is set yet."""
    low = word.casefold().rstrip(".")
    if low in w.attribution.genres:
        c.genre = c.genre or w.attribution.genres[low]


def extension(ps: list[Part], cut: int) -> list[Part]:
    out: list[Part] = []
    rest = ps[cut + 1:cut + 15]
    for k, p in enumerate(rest):
        nxt = rest[k + 1] if k + 1 < len(rest) else None
        if p.kind == "punct" and p.text in ";:.!?":
            break
        if p.kind == "punct" and p.text == "," and not (out and out[-1].kind == "name") and not (
                nxt is not None and (nxt.low in ("in", "on", "for") or nxt.kind in ("issue",
                                                                                  "date"))):
            break  # "by A, B and C", "dismissed, in Seiron on April 1," and ", No. 3," go on
        if p.low in _STOPPERS and not (p.low == "which" and out and out[-1].low == "in"):
            break
        out.append(p)
    return out


def extend(c: Any, ext: list[Part], w: Words) -> None:
    """The words after the verb that belong to the attribution: an outlet after "in", "for" or
    "told", a date after "on", and the authors after a carrying verb ("carried X's warning",
    "published an article by X", "featured X")."""
    if c.verb is None:
        return
    verb = c.verb.low
    carrying = verb in w.attribution.carrying_verbs
    telling = verb in _TELLING
    if verb in _EDITORIALIZING:
        c.genre = c.genre or "editorial"
    has_source = any(pos != "affiliation" for _, pos in c.outlets)
    for k, p in enumerate(ext):
        prev = ext[k - 1] if k else None
        j = k - 1  # past "the June issue of": the word that leads to the outlet
        while j >= 0 and (ext[j].kind in ("issue", "date", "month") or ext[j].low in (
                "the", "a", "an", "of", "its") or is_genre(ext[j], w)):
            j -= 1
        interview = j >= 1 and ext[j].low == "with" and ext[j - 1].low in (
            "interview", "interviews", "conversation")  # "said in an interview with RIA Novosti"
        lead = j >= 0 and (ext[j].low in ("in", "for", "by", "on") or interview) and k <= 6 and (
            not any(q.kind == "word" and looks_like_verb(q.text) for q in ext[:j]))
        told = telling and (k == 0 or (k == 1 and ext[0].low == "the"))
        if p.kind == "issue" and not c.issues and any(q.low in ("in", "for") for q in ext[:k]):
            c.issues.append(p)  # "argued in the June issue of Chuo Koron"
        by_person = p.kind == "name" and j >= 0 and ext[j].low == "by" and person_like(p, w)
        if p.kind in ("outlet", "name") and (lead or told) and not has_source and not by_person and (
                p.kind == "outlet" or (not not_an_outlet(p, w, strict=len(p.text.split()) < 2)
                                       and not (w.actor_match(p.text) and len(p.text.split()) < 2))):
            c.outlets.append((p, "after"))
            has_source = True
            if telling or interview:
                c.genre = c.genre or "interview"
        elif p.kind == "date" and prev is not None and k >= 2 and prev.low == "on" and ext[
                k - 2].kind in ("outlet", "name") and any(q is ext[k - 2] for q, _ in c.outlets
                                                           ) and not c.dates:
            c.dates.append(p)  # "returned to the theme in the Indian Express on May 30"
        elif p.kind == "date" and prev is not None and (prev.low in ("on", "(", ",") or (
                prev.low in ("a", "an", "its", "their", "the") and k + 1 < len(ext)
                and is_genre(ext[k + 1], w))) and (
                not c.dates and k <= 6 and not any(q.kind == "word" and looks_like_verb(q.text)
                                                   for q in ext[:k - 1])):
            c.dates.append(p)
            if k + 1 < len(ext) and prev.low not in ("on", "(", ","):
                add_genre(c, ext[k + 1].text, w)  # "said in a June 2 editorial"
        elif carrying and p.kind == "name" and person_like(p, w) and (
                len(p.value[0]) > 1 or (prev is not None and prev.low in w.attribution.name_leads)):
            c.persons.append(p.person)
        elif carrying and p.kind == "quote" and prev is not None and prev.low == "signed":
            c.persons.append(p.text.strip("“”\"'‘’ ,"))
        elif carrying and p.kind == "word":
            add_genre(c, p.text, w)
            if p.low in w.attribution.not_publication and (k <= 3 or (k <= 9 and not any(
                    is_genre(q, w) for q in ext[:k]))):
                c.rejected = True  # (its outlet carried a speech: no source later either)
                c.not_publication.append(p.low)  # "issued a statement", "published the
                # full text of Kim Jong-un's New Year address" (not "carried an article on the
                # summit": the publication is named first)


def later(c: Any, rest: list[Part], w: Words) -> None:
    """Authors later in the sentence: of a passive ("... relations were assessed by Sergey
    Sanakoev") and of an interview ("... with an interview with Kitaoka, Nakatani Gen, and
    Saito Takashi")."""
    if getattr(c, "passive", False):  # "It was argued in Kommersant by Ivan Timofeev on ..."
        for k, p in enumerate(rest[1:12], start=1):
            if p.low in _STOPPERS or (p.kind == "punct" and p.text in ";:.!?"):
                break
            name = rest[k + 1] if k + 1 < len(rest) else None
            if p.low == "by" and name is not None and name.kind == "name" and person_like(name, w):
                c.later = [name.person]
                return
    for k in range(len(rest) - 2):
        a, by, name = rest[k], rest[k + 1], rest[k + 2]
        if (a.kind == "word" and a.low.endswith(("ed", "en")) and by.low == "by"
                and name.kind == "name" and person_like(name, w)):
            c.later = [name.person]
            return
        if a.low in ("interview", "interviews") and by.low == "with" and name.kind == "name":
            for p in rest[k + 2:k + 12]:
                if p.kind == "name" and person_like(p, w):
                    c.later.append(p.person)
                elif not (p.low == "and" or (p.kind == "punct" and p.text == ",")):
                    break
            if c.later:
                c.genre = c.genre or "interview"
                return


