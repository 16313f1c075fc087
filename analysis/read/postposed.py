"""Attributions later in a sentence: a known outlet with its date, after the opening clause.

"..., but Yomiuri on May 22 noted", "as Yomiuri wrote on December 21", "said Hosoya Yuichi in
the July 25 Yomiuri", "An exception was Dmitrii Streltsov's March 18 piece in Nezavisimaia
gazeta": when the opening clause holds no attribution, a known outlet (never an ambiguous
spelling) with an adjacent publication date still makes one, unless the date belongs to an
event ("until June 14"), the outlet only carried a statement ("a statement carried by KCNA"), or
it is the source of a report ("..., Xinhua reported on January 12", "according to data cited by
the Economic Times on 9 January").
"""

from __future__ import annotations

from analysis.read.cited import news_after
from analysis.read.clause import Clause
from analysis.read.opening import Part
from analysis.read.outlet_places import is_genre, known_position
from analysis.read.words import Words, looks_like_verb, person_like

__all__ = ["WH_WORDS", "postposed"]

#: A clause that opens with one of them asks or describes; it never attributes.
WH_WORDS = frozenset(["what", "how", "why", "whether", "which", "whose"])


def _near_date(ps: list[Part], i: int, w: Words) -> tuple[Part | None, Part | None]:
    """The date next to the outlet at ``i`` and the author before it, if any: "the July 25
    Yomiuri", "Streltsov's March 18 piece in Nezavisimaia gazeta", "Yomiuri on May 22", "as
    Yomiuri wrote on December 21", "Sankei Shimbun, January 9,"."""
    left = i - 1
    while left >= 0 and ps[left].kind == "word" and (ps[left].low in ("in", "for", "of", "the", "a",
                                                                     "an") or is_genre(ps[left], w)):
        left -= 1
    date = ps[left] if left >= 0 and ps[left].kind in ("date", "issue") else None
    author = None
    if date is not None:
        k = left - 1
        k -= k >= 0 and ps[k].low in ("the", "a", "an")
        owner = k >= 1 and (ps[k].kind == "poss" or ps[k].low == "in")
        if owner and ps[k - 1].kind == "name" and person_like(ps[k - 1], w):
            author = ps[k - 1]
        return date, author
    after = [q for q in ps[i + 1:i + 6] if q.text not in (",", "(") and q.low != "on"]
    if after and after[0].kind in ("date", "issue") and ps.index(after[0]) <= i + 3:
        return after[0], None  # "Yomiuri on May 22", "Nezavisimaya Gazeta, on February 25,"
    after = ps[i + 1:i + 5]
    if (len(after) >= 3 and after[0].kind == "word" and looks_like_verb(after[0].text)
            and after[1].low == "on" and after[2].kind == "date"):
        return after[2], None
    return None, None


def postposed(ps: list[Part], w: Words, *, start: int = 0) -> Clause | None:
    """A known outlet with its date later in the sentence: "..., but Yomiuri on May 22 noted",
    "as Yomiuri wrote on December 21", "said Hosoya Yuichi in the July 25 Yomiuri". Outlets
    before ``start`` are not looked at (the opening clause's, when it told of a speech)."""
    for i, p in enumerate(ps):
        if i < start or p.kind != "outlet" or w.outlets.is_ambiguous(p.text) or known_position(
                ps, i, w) is None or news_after(ps, i, w):
            continue  # ("..., Xinhua reported on January 12": the source of a report)
        date, author = _near_date(ps, i, w)
        if date is None:
            continue
        k = ps.index(date)
        if k and ps[k - 1].low in ("until", "since", "before", "after", "by"):
            continue
        window = ps[max(0, i - 4):i]
        if any(q.kind == "word" and q.low in w.attribution.not_publication
               and any(r.low in ("by", "in", "of", "at") or r.low.endswith("ed")
                       for r in window[k + 1:])
               for k, q in enumerate(window)):
            continue  # "a statement carried by KCNA", "a speech at the Valdai Club on October 18"
        if ps and ps[0].low in WH_WORDS:
            continue
        j = i - 1
        while j >= 0 and ps[j].kind == "word" and ps[j].low in ("in", "the", "a"):
            j -= 1
        if author is None and j >= 0 and ps[j].kind == "date":
            j -= 1
            j -= j >= 0 and ps[j].low in ("the", "a")
            if j >= 1 and ps[j].low == "in" and ps[j - 1].kind == "name" and person_like(
                    ps[j - 1], w):
                author = ps[j - 1]
        if author is None:  # "... was made in Vedomosti on June 1 by Andrei Kortunov"
            after = ps[max(i, k) + 1:max(i, k) + 3]
            if len(after) == 2 and after[0].low == "by" and after[1].kind == "name" and (
                    person_like(after[1], w)):
                author = after[1]
        c = Clause(parts=ps[max(0, i - 3):i + 1], verb=None,
                   dates=[date] if date.kind == "date" else [],
                   issues=[date] if date.kind == "issue" else [],
                   persons=[author.person] if author is not None else [])
        for q in ps[max(0, i - 3):i + 4]:
            if q.kind == "word" and q.low in w.attribution.genres:
                c.genre = c.genre or w.attribution.genres[q.low]
        return c
    return None


