"""Titles and periods: ``Country Report: <Country> (<Month> <Year>)`` -> country and period.

A report's country and period come from its title line, or else from a file name
``<country>-<yyyy>-<mm>.txt``; the report id is ``<country-slug>-<yyyy>-<mm>``. The title is
kept as written in the reports table.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FILENAME_RE", "MONTHS", "SEASONS", "TITLE_RE", "YEARS", "parse_title", "slug"]

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}

#: Seasons, read as their last month ("Country Report: China (Winter 2020-2021)" -> 2021-02).
SEASONS = {"winter": 2, "spring": 5, "summer": 8, "fall": 11, "autumn": 11}
#: Years a report can have; a title outside says what to do (a typing slip such as "2924").
YEARS = range(1900, 2101)

TITLE_RE = re.compile(
    r"^\s*Country\s+Report\s*[:–—-]\s*(?P<country>[^()]+?)\s*\((?P<inside>[^()]*)\)(?P<rest>.*)$",
    re.IGNORECASE,
)
FILENAME_RE = re.compile(r"^(?P<country>[a-z][a-z0-9_]*(?:-[a-z][a-z0-9_]*)*)-(?P<year>\d{4})-(?P<month>\d{2})$")
_FILLER = frozenset([
    "and", "to", "with", "focus", "on", "of", "the", "a", "in", "special", "issue", "part",
    "edition",
])


def parse_title(line: str) -> tuple[str, str] | None:
    """``(country, "YYYY-MM")`` from a title line, None when the line is not a title.

    The parentheses may name one month ("March 2024"), a span ("May-June 2022", "September –
    October, 2015", "December 2019–January 2020"), a season ("Winter 2020–2021") or carry more
    words ("April 2018 with Focus on Korea"); the period is the last month named, in the last
    year named. Raises ValueError for a title whose month is not a month ("Smarch 2024"), that
    names no year, or whose year is outside 1900-2100.
    """
    m = TITLE_RE.match(line)
    if not m:
        return None
    inside = m["inside"]
    words = re.findall(r"[A-Za-z]+", inside)
    years = [int(y) for y in re.findall(r"\b\d{4}\b", inside)]
    months = [MONTHS[w.casefold()] for w in words if w.casefold() in MONTHS]
    seasons = [SEASONS[w.casefold()] for w in words if w.casefold() in SEASONS]
    others = [w for w in words if w.casefold() not in MONTHS and w.casefold() not in SEASONS
              and w.casefold() not in _FILLER]
    title = " ".join(line.split())
    if not months and not seasons:
        raise ValueError(f"unknown month {others[0] if others else inside.strip()!r} in title "
                         f"{title!r}")
    if not years:
        raise ValueError(f"no year in title {title!r}")
    if years[-1] not in YEARS:
        raise ValueError(f"year {years[-1]} in title {title!r} is outside {YEARS.start}-"
                         f"{YEARS.stop - 1}")
    month = months[-1] if months else seasons[-1]
    return " ".join(m["country"].split()), f"{years[-1]:04d}-{month:02d}"


def slug(text: str) -> str:
    """ASCII lower-case slug: "North Korea" -> "north-korea"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
