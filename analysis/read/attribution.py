"""Attribution parsing: who published what, where and when, from the opening of a paragraph.

An entry of a country report opens with an attribution to a publication, in many styles:

    In Kommersant on February 6, Nataliya Portyakova noted ...
    In Kommersant, February 14, Nataliya Portyakova wrote ...
    Aleksandr Lomanov in Interfax on February 17 focused ...
    On January 8 in Valdai, Andrei Bystritskii wrote ...
    Andrei Lankov on October 28 for the Valdai Club wrote ...
    Vzgliad on September 29 welcomed ...
    In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote ...
    On November 15 Andrei Kirillov in TASS wrote ...
    The Nezavisimaya Gazeta on May 5 carried Ivan Ivanov's article ...
    Kawashima Shin in the May issue of Chuo Koron argued ...
    The April issue of Mezhdunarodnaya Zhizn' ...

Each style is one regular expression built from shared parts (outlet, date, issue, names); the
outlet part tries the known spellings of ``outlets.toml`` first and then any capitalized name, so
outlets not yet in the table are recognised too. A paragraph opening with an event date and no
publication ("On June 5, 2019 Russia and China declared ...") is not an attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from analysis.knowledge.outlets import Outlets, outlets
from analysis.read.titles import MONTHS

__all__ = ["Attribution", "authors_in_text", "parse_attribution", "resolve_pub_date", "split_authors"]


@dataclass(frozen=True)
class Attribution:
    """What the opening of an entry says about its publication (all fields as written)."""

    outlet: str
    issue: str | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    authors: tuple[str, ...] = ()
    style: str = ""


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
def _date(n: str = "") -> str:
    return (
        rf"(?P<month{n}>{_MONTH})\s+(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:,?\s+(?P<year{n}>(?:19|20)\d\d))?"
    )


_DATE = _date()
_ISSUE = r"(?P<issue>(?:[Nn]o\.|№|[Nn]umber|[Ii]ssue)\s*\d+(?:\s*[-–/]\s*\d+)?)"
_UPPER = r"[A-ZÀ-ÖØ-ÞА-Я]"
_WORD = rf"{_UPPER}[\w’'.\-]*"
_NAME = rf"{_WORD}(?:\s+(?:{_UPPER}\.|{_WORD}))*?"
_NAMES = rf"(?P<authors>{_NAME}(?:\s*,\s*{_NAME})*(?:\s*,?\s+and\s+{_NAME})?)"
_VERB = (
    r"(?:wrote|writes|noted|notes|asked|asks|argued|argues|focused|focuses|examined|examines"
    r"|traced|traces|analyzed|analysed|analyzes|considered|considers|welcomed|welcomes|reviewed"
    r"|reviews|assessed|assesses|discussed|discusses|explained|explains|observed|observes"
    r"|warned|warns|claimed|claims|described|describes|pointed|points|concluded|concludes"
    r"|suggested|suggests|contended|contends|stressed|stresses|emphasized|emphasizes|insisted"
    r"|insists|explored|explores|addressed|addresses|carried|carries|published|publishes"
    r"|offered|offers|presented|presents|reported|reports|commented|comments|questioned"
    r"|looked|looks|saw|sees|found|finds|took|takes|gave|gives|made|makes|compared|compares"
    r"|criticized|criticizes|predicted|predicts|called|calls|recalled|recalls|surveyed|surveys"
    r"|evaluated|evaluates|highlighted|highlights|detailed|details|summarized|summarizes"
    r"|maintained|maintains|raised|raises|reflected|reflects|said|says|stated|states)\b"
)
_SEP = r"(?:\s*,\s*|\s+)"


def _outlet_pattern(known: tuple[str, ...]) -> str:
    known_alt = "|".join(re.escape(s).replace("'", "['’]") for s in known)
    generic = rf"{_WORD}(?:\s+(?:{_WORD}|i|of|and|in|&))*"
    return rf"(?:[Tt]he\s+)?(?P<outlet>(?:{known_alt})(?![\w’'])|{generic})"


def _styles(known: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    out = _outlet_pattern(known)
    month_issue = rf"(?:(?:the\s+)?(?P<issue_month>{_MONTH})\s+issue\s+of\s+)?"
    styles = {
        # In Kommersant on February 6, Nataliya Portyakova noted / In MEiMO, no. 1, Olga N. Borokh
        # and Alexandr V. Lomanov wrote / In Zavtra Alexander Prokhanov asked / In Zavtra on
        # November 4 Chinese neosocialism was called (no author) / In the May issue of X, ...
        "in-outlet": rf"In\s+{month_issue}{out}(?:{_SEP}{_ISSUE})?(?:{_SEP}(?:on\s+)?{_DATE})?"
        rf"(?:(?:\s*,\s*|\s+){_NAMES}\s+{_VERB}|\s*,|\s+(?=[a-z])|(?<=\d)\s+(?=\S))",
        # Aleksandr Lomanov in Interfax on February 17 focused / Andrei Lankov on October 28 for
        # the Valdai Club wrote / Kawashima Shin in the May issue of Chuo Koron argued
        "author-first": rf"{_NAMES}(?:\s+on\s+{_DATE})?\s+(?:in|for)\s+{month_issue}{out}"
        rf"(?:{_SEP}{_ISSUE})?(?:\s+on\s+{_date('2')})?\s*,?\s+{_VERB}",
        # On January 8 in Valdai, Andrei Bystritskii wrote / On October 31 in Profil' Zuenko reviewed
        "date-outlet": rf"On\s+{_DATE}\s*,?\s+(?:in|for)\s+{out}(?:{_SEP}{_ISSUE})?\s*,?\s+"
        rf"(?:{_NAMES}\s+{_VERB}|(?=[a-z]))",
        # On November 15 Andrei Kirillov in TASS wrote
        "date-author": rf"On\s+{_DATE}\s*,?\s+{_NAMES}\s+(?:in|for)\s+{out}(?:{_SEP}{_ISSUE})?\s*,?\s+{_VERB}",
        # The April issue of Mezhdunarodnaya Zhizn' ...
        "issue-of": rf"(?:The\s+)?(?P<issue_month>{_MONTH})\s+issue\s+of\s+{out}(?=[\s,.;:]|$)",
        # Vzgliad on September 29 welcomed / The Nezavisimaya Gazeta on May 5 carried X's article
        "outlet-date": rf"{out}(?:{_SEP}{_ISSUE})?\s*,?\s+(?:on\s+)?{_DATE}\s*,?\s+"
        rf"(?:carried\s+(?P<carried>{_NAME})['’]s?\s+(?:article|piece|essay|interview|commentary)"
        rf"|{_VERB})",
    }
    return [(name, re.compile(pattern)) for name, pattern in styles.items()]


@lru_cache(maxsize=8)
def _compiled(table: Outlets) -> list[tuple[str, re.Pattern[str]]]:
    return _styles(table.spellings)


def split_authors(names: str) -> tuple[str, ...]:
    """Split "A, B, and C" / "A and B" into names, spaces normalized."""
    parts = re.split(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+", names.strip())
    return tuple(" ".join(p.split()) for p in parts if p.strip())


def _plausible_outlet(name: str, table: Outlets) -> bool:
    if table.is_known(name):
        return True
    words = name.split()
    # A generic outlet is a short capitalized name, not a month or a sentence opener.
    return 1 <= len(words) <= 5 and words[0].rstrip(".").lower() not in MONTHS


def parse_attribution(paragraph: str, *, outlets_table: Outlets | None = None) -> Attribution | None:
    """The attribution at the start of ``paragraph``, or None when it does not open with one.

    Examples
    --------
    >>> a = parse_attribution("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about")
    >>> a.outlet, a.issue, a.authors
    ('MEiMO', 'no. 1', ('Olga N. Borokh', 'Alexandr V. Lomanov'))
    """
    table = outlets_table or outlets()
    head = paragraph.lstrip()[:400]
    for style, pattern in _compiled(table):
        m = pattern.match(head)
        if not m:
            continue
        groups = m.groupdict()
        for part in ("month", "day", "year"):
            groups[part] = groups.get(part) or groups.get(f"{part}2")
        outlet = groups["outlet"].strip().rstrip(",")
        if not _plausible_outlet(outlet, table):
            continue
        authors = groups.get("authors") or groups.get("carried")
        month = groups.get("month") or groups.get("issue_month")
        if not table.is_known(outlet):
            if groups.get("year"):
                continue  # "On June 5, 2019 in Beijing ..." is an event, not a publication
            if not (authors or month or groups.get("issue")):
                continue  # "In Tokyo, ..." names a place: an unknown outlet needs more evidence
        issue = groups.get("issue")
        if issue is None and groups.get("issue_month"):
            issue = f"{groups['issue_month'].rstrip('.')} issue"
        return Attribution(
            outlet=table.canonical(outlet),
            issue=issue,
            month=MONTHS[month.rstrip(".").lower()] if month else None,
            day=int(groups["day"]) if groups.get("day") else None,
            year=int(groups["year"]) if groups.get("year") else None,
            authors=split_authors(authors) if authors else (),
            style=style,
        )
    return None


def resolve_pub_date(attribution: Attribution, period: str) -> date | None:
    """The publication date: the year is the attribution's or the report period's.

    A date more than one month after the period's month belongs to the previous year (a
    December article in a January report). Returns None without a day or for an impossible date.
    """
    if attribution.month is None or attribution.day is None:
        return None
    year = attribution.year
    if year is None:
        p_year, p_month = (int(x) for x in period.split("-"))
        year = p_year - 1 if attribution.month > p_month + 1 else p_year
    try:
        return date(year, attribution.month, attribution.day)
    except ValueError:
        return None


_TEXT_AUTHORS = re.compile(
    rf"(?:\b[Aa]uthors?\s+)?(?P<authors>{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD}"
    rf"(?:\s*,\s*{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD})*(?:\s*,?\s+and\s+{_WORD}\s+(?:{_UPPER}\.\s+)?{_WORD})?)"
    r"\s+(?:wrote|writes|asks|asked|argues|argued|notes|noted|concludes|concluded|contends"
    r"|claims|warns|insists|observes|explains|believes|suggests|stresses)\b"
)


def authors_in_text(text: str) -> tuple[str, ...]:
    """Writers named in an entry's text ("Gevorg Mirzaian wrote that ...", "Authors A, B, and C
    wrote ..."), for entries whose attribution names no author. Full names (two words or more) only.
    """
    m = _TEXT_AUTHORS.search(text)
    return split_authors(m["authors"]) if m else ()
