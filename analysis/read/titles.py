"""Titles and periods: ``Country Report: <Country> (<Month> <Year>)`` -> country and period.

A report's country and period come from its title line, or else from a file name
``<country>-<yyyy>-<mm>.txt``; the report id is ``<country-slug>-<yyyy>-<mm>``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FILENAME_RE", "MONTHS", "TITLE_RE", "parse_title", "slug"]

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

TITLE_RE = re.compile(
    r"^\s*Country\s+Report\s*:\s*(?P<country>[^()]+?)\s*"
    r"\(\s*(?P<month>[A-Za-z]+)\.?\s+(?P<year>\d{4})\s*\)\s*$",
    re.IGNORECASE,
)
FILENAME_RE = re.compile(r"^(?P<country>[a-z][a-z0-9_]*(?:-[a-z][a-z0-9_]*)*)-(?P<year>\d{4})-(?P<month>\d{2})$")


def parse_title(line: str) -> tuple[str, str] | None:
    """``(country, "YYYY-MM")`` from a title line, None when the line is not a title.

    Raises ValueError for a title whose month is not a month ("Smarch 2024").
    """
    m = TITLE_RE.match(line)
    if not m:
        return None
    month = MONTHS.get(m["month"].lower())
    if month is None:
        raise ValueError(f"unknown month {m['month']!r} in title {line.strip()!r}")
    return " ".join(m["country"].split()), f"{int(m['year']):04d}-{month:02d}"


def slug(text: str) -> str:
    """ASCII lower-case slug: "North Korea" -> "north-korea"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
