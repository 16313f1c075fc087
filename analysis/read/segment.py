"""Segmenting a report: every paragraph gets a role and a reason, and entries are formed.

Rules (each pinned by a test in ``tests/read/test_segment.py``):

- A paragraph is what the file's layout makes of its lines (:mod:`analysis.read.layout`): a run
  of non-blank lines (title and boilerplate lines are already blank), a line, or the lines of
  a hard wrap joined. In every layout a line inside a paragraph that opens with an attribution
  begins a paragraph of its own (in hard-wrapped text, when the line before ends a sentence);
  one that could not be split off (the line before runs on) is reported as a doubt.
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
- An opening that refers back ("The same paper carried a rebuttal by ...", "In the next issue,
  ...", "Zuenko returned to the theme on October 31") starts an entry with the outlet of the
  entry before it.
- A paragraph about a leader's speech or press conference (:func:`analysis.read.anaphora.
  speech_of`) after an entry is not its continuation: it starts a block of unattributed text.
- Paragraphs before the first entry or heading form the overview (kind "overview"); paragraphs
  after a heading and before any attribution form a block of unattributed text (kind
  "unattributed"), which no measure counts as a publication.
- A continuation whose opening looks like an attribution that could not be read (a name with a
  date, an outlet-like name) is kept in its entry and reported as a doubt, with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from analysis.read.attribution import Attribution, read_opening
from analysis.read.layout import ends_sentence, is_heading, runs
from analysis.read.reports import Report

__all__ = ["Paragraph", "Role", "Segment", "is_heading", "paragraphs", "segment", "segmentation"]


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


def _opens_entry(lines: list[tuple[int, str]], k: int, knowledge: Any, *, strict: bool) -> bool:
    """Does the line ``k`` of a paragraph open an attribution in its first sentence? With
    ``strict`` (a hard wrap, where a line may start any sentence of a paragraph), only one
    that names a known outlet with its date, issue or author ("Kitaoka Shinichi in the July 31
    Yomiuri commented"), not a sentence about an outlet ("Sankei Shimbun was most critical")."""
    line = lines[k][1].strip()
    if not (line[:1].isupper() or line[:1].isdigit() or line[:1] in "“\"‘'("):
        return False
    text = " ".join(t.strip() for _, t in lines[k:k + 8])
    found = read_opening(text, knowledge=knowledge).attribution
    if found is None or not found.evidence.startswith("opening"):
        return False
    return not strict or (found.outlet is not None and found.known_outlet and bool(
        found.day or found.month or found.issue or found.authors))


#: Words that bind a line to the next: a line after one of them never starts a clause.
_BINDING = frozenset(["in", "on", "of", "the", "a", "an", "by", "for", "at", "to", "from",
                      "with", "and", "or", "its", "his", "her", "their"])


def _outlet_near(line: str, knowledge: Any) -> bool:
    """A known outlet in the first words of a line (cheap: before asking the reader)."""
    if knowledge is None or not line[:1].isupper():
        return False
    return bool(knowledge.outlets.find(line[:80]))


def _split(run: list[tuple[int, str]], wrapped: bool, knowledge: Any
           ) -> tuple[list[list[tuple[int, str]]], list[int]]:
    """A run of lines cut before each line that opens an attribution (in hard-wrapped text
    only after a line that ends a sentence), and the lines that open one but run on from the
    line before (hard-wrapped text: reported, not cut)."""
    parts, start, doubts = [], 0, []
    for k in range(1, len(run)):
        before = run[k - 1][1].strip()
        sentence = not wrapped or ends_sentence(before)
        last = before.rsplit(None, 1)[-1].casefold() if before else ""
        if not sentence and (last in _BINDING or not _outlet_near(run[k][1].strip(), knowledge)):
            continue  # ("... wrote in The\nIndian Express on 9 May": the name goes on)
        if _opens_entry(run, k, knowledge, strict=wrapped):
            if sentence:
                parts.append(run[start:k])
                start = k
            else:
                doubts.append(run[k][0])
    parts.append(run[start:])
    return parts, doubts


def paragraphs(report: Report, *, knowledge: Any = None, doubts: list | None = None
               ) -> list[Paragraph]:
    """The report's paragraphs with their first line number and the blank lines before them.

    ``doubts``, when given, receives the line numbers of lines that open an attribution inside
    a hard-wrapped paragraph but run on from the line before, so were not split off."""
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    layout = report.paragraph_layout
    wrapped = layout.name == "hard-wrapped"
    joiner = " " if wrapped else "\n"
    out: list[Paragraph] = []
    for gap, run in runs(report.lines, layout):
        whole = len(run) == 1 or (wrapped and layout.spaced)  # blank lines say where they end
        parts, found = ([run], []) if whole else _split(run, wrapped, knowledge)
        if doubts is not None:
            doubts.extend(found)
        for k, part in enumerate(parts):
            text = joiner.join(t.strip() if wrapped else t for _, t in part).strip()
            out.append(Paragraph(part[0][0], text, gap if k == 0 else 0))
    return out


def segmentation(report: Report, *, knowledge: Any = None, doubts: list | None = None
                 ) -> tuple[list[Segment], list[Role]]:
    """The report's segments (overview first, then entries and unattributed blocks in order)
    and the role of every paragraph; ``doubts`` receives the lines that open an attribution
    inside a paragraph (:func:`paragraphs`)."""
    roles: list[Role] = []
    blocks: list[dict] = []  # kind, section, paragraphs, attribution
    overview: list[Paragraph] = []
    section: str | None = None
    current: dict | None = None
    seen_structure = False

    for para in paragraphs(report, knowledge=knowledge, doubts=doubts):
        if para.gap >= 2 and seen_structure:
            section = None
        reading = read_opening(para.text, knowledge=knowledge)
        attribution = reading.attribution
        if attribution is not None and attribution.refers_back:
            attribution = _resolved(attribution, blocks)
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
        elif current is not None and current["kind"] == "entry" and reading.speech:
            # a leader's speech or press conference: not the entry above going on
            current = {"kind": "unattributed", "section": section, "paragraphs": [para],
                       "attribution": None}
            blocks.append(current)
            roles.append(Role(para, "unattributed", f"about a {reading.speech}, not a "
                              "publication: kept apart from the entry above", len(blocks)))
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


def _resolved(attribution: Attribution, blocks: list[dict]) -> Attribution | None:
    """An attribution that refers back ("The same paper carried ...") with the outlet of the
    entry before it; None when no entry before names an outlet."""
    before = next((b["attribution"] for b in reversed(blocks) if b["kind"] == "entry"), None)
    if before is None or before.outlet is None:
        return None
    return replace(attribution, outlet=before.outlet, outlet_as_written=before.outlet_as_written,
                   known_outlet=before.known_outlet,
                   evidence=f"{attribution.evidence}; outlet {before.outlet_as_written!r} of "
                            "the entry before")


def segment(report: Report, *, knowledge: Any = None) -> list[Segment]:
    """Split a report into segments: the overview (if any) then one segment per entry."""
    return segmentation(report, knowledge=knowledge)[0]
