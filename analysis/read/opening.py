"""The opening of a paragraph cut into parts: dates, issues, titles, outlets, names and words.

:func:`parts` lexes a sentence into :class:`Part` records, left to right: a quoted title
(“Asia’s New Order”), an issue ("no. 1", "No. 3-4", "Issue 5", "vol. 12, no. 3", "the April
issue", "the autumn issue", "its fifth issue of 2016", "its third issue of the year", "the latest number", "No. 8,
2020"), a date ("March 3", "March
3rd, 2016", "3 March", "the 5th of March", "May 14th"), a known outlet
(any spelling of ``outlets.toml``, found first, so that "Russia in Global Affairs" is one
outlet and not the actor Russia), a run of capitalized words (a name: "Olga N. Borokh",
"Moon Chung-in", "Tanaka Hitoshi"; roles at its front are set apart: "Professor", "Editor"), a
possessive ("'s", "’"), a lowercase word, a number or a punctuation mark. What the parts mean
together is decided by :mod:`analysis.read.attribution`.

:func:`sentences` cuts the first sentences of a paragraph, so an attribution is read from its
opening sentence (or the next one), never from the middle of an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["FUNCTION_WORDS", "MONTH", "MONTHS_RE", "PARTICLES", "Part", "parts", "sentences"]

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
         r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
MONTHS_RE = re.compile(rf"^{MONTH}$")
_YEAR = r"(?:19|20)\d\d"
_ISSUE_NUM = r"\d{1,4}(?:\s*[-–/]\s*\d{1,4})?"
_ORDINAL = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
            r"|twelfth|latest|current|new|special|spring|summer|autumn|fall|winter|next|following"
            r"|subsequent|\d{1,2}(?:st|nd|rd|th))")
_ONE_ISSUE = rf"(?:(?:[Nn]os?|[Vv]ol|[Nn]r|[Pp]t)\.|№|#|[Nn]umber\b|[Ii]ssue\b|[Vv]olume\b)\s*{_ISSUE_NUM}"
_LEXER = re.compile(
    rf"(?P<quote>[“\"«„][^”\"»“\n]{{1,200}}[”\"»]|(?<![\w’'])['‘][^'‘’\n]{{1,80}}['’](?![\w’']))"
    rf"|(?P<issue>{_ONE_ISSUE}(?:\s*,\s*{_ONE_ISSUE})*"
    rf"(?:(?:\s*,\s*|\s+)(?P<iyear>{_YEAR})(?!\d)|\s*\((?P<iyear2>{_YEAR})\))?)"
    rf"|(?P<missue>(?:[Tt]he\s+)?(?P<mimonth>{MONTH}(?:\s*[-–/]\s*{MONTH})?)(?:\s+{_YEAR})?\s+issue\b"
    rf"(?:\s+of\s+{_YEAR})?)"
    rf"|(?P<oissue>(?:[Tt]he\s+|[Ii]ts\s+|[Aa]\s+)?{_ORDINAL}\s+(?:issue|number)\b"
    rf"(?:\s+of\s+(?:(?P<oyear>{_YEAR})|the\s+year\b))?)"
    rf"|(?P<date>(?P<dmonth>{MONTH})\s+(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?"
    rf"(?!\d)(?:,?\s+(?P<dyear>{_YEAR})(?!\d))?)"
    rf"|(?P<date2>(?:the\s+)?(?P<d2day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<d2month>{MONTH})"
    rf"(?:,?\s+(?P<d2year>{_YEAR}))?(?!\w))"
    r"|(?P<poss>['’]s\b|(?<=s)['’](?![\w]))"
    r"|(?P<word>[^\W\d_](?:[\w]|[’'](?=\w)(?!s\b)|[\-.](?=\w))*"
    r"(?:(?<=\b[^\W\d_])\.|(?:(?<=\b(?:Ts|Yu|Ya|Zh|Ch|Sh|Kh|Th|Ph|Dr))|(?<=\b(?:Amb|Adm|Gen|Col|Maj))"
    r"|(?<=\b(?:Capt|Prof)))\.(?=\s+[A-Z]))?)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<punct>[,;:()\[\]—–\-.!?/&])"
)
#: Capitalized words that open a sentence or a clause, never a name.
FUNCTION_WORDS = frozenset([
    "a", "an", "the", "in", "on", "at", "for", "by", "from", "with", "of", "to", "into", "onto",
    "upon", "about", "over", "under", "after", "before", "since", "until", "during", "amid",
    "among", "between", "within", "without", "as", "his", "her", "their", "its", "our", "my",
    "your", "this", "that", "these", "those", "it", "he", "she", "they", "we", "there", "here",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "according",
    "also", "then", "later", "earlier", "meanwhile", "still", "yet", "but", "and", "or", "nor",
    "if", "when", "while", "although", "though", "despite", "following", "even", "just", "only",
    "so", "thus", "however", "moreover", "indeed", "instead", "rather", "either", "neither",
    "both", "each", "every", "some", "most", "many", "several", "another", "other", "such",
    "what", "which", "who", "whom", "whose", "where", "why", "how", "not", "no", "all", "any",
    "last", "next", "first", "second", "third", "new", "recent", "latest", "same",
])
#: Lowercase words that may stand inside a name ("Argumenty i Fakty", "Ursula von der Leyen").
PARTICLES = frozenset([
    "i", "y", "de", "da", "di", "du", "van", "von", "der", "den", "ter", "la", "le", "al", "el",
    "bin", "ibn", "ben", "del", "della", "no", "yu",
])


@dataclass(frozen=True, slots=True)
class Part:
    """One part of an opening. ``kind`` is one of quote, issue, date, month, outlet, name, poss,
    word, number, punct; ``value`` is the date ``(month word, day, year)``, the issue
    ``(label, month word or None, year)``, the outlet's canonical name, or a name's
    ``(words, roles)``: the words of the person's name and the roles before them ("Professor
    Shi Yinhong" -> ``(("Shi", "Yinhong"), ("Professor",))``; ``text`` is the whole run)."""

    @property
    def person(self) -> str:
        """A name's words without the roles at its front."""
        return " ".join(self.value[0]) if self.kind == "name" else self.text

    kind: str
    text: str
    start: int
    end: int
    value: Any = None

    @property
    def low(self) -> str:
        return self.text.casefold()


