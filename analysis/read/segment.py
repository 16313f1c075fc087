"""Segmenting a report into its overview, section headings and entries.

Rules (each pinned by a test in ``tests/test_segment.py``):

- A paragraph is a run of non-blank lines (title and boilerplate are already blank).
- A heading is a one-line paragraph of at most six words that starts with a capital letter and
  does not end in sentence punctuation ("North Korea", "Greater Eurasia"). It names the section of
  the entries that follow.
- Two or more blank lines in a row end the current section: in the published layout a heading
  stood there (often an image or a link that did not survive copying), so the entries after the
  gap do not belong to the previous heading.
- An entry starts at a paragraph that opens with an attribution (:func:`analysis.parse.parse_attribution`)
  and runs through the following paragraphs until the next attribution or heading.
- Paragraphs before the first entry or heading form the overview (kind "overview").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.knowledge.outlets import Outlets
from analysis.read.attribution import Attribution, parse_attribution
from analysis.read.reports import Report

__all__ = ["Paragraph", "Segment", "is_heading", "paragraphs", "segment"]

_HEADING_WORDS = 6
_END_PUNCT = re.compile(r"[.!?;:,\"”’)]\s*$")


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based line number of its first line
    text: str  # original characters, lines joined with "\n", outer whitespace stripped
    gap: int  # blank lines before it


@dataclass(frozen=True)
class Segment:
    """One entry of a report before it becomes a table row."""

    kind: str  # "overview" | "entry"
    section: str | None
    line: int
    text: str
    attribution: Attribution | None


def paragraphs(report: Report) -> list[Paragraph]:
    """The report's paragraphs with their first line number and the blank lines before them."""
    out: list[Paragraph] = []
    current: list[tuple[int, str]] = []
    gap = 0
    pending_gap = 0
    for number, line in (*report.lines, (0, "")):
        if line.strip():
            if not current:
                gap = pending_gap
            current.append((number, line))
            continue
        if current:
            text = "\n".join(text for _, text in current).strip()
            out.append(Paragraph(current[0][0], text, gap))
            current = []
            pending_gap = 0
        pending_gap += 1
    return out


def is_heading(text: str) -> bool:
    """A short one-line paragraph without sentence punctuation: a section heading."""
    words = text.split()
    return (
        "\n" not in text
        and 1 <= len(words) <= _HEADING_WORDS
        and text[:1].isupper()
        and not _END_PUNCT.search(text)
    )


def segment(report: Report, *, outlets_table: Outlets | None = None) -> list[Segment]:
    """Split a report into segments: the overview (if any) then one segment per entry."""
    segments: list[Segment] = []
    overview: list[Paragraph] = []
    section: str | None = None
    current: dict | None = None
    seen_structure = False

    def close() -> None:
        nonlocal current
        if current is not None:
            segments.append(Segment("entry", current["section"], current["line"],
                                    "\n\n".join(current["texts"]), current["attribution"]))
            current = None

    for para in paragraphs(report):
        if para.gap >= 2 and seen_structure:
            section = None
        attribution = parse_attribution(para.text, outlets_table=outlets_table)
        if attribution is not None:
            close()
            seen_structure = True
            current = {"section": section, "line": para.line, "texts": [para.text],
                       "attribution": attribution}
        elif is_heading(para.text):
            close()
            seen_structure = True
            section = para.text
        elif current is not None:
            current["texts"].append(para.text)
        elif not seen_structure:
            overview.append(para)
        else:
            # Text after a heading but before any attribution: an entry whose opening names no
            # publication. Keep it (never lose text) as an entry without outlet.
            current = {"section": section, "line": para.line, "texts": [para.text], "attribution": None}
    close()
    if overview:
        segments.insert(0, Segment("overview", None, overview[0].line,
                                   "\n\n".join(p.text for p in overview), None))
    return segments
