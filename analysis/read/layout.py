"""Paragraph layouts: how a file's lines make paragraphs, detected per file.

Reports come laid out four ways, and :func:`detect_layout` tells them from the lines alone
(after the title and page furniture are blanked), in one pass over the line lengths:

``blank-line``
    a blank line between paragraphs (the published layout, and a page copied with its
    spacing); a paragraph's lines are joined with line ends, as written.
``one-per-line``
    each paragraph on one line, no blank line between (text copied from a browser page); long
    lines of every length that end sentences.
``hard-wrapped``
    paragraphs broken into lines of about one width (60-100 columns: an e-mail client's or an
    editor's wrap), inside sentences, with or without blank lines between paragraphs. A
    paragraph ends at a blank line, at a line shorter than the width by more than the next
    line's first word (a greedy wrap would have put that word on it), before an indented line,
    before a heading, and, in ``format=flowed`` text (RFC 3676), at a line without a trailing
    space. Its lines are joined with spaces.
``html``, ``docx``
    a web page's or a Word file's own paragraphs (:mod:`analysis.read.formats`).

In every layout a line that opens with an attribution begins a new paragraph even without a
blank line before it (:mod:`analysis.read.segment` asks the attribution reader). A file whose
lines fit no layout well (breaks inside sentences at no common width) is read as its nearest
layout with ``certain=False``, which the reader reports as a warning naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LAYOUTS", "Layout", "detect_layout", "ends_sentence", "is_heading", "runs"]

LAYOUTS = ("blank-line", "one-per-line", "hard-wrapped", "html", "docx")
_HEADING_WORDS = 12
_END_PUNCT = re.compile(r"(?:[.!?;:,]|[.!?][\"”’)\]]+)\s*$")
_SENTENCE_END = re.compile(r"(?:[.!?…:;]|[.!?…][\"”’)\]]+|[\"”’)\]][.!?])\s*$")
#: Widths of a hard wrap (the longest lines of the file).
_WRAP_WIDTHS = range(30, 121)


@dataclass(frozen=True)
class Layout:
    """A file's paragraph layout: ``name`` (one of :data:`LAYOUTS`), ``reason`` in words,
    ``width`` of a hard wrap, ``flowed`` for RFC 3676 text, ``spaced`` when blank lines stand
    between the wrapped paragraphs (then a line inside a paragraph never starts one),
    ``certain`` False when no layout fits well (then ``line`` is where the lines first
    disagree)."""

    name: str
    reason: str
    width: int = 0
    flowed: bool = False
    spaced: bool = False
    certain: bool = True
    line: int | None = None


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


def ends_sentence(line: str) -> bool:
    """A line that ends a sentence (a stop, a question or exclamation mark, a colon, with any
    closing quote or bracket)."""
    return bool(_SENTENCE_END.search(line))


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def detect_layout(lines: Sequence[tuple[int, str]]) -> Layout:
    """The layout of a file's content ``lines`` (``(number, text)``, blank lines as "")."""
    content = [(k, n, t.rstrip()) for k, (n, t) in enumerate(lines) if t.strip()]
    if not content:
        return Layout("blank-line", "no text")
    after_blank = [k + 1 >= len(lines) or not lines[k + 1][1].strip() for k, _, _ in content]
    if all(after_blank):
        return Layout("blank-line", f"{len(content)} paragraphs, each one line, with a blank "
                                    "line between them")
    lengths = sorted((len(t.strip()) for _, _, t in content), reverse=True)
    width = lengths[min(len(lengths) - 1, max(1, len(lengths) // 50))]  # an overlong line aside
    body = [(n, t) for (_, n, t), blank in zip(content, after_blank, strict=True)
            if not blank and not is_heading(t.strip())]  # lines another line follows
    full = sum(len(t.strip()) >= 0.7 * width for _, t in body)
    inside = [(n, t) for n, t in body if not ends_sentence(t)]
    n_blank = sum(after_blank[:-1])
    if width in _WRAP_WIDTHS and len(body) >= 3 and _share(full, len(body)) >= 0.6 and _share(
            len(inside), len(body)) >= 0.5:
        trailing = sum(lines[k][1].endswith(" ") for k, _, _ in content)
        # short lines (the next word would have fit) are paragraph ends: a blank line after
        # most of them means blank lines separate the paragraphs
        short = sum(len(t.strip()) + 1 + _first_word(lines[k + 1][1]) <= width
                    for (k, _, t), blank in zip(content, after_blank, strict=True) if not blank)
        flowed = _share(trailing, len(content)) >= 0.3
        spacing = "blank lines between paragraphs" if n_blank else "no blank lines"
        return Layout("hard-wrapped",
                      f"{len(content)} lines of at most {width} characters, {_share(full, len(body)):.0%}"
                      f" of them full and {_share(len(inside), len(body)):.0%} broken inside a "
                      f"sentence, {spacing}" + ("; format=flowed (trailing spaces)" if flowed
                                                else ""), width=width, flowed=flowed,
                      spaced=n_blank > short)
    if _share(n_blank, len(content) - 1) >= 0.5:
        glued = len(content) - sum(after_blank)
        return Layout("blank-line", f"{sum(after_blank)} paragraphs separated by blank lines; "
                                    f"{glued} line(s) directly below another")
    long_lines = sum(len(t.strip()) > 120 for _, t in body)
    ending = sum(ends_sentence(t) for _, t in body)
    reason = (f"{len(content)} lines, {n_blank} blank line(s) between them; "
              f"{_share(ending, len(body)):.0%} of the lines end a sentence")
    if _share(ending, len(body)) >= 0.6 or _share(long_lines, len(body)) >= 0.6:
        return Layout("one-per-line", "one paragraph per line: " + reason)
    first = inside[0][0] if inside else content[0][1]
    return Layout("one-per-line", "read as one paragraph per line, though " + reason +
                  f" and the lines are of no common width (the longest {width})",
                  certain=False, line=first)


def _first_word(text: str) -> int:
    words = text.split(None, 1)
    return len(words[0]) if words else 0


def runs(lines: Sequence[tuple[int, str]], layout: Layout) -> list[tuple[int, list[tuple[int, str]]]]:
    """The file's paragraphs as runs of lines: ``(blank lines before, [(number, text) ...])``.

    ``blank-line``, ``html`` and ``docx``: runs of non-blank lines. ``one-per-line``: every
    line, and a blank line before it counts as two (a section's end, as two blank lines are in
    the published layout). ``hard-wrapped``: see the module docstring.
    """
    out: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    gap = pending = 0
    wrapped = layout.name == "hard-wrapped"
    per_line = layout.name == "one-per-line"
    indented = wrapped and sum(t[:1] in " \t" for _, t in lines if t.strip()) <= len(lines) / 3
    for k, (number, line) in enumerate(lines):
        if not line.strip():
            if current:
                out.append((gap, current))
                current = []
            pending += 1
            continue
        if current and per_line:
            out.append((gap, current))
            current, pending = [], 0
        elif current and wrapped:
            nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
            if _paragraph_ends(lines[k - 1][1], line, nxt, layout, indented):
                out.append((gap, current))
                current, pending = [], 1
        if not current:
            gap = pending + (1 if per_line and pending else 0)
            pending = 0
        current.append((number, line))
    if current:
        out.append((gap, current))
    return out


def _paragraph_ends(prev: str, line: str, nxt: str, layout: Layout, indented: bool) -> bool:
    """In hard-wrapped text: does a paragraph end between the lines ``prev`` and ``line``
    (``nxt`` is the line after ``line``, "" at a blank line or the end)?"""
    if layout.flowed:
        return not prev.endswith(" ")
    body = prev.strip()
    if len(body) + 1 + _first_word(line) <= layout.width:
        return True  # the next word would have fit: the line ends its paragraph
    if indented and line[:1] in " \t":
        return True
    # a heading after a paragraph whose last line happens to be full: a heading-like line
    # that is itself short (the word after it would have fit on it)
    text = line.strip()
    return ends_sentence(body) and is_heading(text) and (
        not nxt.strip() or len(text) + 1 + _first_word(nxt) <= layout.width)
