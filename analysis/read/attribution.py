"""Attributions: who published what, where and when, read from the opening of a paragraph.

An entry of a country report opens with an attribution to a publication, in many shapes:

    In Kommersant on February 6, Nataliya Portyakova noted ...
    Aleksandr Lomanov in Interfax on February 17 focused ...
    In a Kommersant article on March 3, Ivan Petrov argued ...
    Speaking to Izvestiya on May 5, Sergei Lavrov insisted ...          (an interview)
    Moon Chung-in (Hankyoreh, no. 3) argues ...
    Nezavisimaya Gazeta (March 3) carried Dmitri Trenin's warning that ...
    A March 3 editorial in Sankei Shimbun demanded ...                   (no author)
    Yomiuri commentator Kitaoka Shinichi on March 3 cautioned ...

These are not matched as a list: an attribution is made of parts in any order. The sentence is
cut into parts (:mod:`analysis.read.opening`), its opening clause up to the reporting verb is
read and its outlet, date, issue, genre and people found (:mod:`analysis.read.clause`), and
then this module decides whether the parts make an attribution (:func:`read_opening`):

* a known outlet where a source stands, or a name the reader does not know where only an
  outlet can stand, with a date, an issue, an author or a genre ("In Chuo Koron, Kawashima Shin
  argued" is an entry; "In Tokyo, Kishida told reporters" is not: Tokyo is a place);
* a book or a report by someone, without an outlet;
* never a speech, statement, press conference, summit or poll, however dated, and never an
  event told with an unknown place ("In Vladivostok on September 5, Abe and Putin held ...").

When the first sentence holds no attribution, a known outlet with its date later in that
sentence ("..., but Yomiuri on May 22 noted", "said Hosoya Yuichi in the July 25 Yomiuri")
still makes one, and so does a second sentence that opens with a known outlet and a date, an
issue or an author. A paragraph that is not read as an entry but whose opening looks like one
(a name with a date and a writing verb, an unknown outlet-like name) comes back with a ``doubt``
that the segmenter reports as a warning to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from analysis.read.anaphora import refers_back, speech_of
from analysis.read.cited import after_quotation, cites_source
from analysis.read.clause import Clause, read_clause
from analysis.read.opening import FUNCTION_WORDS, Part, parts, sentences
from analysis.read.postposed import WH_WORDS, postposed
from analysis.read.titles import MONTHS
from analysis.read.words import Words, looks_like_verb

__all__ = ["Attribution", "Reading", "parse_attribution", "read_opening", "resolve_pub_date",
           "words_of"]


@dataclass(frozen=True)
class Attribution:
    """What the opening of an entry says about its publication.

    ``outlet`` is canonical (``outlets.toml``), ``outlet_as_written`` as in the text (None
    without an outlet: a book); month, day and year are the publication date's parts as written
    (see :func:`resolve_pub_date`); ``genre`` is one of article, editorial, interview, column,
    book, report where the text says it; ``evidence`` says in words what was read.
    """

    outlet: str | None
    outlet_as_written: str | None = None
    issue: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    genre: str | None = None
    known_outlet: bool = True
    evidence: str = ""
    refers_back: bool = False  # "The same paper carried ...": the outlet of the entry before


@dataclass(frozen=True)
class Reading:
    """The reading of a paragraph's opening: its attribution, or None and perhaps a doubt
    (the words that looked like an attribution)."""

    attribution: Attribution | None
    doubt: str | None = None
    speech: str | None = None  # the words of a speech or press conference it opens about


def words_of(knowledge: Any) -> Words:
    """What reading a clause needs of ``knowledge`` (:class:`analysis.read.clause.Words`)."""
    return _cached_words(knowledge)


@lru_cache(maxsize=8)
def _cached_words(knowledge: Any) -> Words:
    matcher = knowledge.gazetteer.matcher

    @lru_cache(maxsize=65536)
    def actor_match(name: str) -> str | None:
        spans = matcher.find(name)
        if not spans:
            return None
        return "whole" if any(a == 0 and b == len(name) for a, b, _ in spans) else "part"

    geo = frozenset(word.casefold() for actor in knowledge.gazetteer.actors
                    for word in actor.split())
    return Words(knowledge.attribution, knowledge.outlets, actor_match, geo)


@lru_cache(maxsize=8)
def _lexicon(knowledge: Any) -> tuple[frozenset[str], frozenset[str]]:
    """The roles stripped from names, and the capitalized words that never make a name."""
    a = knowledge.attribution
    roles = frozenset(r.rstrip(".") for r in a.roles)
    return roles, FUNCTION_WORDS | a.openers | set(a.genres) | a.not_publication | {"asked"}


def _date_of(p: Part) -> tuple[int, int, int | None]:
    month, day, year = p.value
    return MONTHS[month.rstrip(".").casefold()], day, year


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(n.split()) for n in names))


def _build(c: Clause, outlet: Part | None, w: Words, how: str) -> Attribution:
    month = day = year = None
    issue = None
    if c.dates:
        month, day, year = _date_of(c.dates[0])
    if c.issues:
        label, issue_month, issue_year = c.issues[0].value
        issue = label
        if issue_month and month is None:
            month = MONTHS.get(re.split(r"\s*[-–/]\s*", issue_month)[-1].rstrip(".").casefold())
        year = year or issue_year
    elif c.months and outlet is not None and not c.dates:
        m = c.months[0]  # "Kawakami Takashi in the March Kaigai Jijo": its March issue
        issue, month = f"{m.text} issue", MONTHS[m.text.rstrip(".").casefold()]
    genre = c.genre
    authors = () if genre == "editorial" else _unique(c.persons or c.later)
    written = None
    if outlet is not None:
        written = re.sub(r"^[Tt]he\s+", "", outlet.text)
    parts_read = [f"outlet {written!r}" + ("" if outlet is None or outlet.kind == "outlet"
                                           else " (not in the outlet list)")] if outlet else []
    parts_read += [f"date {c.dates[0].text!r}"] if c.dates else []
    parts_read += [f"issue {issue!r}"] if issue else []
    parts_read += [f"authors {', '.join(authors)}"] if authors else []
    parts_read += [f"genre {genre}"] if genre else []
    return Attribution(
        outlet=w.outlets.canonical(written) if written else None,
        outlet_as_written=written,
        issue=issue, month=month, day=day, year=year, authors=authors, genre=genre,
        known_outlet=outlet is None or outlet.kind == "outlet",
        evidence=f"{how}: " + ", ".join(parts_read),
    )


#: Words that open a clause continuing an argument ("Yet the Kommersant piece is notable").
_CONNECTIVES = frozenset(["yet", "but", "however", "still", "also", "moreover", "further",
                         "furthermore", "nevertheless", "nonetheless", "indeed", "thus", "so"])


def _subject_only(c: Clause, outlet: Part, w: Words) -> bool:
    """A known outlet with neither date, issue nor author is the source only as the subject of
    a reporting verb ("Zavtra wrote that", "Sankei Shimbun is endorsing", "A Kommersant piece
    argued"), not when the clause refers back to it ("Yet the Kommersant piece is notable")."""
    head = c.parts[0].low if c.parts else ""
    if head in _CONNECTIVES:
        return False
    k = next((i for i, p in enumerate(c.parts) if p is outlet), None)
    if k is None:  # the outlet stands after the verb ("A jan 1 editorial in X"): not its subject
        return False
    if any(p.low in ("the", "this", "that") for p in c.parts[max(0, k - 1):k]) and c.genre:
        return False  # "the Kommersant piece": one summarized above
    if not (c.parts[0] is outlet or head in ("the", "in", "a", "an")):
        return False
    verb = c.verb
    if verb is None or looks_like_verb(verb.text):
        return True
    nxt = c.after_verb
    return verb.low in ("is", "was", "has", "had") and nxt is not None and nxt.kind == "word" and (
        nxt.low.endswith(("ing", "ed")))


def _decide(c: Clause, w: Words, *, second: bool = False) -> tuple[Attribution | None, str | None]:
    """An attribution from the parts of one clause, or ``(None, doubt)``."""
    chosen = c.outlet()
    outlet, position = chosen if chosen else (None, None)
    persons = c.persons or c.later
    dated = bool(c.dates or c.issues)
    verb = c.verb.low if c.verb is not None else ""
    event = verb in w.attribution.event_verbs and verb not in w.attribution.carrying_verbs
    how = "second sentence" if second else "opening"
    if cites_source(c, outlet, w, c.text if not second else ""):
        c.rejected = True  # its outlet is no source later in the sentence either
        return None, None
    if c.not_publication or (c.parts and c.parts[0].low in WH_WORDS):
        return None, None
    if outlet is not None and outlet.kind == "outlet":
        ambiguous = w.outlets.is_ambiguous(outlet.text)
        ok = not ambiguous or dated or bool(persons)
        if ok and not (dated or persons):
            ok = _subject_only(c, outlet, w)
        if second:
            ok = ok and (dated and bool(persons) or not ambiguous and (dated or bool(persons)))
        if ok:
            return _build(c, outlet, w, how), None
        return None, (c.text if dated or persons else None)
    if outlet is not None:  # a name that stands where an outlet does
        evidence = dated or bool(persons) or bool(c.genre)
        leaders_only = persons and not any(w.actor_match(n) is None for n in persons)
        placelike = position in ("in", "subject", "after")  # where a place could stand too
        ok = evidence and not leaders_only and not (event and not dated and placelike)
        if ok and event and placelike:
            ok = bool(persons) and verb not in ("said", "says", "stated")
        if second:
            ok = ok and position in ("in", "after") and dated and bool(persons)
        if ok:
            return _build(c, outlet, w, how), None
        return None, (c.text if evidence else None)
    if c.genre == "book" and persons and not second:
        return _build(c, None, w, how), None  # "In his book Russia and China, Alexander Lukin ..."
    writers = [n for n in persons if len(n.split()) >= 2 and w.actor_match(n) is None]
    if writers and c.dates and not event and not second:
        return None, c.text
    return None, None


def _pronoun_date(ps: list[Part]) -> Part | None:
    """The date of "On July 8 he observed ...", a second sentence that dates the first."""
    if len(ps) >= 3 and ps[0].low == "on" and ps[1].kind == "date" and ps[2].low in (
            "he", "she", "they", "it"):
        return ps[1]
    return None


def read_opening(paragraph: str, *, knowledge: Any = None) -> Reading:
    """The attribution at the start of ``paragraph`` (see the module docstring), or None with,
    when the opening looked like one, a ``doubt``."""
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    w, (roles, not_names) = words_of(knowledge), _lexicon(knowledge)
    text = paragraph[:1200]
    spans = sentences(text)
    if not spans:
        return Reading(None)
    found = knowledge.outlets.find(text, stop=spans[-1][1])  # what the two sentences hold
    first = parts(text, found, roles, *spans[0], not_names=not_names)
    first = after_quotation(first) or first  # "“...,” wrote Fyodor Lukyanov in X on May 12"
    clause = read_clause(first, w)
    attribution, doubt = _decide(clause, w)
    second = parts(text, found, roles, *spans[1], not_names=not_names) if len(spans) > 1 else []
    if attribution is not None:
        when = _pronoun_date(second) if attribution.day is None and not attribution.issue else None
        if when is not None:
            month, day, year = _date_of(when)
            attribution = Attribution(**{**attribution.__dict__, "month": month, "day": day,
                                         "year": year})
        return Reading(attribution)
    back = refers_back(clause, w)
    if back is not None:  # "The same paper carried ...": the segmenter gives it its outlet
        built = _build(clause, None, w, f"refers back to the entry before ({back!r})")
        return Reading(Attribution(**{**built.__dict__, "refers_back": True}))
    later = postposed(first, w, start=len(clause.parts) if clause.rejected else 0)
    attribution = _build(later, later.parts[-1], w, "later in the sentence") if later else None
    if attribution is None and second:
        attribution, _ = _decide(read_clause(second, w), w, second=True)
        later = postposed(second, w) if attribution is None else None
        attribution = attribution or (_build(later, later.parts[-1], w, "later in the sentence")
                                      if later else None)
    if attribution is not None:
        return Reading(attribution)
    return Reading(None, doubt, speech_of(first, w))


def parse_attribution(paragraph: str, *, knowledge: Any = None) -> Attribution | None:
    """The attribution at the start of ``paragraph``, or None when it does not open with one.

    Examples
    --------
    >>> a = parse_attribution("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about")
    >>> a.outlet, a.issue, a.authors
    ('MEiMO', 'no. 1', ('Olga N. Borokh', 'Alexandr V. Lomanov'))
    """
    return read_opening(paragraph, knowledge=knowledge).attribution


def resolve_pub_date(attribution: Attribution, period: str) -> date | None:
    """The publication date: the year is the attribution's or the report period's.

    A date more than one month after the period's month belongs to the previous year (a
    December article in a January report). Returns None without a day, for an impossible date
    ("February 30") or a year outside 1900-2100.
    """
    if attribution.month is None or attribution.day is None:
        return None
    year = attribution.year
    if year is None:
        p_year, p_month = (int(x) for x in period.split("-"))
        year = p_year - 1 if attribution.month > p_month + 1 else p_year
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, attribution.month, attribution.day)
    except ValueError:
        return None
