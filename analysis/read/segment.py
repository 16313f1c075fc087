"""Segmenting a report: every paragraph gets a role and a reason, and entries are formed.

Rules (each pinned by a test in ``tests/read/test_segment.py``):

- A paragraph is a run of non-blank lines (title and boilerplate lines are already blank).
- A heading is a one-line paragraph of at most six words (twelve with a capitalized word
  after the first) that starts with a capital letter or a digit, does not end in sentence
  punctuation and does not open with an attribution ("North Korea", "Greater Eurasia", "53rd
  Security Consultative Meeting"). It names the
  section of the entries that follow.
- Two or more blank lines in a row end the current section: in the published layout a heading
  stood there (often an image or a link that did not survive copying), so the entries after the
  gap do not belong to the previous heading.
- An entry starts at a paragraph whose opening is an attribution
  (:func:`analysis.read.attribution.read_opening`) and runs through the following paragraphs
  (its continuations) until the next attribution or heading.
- Paragraphs before the first entry or heading form the overview (kind "overview"); paragraphs
  after a heading and before any attribution form a block of unattributed text (kind
  "unattributed"), which no measure counts as a publication.
- A continuation whose opening looks like an attribution that could not be read (a name with a
  date, an outlet-like name) is kept in its entry and reported as a doubt, with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analysis.read.attribution import Attribution, read_opening
from analysis.read.reports import Report

__all__ = ["Paragraph", "Role", "Segment", "is_heading", "paragraphs", "segment", "segmentation"]

_HEADING_WORDS = 12
_END_PUNCT = re.compile(r"(?:[.!?;:,]|[.!?][\"”’)\]]+)\s*$")


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based line number of its first line
    text: str  # original characters, lines joined with "\n", outer whitespace stripped
    gap: int  # blank lines before it


@dataclass(frozen=True)
class Segment:
    """One entry of a report (or its overview, or a block of unattributed text) before it
    becomes a table row; ``opening`` is the text of its first paragraph."""

    kind: str  # "overview" | "entry" | "unattributed"
    section: str | None
    line: int
    text: str
    attribution: Attribution | None
    opening: str = ""


@dataclass(frozen=True)
class Role:
    """What a paragraph is and why: ``role`` is overview, heading, entry, continuation or
    unattributed; ``segment`` the index of its segment (None for a heading); ``doubt`` the
    words of an opening that looked like an attribution but was not read as one."""

    paragraph: Paragraph
    role: str
    reason: str
    segment: int | None
    doubt: str | None = None


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
    """A short one-line paragraph without sentence punctuation: a section heading (up to six
    words; up to twelve when a word after the first is capitalized: "The 2020 US presidential
    election and Sino–US relations")."""
    words = text.split()
    return (
        "\n" not in text
        and 1 <= len(words) <= _HEADING_WORDS
        and (len(words) <= 6 or any(w[:1].isupper() for w in words[1:]))
        and (text[:1].isupper() or text[:1].isdigit() or text[:1] in "“\"‘'")
        and not _END_PUNCT.search(text)
    )


def segmentation(report: Report, *, knowledge: Any = None) -> tuple[list[Segment], list[Role]]:
    """The report's segments (overview first, then entries and unattributed blocks in order)
    and the role of every paragraph."""
    roles: list[Role] = []
    blocks: list[dict] = []  # kind, section, paragraphs, attribution
    overview: list[Paragraph] = []
    section: str | None = None
    current: dict | None = None
    seen_structure = False

    for para in paragraphs(report):
        if para.gap >= 2 and seen_structure:
            section = None
        reading = read_opening(para.text, knowledge=knowledge)
        attribution = reading.attribution
        if attribution is not None:
            seen_structure = True
            current = {"kind": "entry", "section": section, "paragraphs": [para],
                       "attribution": attribution}
            blocks.append(current)
            roles.append(Role(para, "entry", attribution.evidence, len(blocks)))
        elif is_heading(para.text):
            seen_structure = True
            current = None
            section = para.text
            roles.append(Role(para, "heading", "a short line without sentence punctuation",
                              None))
        elif current is not None:
            current["paragraphs"].append(para)
            owner = "entry" if current["kind"] == "entry" else "unattributed text"
            reason = f"no attribution in its opening: continues the {owner} above"
            roles.append(Role(para, "continuation", reason, len(blocks), reading.doubt))
        elif not seen_structure:
            overview.append(para)
            roles.append(Role(para, "overview", "before the first entry or heading", 0))
        else:
            # Text after a heading but before any attribution: kept (never lost) as a block
            # of unattributed text, which no measure counts as a publication.
            current = {"kind": "unattributed", "section": section, "paragraphs": [para],
                       "attribution": None}
            blocks.append(current)
            roles.append(Role(para, "unattributed",
                              "after a heading, no attribution in its opening", len(blocks),
                              reading.doubt))
    segments = [Segment(b["kind"], b["section"], b["paragraphs"][0].line,
                        "\n\n".join(p.text for p in b["paragraphs"]), b["attribution"],
                        b["paragraphs"][0].text) for b in blocks]
    if overview:
        segments.insert(0, Segment("overview", None, overview[0].line,
                                   "\n\n".join(p.text for p in overview), None, overview[0].text))
    else:
        roles = [Role(r.paragraph, r.role, r.reason, None if r.segment is None else r.segment - 1,
                      r.doubt) for r in roles]
    return segments, roles


def segment(report: Report, *, knowledge: Any = None) -> list[Segment]:
    """Split a report into segments: the overview (if any) then one segment per entry."""
    return segmentation(report, knowledge=knowledge)[0]
