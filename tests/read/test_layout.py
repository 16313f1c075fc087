"""Paragraph layouts (issue 19): detected per file, the paragraphs each makes, the mixture rule
(a line that opens an attribution starts a paragraph), and what is said when no layout fits."""

import textwrap

import pytest

from analysis.read.layout import detect_layout, is_heading, runs
from analysis.read.reports import read_report
from analysis.read.segment import paragraphs, segment

ENTRY_A = ("In Kommersant on February 6, Nataliya Portyakova noted how China is being careful "
           "to avoid being slapped with US secondary sanctions for cooperation with Russia and "
           "other states under sanctions. Beijing does not hold back from cooperation.")
MORE_A = ("Refusal to make bank payments is of little consequence, as China joins Russia in "
          "rejecting the discredited West-centric financial system and proceeds to accounts "
          "in national currencies, over 90 percent of the total.")
ENTRY_B = ("In Valdai on March 15, Andrei Sushentsov focused on the search for a world "
           "balance: rethinking the role of the West and the rise of the Global South, which "
           "he expects to shape the coming decade more than any single power.")
OVERVIEW = ("China, Sino-US relations, North Korea and India drew attention in Russian "
            "publications in the first months of 2024. The common theme is how Russia's "
            "options are changing in the anticipated new world order.")
PARAS = [OVERVIEW, "China", ENTRY_A, MORE_A, "North Korea", ENTRY_B]


def lines_of(text: str) -> tuple[tuple[int, str], ...]:
    return tuple(enumerate(text.split("\n"), start=3))


def write(tmp_path, body: str, name: str = "russia-2024-03.txt"):
    path = tmp_path / name
    path.write_text("Country Report: Russia (March 2024)\n\n" + body, encoding="utf-8")
    return read_report(path)


def wrap(paras, width, sep):
    return sep.join("\n".join(textwrap.wrap(p, width, break_on_hyphens=False)) for p in paras)


@pytest.mark.parametrize(("text", "layout"), [
    ("\n\n".join(PARAS), "blank-line"),
    ("\n".join(PARAS), "one-per-line"),
    (wrap(PARAS, 72, "\n"), "hard-wrapped"),
    (wrap(PARAS, 60, "\n\n"), "hard-wrapped"),
    ("Overview of the period.\n\nIn Kommersant on February 6, Nataliya Portyakova noted things.",
     "blank-line"),
])
def test_layouts_are_told_apart(text, layout):
    found = detect_layout(lines_of(text))
    assert found.name == layout and found.certain, found


def test_each_layout_gives_the_same_paragraphs(tmp_path):
    want = [p for p in PARAS]
    for body in ("\n\n".join(PARAS), "\n".join(PARAS), wrap(PARAS, 72, "\n"),
                 wrap(PARAS, 60, "\n\n"), wrap(PARAS, 95, "\n")):
        report = write(tmp_path, body)
        assert [p.text for p in paragraphs(report)] == want, report.layout


def test_hard_wrap_reason_and_width(tmp_path):
    report = write(tmp_path, wrap(PARAS, 72, "\n"))
    assert (report.layout, report.spaced) == ("hard-wrapped", False)
    assert 64 <= report.wrap_width <= 72  # the longest lines but one: a wrap's width at most
    assert f"at most {report.wrap_width} characters" in report.layout_reason
    assert write(tmp_path, wrap(PARAS, 60, "\n\n")).spaced


def test_format_flowed_soft_breaks_keep_a_trailing_space(tmp_path):
    body = "\n".join(
        "\n".join(line + " " for line in textwrap.wrap(p, 70)[:-1]) + "\n" + textwrap.wrap(p, 70)[-1]
        if len(p) > 70 else p for p in PARAS)
    report = write(tmp_path, body)
    assert report.flowed and [p.text for p in paragraphs(report)] == PARAS


def test_a_paragraph_ends_before_an_indented_line():
    body = "\n".join("\n".join(("    " if k == 0 else "") + line
                               for k, line in enumerate(textwrap.wrap(p, 64)))
                     for p in [ENTRY_A, MORE_A, ENTRY_B])
    lines = lines_of(body)
    layout = detect_layout(lines)
    assert [len(run) > 1 for _, run in runs(lines, layout)] == [True, True, True]


