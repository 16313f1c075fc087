"""The opening clause of a sentence and the parts of an attribution found in it.

:func:`read_clause` takes the :mod:`analysis.read.opening` parts of one sentence and finds its
reporting verb: the first lowercase word that is not a function word, a role, a publication
noun or an adjective before one, an adverb or a participle introducing an outlet ("published
in"). The words before it are the opening clause; a few words after it may still belong to the
attribution ("wrote in Nezavisimaya Gazeta on October 1", "carried an article by Kitaoka
Shinichi", "told Ekho Moskvy on December 16"). In the clause it finds, in any order, the
outlets (where they stand: :mod:`analysis.read.outlet_places`), the dates, the issues, the genre and
the people, and returns them as a :class:`Clause` for :mod:`analysis.read.attribution` to
decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.read.extension import add_genre, extend, extension, later
from analysis.read.opening import FUNCTION_WORDS, PARTICLES, Part
from analysis.read.outlet_places import (
    DETERMINERS,
    is_genre,
    join_names,
    known_position,
    unknown_outlet,
)
from analysis.read.words import Words, looks_like_verb, person_like

__all__ = ["Clause", "read_clause"]

_ADVERBS = frozenset([
    "also", "again", "further", "later", "earlier", "recently", "then", "too", "even", "once",
    "still", "first", "separately", "similarly", "likewise", "meanwhile", "jointly", "briefly",
])
_PARTICIPLES = frozenset([
    "published", "featured", "carried", "printed", "appearing", "appeared", "written", "posted",
    "run", "released", "reprinted", "authored", "co-authored", "edited", "compiled", "prepared",
    "dated", "titled", "entitled", "hosted", "aired", "broadcast",
])
#: What may follow a participle that belongs to the attribution ("published in", "released
#: this spring", "dated 10 January").
_AFTER_PARTICIPLE = frozenset(["in", "by", "on", "for", "this", "last", "earlier", "recently",
                               "at"])
_SEASONS = frozenset(["spring", "summer", "autumn", "fall", "winter", "year", "month", "week"])
#: Nouns of a time phrase that only dates the clause: "on the eve of", "in the wake of".
_TIME_NOUNS = frozenset([
    "eve", "sidelines", "run-up", "wake", "aftermath", "occasion", "height", "day", "morning",
    "evening", "night", "week", "weekend", "month", "year", "anniversary", "start", "end",
    "beginning", "middle", "course", "midst", "heels", "margins",
])


@dataclass
class Clause:
    """The parts of an attribution found in one sentence (see the module docstring)."""

    parts: list[Part]
    verb: Part | None
    outlets: list[tuple[Part, str]] = field(default_factory=list)  # (part, position)
    dates: list[Part] = field(default_factory=list)
    issues: list[Part] = field(default_factory=list)
    months: list[Part] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    genre: str | None = None
    not_publication: list[str] = field(default_factory=list)
    later: list[str] = field(default_factory=list)  # authors later in the sentence
    after_verb: Part | None = None
    passive: bool = False  # "It was argued in Kommersant by ...": the verb is the participle
    rejected: bool = False  # a speech, an event, a cited source: not a publication

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.parts)

    def outlet(self) -> tuple[Part, str] | None:
        """The source: the first outlet where a source stands, else an affiliation."""
        for wanted in ("source", "in", "subject", "poss", "role", "paren", "dated", "after",
                       "affiliation"):
            for part, position in self.outlets:
                if position == wanted:
                    return part, position
        return None


def _skip_word(ps: list[Part], i: int, w: Words) -> bool:
    p = ps[i]
    nxt = ps[i + 1] if i + 1 < len(ps) else None
    low = p.low.rstrip(".")
    if low in FUNCTION_WORDS or low in PARTICLES or low in _ADVERBS:
        return True
    if (low.endswith("ly") and len(low) > 4) or low in w.attribution.genres:
        return True
    if any(low in getattr(w.attribution, k) for k in ("publication", "not_publication",
                                                      "openers")) or w.is_named(low, "roles"):
        return True
    after = ps[i + 2] if i + 2 < len(ps) else None
    if low not in w.attribution.carrying_verbs and (is_genre(nxt, w) or (
            nxt is not None and nxt.kind == "word" and not looks_like_verb(nxt.text)
            and is_genre(after, w))):
        return True  # adjectives: "signed article", "annual blue book", "cabinet daily"
    if not looks_like_verb(low) and any(
            q.kind == "word" and w.is_named(q.text, "roles") for q in ps[i + 1:i + 3]):
        return True  # a role's words: "former unification minister", "veteran sinologist"
    if low in _TIME_NOUNS and ((nxt is not None and nxt.low in ("of", "to")) or (
            i and ps[i - 1].low in ("following", "next", "previous", "same", "preceding"))):
        return True  # "on the eve of the SCO summit", "The following day, ..."
    if low == "signed" and nxt is not None and nxt.kind in ("name", "quote"):
        return True  # "an article signed Ri Chol"
    if nxt is not None and nxt.text == "," and i and ps[i - 1].kind == "word" and (
            ps[i - 1].low in DETERMINERS):
        return True  # a noun after a determiner, before a comma: "Asked about the sanctions,"
    if nxt is not None and nxt.kind in ("outlet", "name") and not looks_like_verb(low):
        return True  # an adjective before a name: "the normally cautious Nikkei"
    if low in _SEASONS and i and ps[i - 1].low in ("this", "last", "next", "earlier", "that"):
        return True  # "a book published this spring"
    prev = ps[i - 1] if i else None
    after_noun = prev is not None and (is_genre(prev, w) or prev.kind == "quote"
                                       or (prev.kind == "punct" and prev.text == ","))
    return low in _PARTICIPLES and after_noun and nxt is not None and (
        nxt.low in _AFTER_PARTICIPLE or nxt.kind in ("date", "month", "quote"))


def _apposition_end(ps: list[Part], i: int, w: Words) -> int | None:
    """The index of the comma that closes an apposition opened at the comma ``i`` (", the
    party's theoretical journal,", ", a former deputy foreign minister,"), else None."""
    if i + 2 < len(ps) and ps[i + 1].low == "with" and ps[i + 2].kind == "name":
        k = i + 2  # a co-author: "Soeya Yoshihide, with Sahashi Ryo, argued"
        while k + 1 < len(ps) and (ps[k + 1].kind == "name" or ps[k + 1].low == "and"):
            k += 1
        return k + 1 if k + 1 < len(ps) and ps[k + 1].text == "," else None
    if i + 1 >= len(ps) or ps[i + 1].low not in ("the", "a", "an", "its", "his", "her"):
        return None
    for k in range(i + 2, min(len(ps), i + 9)):
        p = ps[k]
        if p.kind == "punct" and p.text == ",":
            noun = ps[k - 1]
            ok = noun.kind == "word" and (is_genre(noun, w) or w.is_named(noun.text, "roles"))
            return k if ok else None
        if p.kind == "word" and looks_like_verb(p.text) and not w.is_named(p.text, "roles"):
            return None
    return None


def _verb_index(ps: list[Part], w: Words) -> int:
    depth, skip_to = 0, -1
    for i, p in enumerate(ps):
        if i <= skip_to:
            continue
        if p.kind == "punct":
            depth += p.text == "("
            depth -= p.text == ")" and depth > 0
            nxt = ps[i + 1] if i + 1 < len(ps) else None
            if p.text in ";.!?" and not depth and not (
                    p.text in "?!" and nxt is not None and nxt.kind == "punct"):
                return i
            if p.text == "," and not depth:
                skip_to = _apposition_end(ps, i, w) or -1
            continue
        if depth or p.kind != "word" or p.text[:1].isupper():
            continue
        if not _skip_word(ps, i, w):
            return i
    return len(ps)


def _persons(c: Clause, clause: list[Part], used: set[int], w: Words) -> None:
    for i, p in enumerate(clause):
        if p.kind != "name" or i in used:
            continue
        nxt = clause[i + 1] if i + 1 < len(clause) else None
        after = clause[i + 2] if i + 2 < len(clause) else None
        words = list(p.value[0])
        if is_genre(nxt, w) and (len(words) == 1 or not person_like(p, w)):
            continue  # the title of a column or a series: "the Seiron column"
        if nxt is not None and nxt.kind == "poss" and (is_genre(after, w) or (
                after is not None and after.kind == "word" and is_genre(
                    clause[i + 3] if i + 3 < len(clause) else None, w))):
            if not any(w.is_named(x, k) for x in words
                       for k in ("not_outlet", "institution_words", "outlet_words")):
                c.persons.append(p.person)  # "Putin's signed article", "Park Won-gon's article"
            continue
        if i >= 2 and clause[i - 1].kind == "poss" and clause[i - 2].kind == "outlet" and len(
                p.value[0]) == 1:
            continue  # a section or column of the outlet: "Asahi Shimbun's Ronza"
        p = _without_leading_actor(p, w)
        single = len(p.value[0]) == 1 and not p.value[1]
        if person_like(p, w) and (not single or i == len(clause) - 1 or _before_source(clause, i)):
            c.persons.append(p.person)
    if c.genre == "book" and len(c.persons) > 1:
        # the names of a book's title are not its authors: the possessor or the subject are
        owner = [q.person for k, q in enumerate(clause[:-2]) if q.kind == "name"
                 and clause[k + 1].kind == "poss" and any(
                     r.low in ("book", "books", "monograph") for r in clause[k + 2:k + 5])]
        subject = [clause[-1].person] if clause and clause[-1].kind == "name" else []
        c.persons = [n for n in c.persons if n in (owner or subject)] or c.persons[:1]


def _without_leading_actor(p: Part, w: Words) -> Part:
    """A name run that opens with an actor's name before a person's: "(ambassador to) China
    Miyamoto Yuji" -> "Miyamoto Yuji"."""
    words = list(p.value[0])
    if len(words) >= 3 and w.actor_match(words[0]) == "whole" and not person_like(p, w):
        rest = tuple(words[1:])
        return Part("name", " ".join(rest), p.start, p.end, (rest, p.value[1]))
    return p


def _time_phrase(clause: list[Part], i: int) -> bool:
    """An event that only dates the clause: "on the eve of the SCO summit", "ahead of the
    visit", "after the summit"."""
    for p in reversed(clause[max(0, i - 4):i]):
        if p.low in ("of", "before", "after", "since", "until", "following", "ahead"):
            return True
        if not (p.kind == "name" or p.low in ("the", "a", "an", "this", "that", "its", "their")
                or (p.kind == "word" and not looks_like_verb(p.text))):
            return False
    return False


def _before_source(clause: list[Part], i: int) -> bool:
    """A one-word name followed by "in/for <outlet>" or "on <date>": a surname ("Zuenko in")."""
    nxt = clause[i + 1:i + 4]
    if i == 0 and len(nxt) > 1 and nxt[0].text == "," and nxt[1].low in (
            "writing", "speaking", "commenting", "interviewed", "responding"):
        return True  # "Lukyanov, writing in Profil' on 14 March, argued"
    if len(nxt) > 2 and nxt[1].low in ("the", "a") and nxt[2].kind in ("outlet", "name"):
        nxt = [nxt[0], nxt[2]]  # "Zuenko in the Valdai Club"
    return len(nxt) > 1 and nxt[0].low in ("in", "for", "on") and nxt[1].kind in (
        "outlet", "name", "date")


#: Forms of "be" before a participle: a passive ("It was argued in Kommersant by ...").
_BE = frozenset(["was", "is", "were", "are", "been", "has", "had", "have", "being"])


def _participle(ps: list[Part], cut: int) -> int:
    """The index of the participle of a passive at ``cut`` ("was argued", "has been made"),
    else ``cut``."""
    k = cut
    while k < len(ps) and ps[k].kind == "word" and ps[k].low in _BE:
        k += 1
    if k == cut or k >= len(ps) or ps[cut].low in ("has", "had", "have") and ps[k - 1].low != "been":
        return cut
    p = ps[k]
    nxt = ps[k + 1] if k + 1 < len(ps) else None
    return k if p.kind == "word" and p.low.endswith(("ed", "en", "made", "put", "set")) and (
        nxt is not None and nxt.low in ("in", "by", "on", "for", "that", "at")) else cut


def read_clause(ps: list[Part], w: Words) -> Clause:
    """The opening clause of the sentence ``ps`` and the attribution parts found in it."""
    ps = join_names(ps, w)
    cut = _verb_index(ps, w)
    passive = _participle(ps, cut) if cut < len(ps) else cut
    clause = ps[:cut]
    cut = passive
    c = Clause(parts=clause, verb=ps[cut] if cut < len(ps) else None,
               after_verb=ps[cut + 1] if cut + 1 < len(ps) else None,
               passive=cut != len(clause))
    for i, p in enumerate(clause):
        if p.kind == "outlet":
            position = known_position(clause, i, w)
            if position and not (w.outlets.is_ambiguous(p.text) and position == "source"
                                 and i and clause[i - 1].kind == "name"):
                c.outlets.append((p, position))
        elif p.kind in ("date", "issue", "month"):
            getattr(c, {"date": "dates", "issue": "issues", "month": "months"}[p.kind]).append(p)
        elif p.kind == "quote" and len(p.text.split()) == 1:
            add_genre(c, p.text.strip("“”\"'‘’ ,"), w)  # Sankei's 'Shucho' (its editorial)
        elif p.kind == "word":
            if p.low.rstrip(".") in w.attribution.not_publication and not _time_phrase(clause, i):
                c.not_publication.append(p.low)
            add_genre(c, p.text, w)
            if p.low in ("speaking", "talking") and i + 1 < len(clause) and clause[i + 1].low in (
                    "to", "with"):
                c.genre = c.genre or "interview"
            if p.low in ("interviewing", "interviewed") or (p.low == "asked" and i + 1 < len(
                    clause) and clause[i + 1].low == "by"):
                c.genre = c.genre or "interview"  # "Interviewed by Yomiuri", "Asked by Izvestiya"
    used: set[int] = set()
    if not any(pos != "affiliation" for _, pos in c.outlets):
        found = unknown_outlet(clause, w)
        if found is not None:
            name, first, last, position = found
            c.outlets.append((name, position))
            used |= set(range(first, last + 1))
    extend(c, extension(ps, cut) if cut < len(ps) else [], w)
    later(c, ps[cut:], w)
    _persons(c, clause, used, w)
    return c
