"""The same report in every layout gives the same entries (issue 19).

The samples and the development reports (``tests/data/reports``) are re-laid out as people save
reports (:mod:`layouts_fixture`: each paragraph on a line, hard-wrapped at 60-100 columns with
or without blank lines, format=flowed, a saved web page with the site's furniture, a Word
document, Markdown, CRLF, BOM, UTF-16), read, and their entries compared with the clean
layout's on kind, outlet, date, issue, authors, genre and text. The text is compared paragraph
by paragraph, white space as one space (a page or a wrap keeps no runs of spaces); in a hard
wrap without blank lines a paragraph whose last line happens to be full cannot be told from the
next, so there the entry's whole text is compared.

A parametrized test pins every layout on every report; a property test (Hypothesis, bounded and
derandomized: a few seconds) draws the layout's parameters.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layouts_fixture import LAYOUTS, comparable, docx_bytes, html_page, one_per_line, relayout

from analysis.knowledge.bundle import load_knowledge
from analysis.read.entries import read_entries
from analysis.read.reports import read_report

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted([*(ROOT / "reports_raw").glob("*.txt"), *(ROOT / "tests/data/reports").glob("*.txt")])
KNOWLEDGE = load_knowledge()
_CLEAN: dict[Path, list] = {}


def clean(path: Path) -> list:
    if path not in _CLEAN:
        _CLEAN[path] = comparable(read_entries([read_report(path)], knowledge=KNOWLEDGE)[0])
    return _CLEAN[path]


def read_as(tmp: Path, name: str, suffix: str, data: bytes):
    path = tmp / f"{name}{suffix}"
    path.write_bytes(data)
    report = read_report(path, boilerplate=KNOWLEDGE.boilerplate)
    entries, _, problems = read_entries([report], knowledge=KNOWLEDGE)
    return report, comparable(entries), problems


def whole(rows: list) -> list:
    """The rows with each entry's text as one string (paragraph breaks as spaces)."""
    return [(*row[:-1], " ".join(row[-1])) for row in rows]


def test_development_reports_read_clean():
    for path in REPORTS:
        report = read_report(path)
        entries, _, problems = read_entries([report], knowledge=KNOWLEDGE)
        assert report.layout == "blank-line" and problems == [], path.name
        assert (entries["kind"] == "entry").sum() >= 6, path.name


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("path", REPORTS, ids=[p.stem for p in REPORTS])
def test_every_layout_gives_the_clean_entries(tmp_path, path, layout):
    suffix, data = relayout(path.read_text(encoding="utf-8"), layout)
    report, got, problems = read_as(tmp_path, path.stem, suffix, data)
    want = clean(path)
    expected_layout = {"html": "html", "docx": "docx", "markdown": "blank-line"}.get(
        layout, "one-per-line" if layout.startswith("one") else "hard-wrapped")
    assert report.layout == expected_layout and report.report_id == path.stem
    if layout.startswith("wrapped") and "blank" not in layout:
        got, want = whole(got), whole(want)
    assert got == want
    assert [p for p in problems if "glued" in p.message or "opens like" in p.message] == []


@st.composite
def saved(draw):
    """A report saved some way: a layout and its parameters."""
    path = draw(st.sampled_from(REPORTS))
    text = path.read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["one-per-line", "wrapped", "wrapped", "html", "docx"]))
    whole_text = False
    if kind == "one-per-line":
        suffix, body = ".txt", one_per_line(text)
    elif kind == "wrapped":
        width, blank = draw(st.integers(60, 100)), draw(st.booleans())
        flowed = draw(st.booleans())
        out = []
        for block in [b.strip() for b in text.split("\n\n") if b.strip()]:
            lines = textwrap.wrap(block, width, break_on_hyphens=False, break_long_words=False)
            if flowed:
                lines = [line + " " for line in lines[:-1]] + lines[-1:]
            out.append("\n".join(lines))
        suffix, body = ".txt", ("\n\n" if blank else "\n").join(out) + "\n"
        whole_text = not blank
    elif kind == "html":
        return path, ".html", html_page(text).encode("utf-8"), False
    else:
        return path, ".docx", docx_bytes(text), False
    if draw(st.booleans()):
        body = body.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return path, suffix, body.encode(encoding), whole_text


@settings(max_examples=30, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=saved())
def test_any_way_of_saving_gives_the_clean_entries(tmp_path_factory, case):
    path, suffix, data, whole_text = case
    _, got, _ = read_as(tmp_path_factory.mktemp("saved"), path.stem, suffix, data)
    want = clean(path)
    if whole_text:
        got, want = whole(got), whole(want)
    assert got == want