_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)\]]*(?:\d{1,3})?\s+(?=[“\"(‘]?[A-Z0-9])")
_NOT_END = re.compile(
    r"(?:\b(?:[A-Z]|Ts|Yu|Ya|Zh|Ch|Sh|Kh|Th|Ph|[Nn]os?|[Vv]ol|[Nn]r|Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Gen|Col|Lt|Rev|Sen|Rep|Gov|Amb|Adm|Maj|Capt"
    r"|vs|etc|e\.g|i\.e|cf|al|approx|ca|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|U\.S|U\.K|U\.N|E\.U)\.|\.\.)$"
)


def sentences(text: str, *, limit: int = 2, max_chars: int = 600) -> list[tuple[int, int]]:
    """Spans of the first ``limit`` sentences of ``text`` (each at most ``max_chars``)."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for m in _SENTENCE_END.finditer(text, start):
        if _NOT_END.search(text[max(start, m.start() - 12):m.start()]):
            continue
        spans.append((start, min(m.start(), start + max_chars)))
        start = m.end()
        if len(spans) == limit:
            return spans
    if start < len(text) and len(spans) < limit:
        spans.append((start, min(len(text.rstrip()), start + max_chars)))
    return spans


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def parts(text: str, outlet_spans: list[tuple[int, int, str]], roles: frozenset[str],
          start: int = 0, end: int | None = None, *,
          not_names: frozenset[str] = FUNCTION_WORDS) -> list[Part]:
    """The parts of ``text[start:end]`` (offsets into ``text``); ``outlet_spans`` are the known
    outlets found in ``text`` (:meth:`analysis.knowledge.outlets.Outlets.find`); capitalized
    words in ``not_names`` (case-folded) never start or join a name ("Writing in ...")."""
    end = len(text) if end is None else end
    spans = sorted((a, b, c) for a, b, c in outlet_spans if start <= a and b <= end)
    raw: list[Part] = []
    pos, k = start, 0
    while pos < end:
        while k < len(spans) and spans[k][0] < pos:
            k += 1
        if k < len(spans) and spans[k][0] == pos:
            a, b, canonical = spans[k]
            raw.append(Part("outlet", text[a:b], a, b, canonical))
            pos = b
            continue
        m = _LEXER.match(text, pos, spans[k][0] if k < len(spans) else end)
        if m is None:
            pos += 1
            continue
        raw.append(_part(m))
        pos = m.end()
    return _names(raw, roles, not_names)


def _part(m: re.Match[str]) -> Part:
    kind = m.lastgroup if m.lastgroup in ("quote", "poss", "word", "number", "punct") else None
    g = m.groupdict()
    if g["issue"]:
        year = g["iyear"] or g["iyear2"]
        label = m.group("issue")
        if year:  # "No. 8, 2020": the number is the issue, the year is kept apart
            label = re.sub(rf"(?:\s*,\s*|\s+|\s*\(){year}\)?$", "", label)
        return Part("issue", label, m.start(), m.end(), (label, None, int(year) if year else None))
    if g["missue"]:
        label = re.sub(r"^[Tt]he\s+", "", g["missue"])
        return Part("issue", label, m.start(), m.end(), (label, g["mimonth"], None))
    if g["oissue"]:
        label = re.sub(r"^(?:[Tt]he|[Ii]ts|[Aa])\s+", "", g["oissue"])
        label = re.sub(r"\s+of\s+(?:\d{4}|the\s+year)$", "", label)
        year = int(g["oyear"]) if g["oyear"] else None
        return Part("issue", label, m.start(), m.end(), (label, None, year))
    if g["date"]:
        year = int(g["dyear"]) if g["dyear"] else None
        return Part("date", g["date"], m.start(), m.end(), (g["dmonth"], int(g["dday"]), year))
    if g["date2"]:
        year = int(g["d2year"]) if g["d2year"] else None
        return Part("date", g["date2"], m.start(), m.end(), (g["d2month"], int(g["d2day"]), year))
    if kind == "word" and MONTHS_RE.match(m.group()):
        return Part("month", m.group(), m.start(), m.end(), m.group())
    return Part(kind or "word", m.group(), m.start(), m.end())


def _names(raw: list[Part], roles: frozenset[str], not_names: frozenset[str]) -> list[Part]:
    """Runs of capitalized words (with initials and particles) joined into name parts; roles at
    the front of a run ("Professor", "Foreign Minister") are kept apart in its value."""
    out: list[Part] = []
    run: list[Part] = []

    def close() -> None:
        tail = []
        while run and run[-1].low in PARTICLES:  # a particle never ends a name
            tail.insert(0, run.pop())
        if run:
            words = [p.text for p in run]
            lead = 0
            while lead < len(words) - 1 and words[lead].casefold().rstrip(".") in roles:
                lead += 1
            out.append(Part("name", " ".join(words), run[0].start, run[-1].end,
                            (tuple(words[lead:]), tuple(words[:lead]))))
        out.extend(tail)
        run.clear()

    for p in raw:
        is_word = p.kind == "word"
        capital = is_word and _is_cap(p.text) and p.low not in not_names
        if capital or (run and is_word and p.low in PARTICLES):
            run.append(p)
            continue
        close()
        out.append(p)
    close()
    return out