def test_one_per_line_keeps_a_blank_line_as_a_section_end(tmp_path):
    report = write(tmp_path, f"{OVERVIEW}\nChina\n{ENTRY_A}\n{MORE_A}\n\n{ENTRY_B}")
    segs = segment(report)
    assert report.layout == "one-per-line"
    assert [(s.kind, s.section) for s in segs] == [("overview", None), ("entry", "China"),
                                                   ("entry", None)]


def test_an_attribution_at_a_line_start_begins_a_paragraph(tmp_path):
    # blank-line layout with two paragraphs glued (a blank line lost): split at the opening
    report = write(tmp_path, "\n\n".join([OVERVIEW, "China", ENTRY_A + "\n" + ENTRY_B]))
    assert report.layout == "blank-line"
    assert [s.attribution.outlet for s in segment(report) if s.kind == "entry"] == [
        "Kommersant", "Valdai Club"]
    # a heading glued to its first entry is a heading again
    report = write(tmp_path, "\n\n".join([OVERVIEW, "China\n" + ENTRY_A]))
    assert [(s.kind, s.section) for s in segment(report)] == [("overview", None),
                                                              ("entry", "China")]


def test_in_a_hard_wrap_a_line_after_a_full_stop_may_open_an_entry(tmp_path):
    # the last line of ENTRY_A is made full, so no short line ends the paragraph
    first = ENTRY_A.replace("cooperation.", "cooperation with Russia in every field.")
    body = "\n".join(textwrap.wrap(first, 66) + textwrap.wrap(ENTRY_B, 66))
    report = write(tmp_path, body)
    assert report.layout == "hard-wrapped"
    assert [s.attribution.outlet for s in segment(report)] == ["Kommersant", "Valdai Club"]


def test_an_opening_that_runs_on_from_the_line_before_is_a_doubt(tmp_path):
    from analysis.read.entries import read_entries

    # a full line that runs on (no stop) into a line that opens like an attribution
    words = ["Russia", "and", "China", "kept", "their", "distance", "on", "the", "question", "of",
             "sanctions", "and"]
    line = ""
    while len(line) + 1 + len(words[0]) <= 66:
        line = f"{line} {words.pop(0)}".strip()
    glued = [line + " as", "In Kommersant on February 6, Nataliya Portyakova noted in a long"]
    body = "\n".join([*textwrap.wrap(OVERVIEW, 70), *textwrap.wrap(ENTRY_B, 70)[:-1],
                      textwrap.wrap(ENTRY_B, 70)[-1] + " Yet", *glued,
                      *textwrap.wrap("article about the banks. " + MORE_A, 70)])
    report = write(tmp_path, body)
    assert report.layout == "hard-wrapped"
    entries, _, problems = read_entries([report])
    at = next(n for n, t in report.lines if t.startswith("In Kommersant on February 6"))
    assert [(p.line, "opens like an attribution" in p.message) for p in problems] == [(at, True)]
    owner = entries.loc[entries["line"] <= at, "entry_id"].iloc[-1]  # the paragraph it is in
    assert f"inside a paragraph of {owner}" in problems[0].message
    assert "put a blank line before it" in problems[0].message
    assert (entries["line"] == at).sum() == 0  # not split: reported instead


def test_a_file_that_fits_no_layout_warns_with_its_line(tmp_path):
    # broken inside sentences at no common width (a copy from a PDF or a chat window)
    ragged = [("China and Russia drew closer in the spring, while the border question was left "
               "to the diplomats of both sides, who met"), "in Beijing and in Moscow and agreed",
              ("on little beyond a statement of intent that few read and fewer still believed, "
               "while the press of"), "both countries",
              ("looked elsewhere for news of the relationship and found it in the trade figures "
               "of the customs services of"), "each",
              ("side, which showed growth in every quarter of the year and a surplus on the "
               "Russian side that the"), "press celebrated"]
    report = write(tmp_path, "\n".join(ragged))
    assert report.layout == "one-per-line"
    warning = report.warnings[-1]
    assert warning.line == 3 and "could not tell how the lines make paragraphs" in warning.message
    assert warning.path.endswith("russia-2024-03.txt")
    assert "put a blank line between paragraphs" in warning.message


def test_headings_in_every_layout():
    assert is_heading("North Korea") and is_heading("The 2020 US presidential election")
    assert not is_heading("Optimism prevails.") and not is_heading("a\nb")
