"""Two shapes of an opening sentence the clause reader needs help with.

A quotation first, the attribution after it: "“China is not an enemy,” wrote Fyodor Lukyanov in
Rossiiskaya Gazeta on May 12", "“A new era has begun,” declared a Rodong Sinmun editorial on
April 15", "“The alliance is hollow,” Kommersant's Sergei Strokan argued on March 3".
:func:`after_quotation` gives the parts after the quotation, with an inverted verb put after
its subject ("wrote Fyodor Lukyanov in X" -> "Fyodor Lukyanov in X wrote"), so that the clause
reader reads them as any opening.

A source cited for an event or a figure, which is not a publication's argument (the reader of
a country report wants what publications argued, not the news they relayed): "According to
Yonhap on May 3, North Korea fired ...", "Citing KCNA, Yonhap said ...", "As reported by The
Hindu on May 4, twenty soldiers were killed", "TASS reported on March 2 that Putin would visit
...", "..., Xinhua reported on January 12". :func:`cites_source` tells them from entries, with
the lists of ``attribution.toml``: "according to" an outlet with an event or a figure, or a
news agency (``[agencies]`` of ``outlets.toml``); an outlet that relays others ("citing",
"quoting"); "as" with a verb of news reporting; a news agency with such a verb and no author;
an official's statement carried by a news agency ("Ri Thae-song stated in KCNA"). A newspaper
that "reported on" something remains an entry ("On April 23 Yomiuri reported on an opinion
poll"), and so does its view cited ("According to Chosun on September 27, Moon's claim ... is
hardly possible"), and an agency's named author ("Aleksandr Lomanov in Interfax focused").
"""

from __future__ import annotations

import re
from typing import Any

from analysis.read.opening import Part
from analysis.read.words import looks_like_verb

__all__ = ["after_quotation", "cites_source", "news_after"]

_SAYING = frozenset(["said", "says", "stated", "states", "added", "adds"])


def after_quotation(ps: list[Part]) -> list[Part] | None:
    """The parts after an opening quotation (see the module docstring), or None when the
    sentence does not open with one."""
    if len(ps) < 3 or ps[0].kind != "quote" or len(ps[0].text.split()) < 2:
        return None
    rest = ps[1:]
    if rest and rest[0].kind == "punct" and rest[0].text in ",–—":
        rest = rest[1:]
    elif not ps[0].text.rstrip("”\"»’'").endswith((",", "!", "?", "…")):
        return None  # a quoted title ("“Asia’s New Order” argued ..."), not a quotation
    if not rest:
        return None
    verb = rest[0]
    if verb.kind == "word" and verb.text[:1].islower() and looks_like_verb(verb.text):
        # "wrote Fyodor Lukyanov in Rossiiskaya Gazeta on May 12, urging ...": the subject
        # runs to the first comma or stop; the verb goes after it
        end = next((k for k, p in enumerate(rest[1:], start=1)
                    if p.kind == "punct" and p.text in ",;.!?"), len(rest))
        return [*rest[1:end], verb, *rest[end:]]
    return rest


def cites_source(c: Any, outlet: Part | None, w: Any, sentence: str = "") -> bool:
    """A clause that cites its outlet as the source of an event or a figure, or whose outlet
    relays others or carries an official's statement (see the module docstring)."""
    if outlet is None:
        return False
    a = w.attribution
    verb = c.verb.low if c.verb is not None else ""
    agency = outlet.kind == "outlet" and w.outlets.is_agency(outlet.text)
    if agency and verb in a.statement_verbs:
        return True  # "Ri Thae-song stated in KCNA that ...": an official's statement
    if c.persons:
        return False
    words = {p.low for p in c.parts if p.kind == "word"}
    if words & a.relaying:
        return True  # "Citing KCNA, Yonhap said ...", "The Economic Times, citing officials,"
    if words & a.source_openers:  # "According to Yonhap on May 3, North Korea fired ..."
        return agency or _event_or_figure(sentence, a)
    if c.parts and c.parts[0].low == "as" and verb in a.news_verbs:
        return True  # "As reported by The Hindu on May 4, ..."
    return agency and verb in a.news_verbs


#: Copulas, modals and verbs of saying: no event of their own.
_NOT_EVENTS = frozenset(["is", "was", "were", "are", "has", "had", "have", "will", "would",
                         "could", "may", "might", "said", "says", "stated", "states", "told",
                         "tells", "expressed", "expresses", "called", "became", "becomes"])
_FIGURE = re.compile(r"\d[\d,.]*\s*(?:%|percent\b|per cent\b|billion\b|million\b|trillion\b"
                     r"|tons?\b|tonnes?\b)|[$€£¥₹]\s?\d", re.IGNORECASE)


def _event_or_figure(sentence: str, a: Any) -> bool:
    """A sentence that tells an event (a verb of ``event_verbs`` other than a copula or a verb
    of saying: "fired", "signed", "rose") or gives a figure ("65 percent", "$101 billion")."""
    if _FIGURE.search(sentence):
        return True
    events = a.event_verbs - _NOT_EVENTS
    return any(word in events for word in re.findall(r"[a-z]+", sentence))


def news_after(ps: list[Part], i: int, w: Any) -> bool:
    """The outlet at ``i`` later in a sentence is the source of a report: a verb of news
    reporting after it ("..., Xinhua reported on January 12") or a citing word before it
    ("according to data cited by the Economic Times")."""
    after = [p for p in ps[i + 1:i + 4] if p.kind != "date" and p.low != "on"]
    if after and after[0].kind == "word" and after[0].low in w.attribution.news_verbs and (
            after[0].low not in _SAYING or w.outlets.is_agency(ps[i].text)):
        return True  # (a newspaper that "said" may state its own view)
    before = {p.low for p in ps[max(0, i - 5):i]}
    return bool(before & (w.attribution.source_openers | {"cited", "quoted", "reported"}))
