"""Segmenting rules: overview, headings, entries with continuation paragraphs, section gaps."""

from analysis.read.reports import Report
from analysis.read.segment import is_heading, paragraphs, segment, segmentation


def make_report(text: str) -> Report:
    lines = tuple((n, line) for n, line in enumerate(text.split("\n"), start=2))
    return Report("russia-2024-03", "Russia", "2024-03", "t", "r.txt", "0" * 64, lines)


TEXT = """Overview one.
Overview one, second line.

Overview two.

Greater Eurasia

In Kommersant on February 6, Nataliya Portyakova noted A.

Continuation of A.

On June 5, 2019 Russia and China declared a new epoch.


Vzgliad on September 29 welcomed B.

North Korea

Andrei Lankov on October 28 for the Valdai Club wrote C."""


def test_paragraphs_keep_line_numbers_and_gaps():
    paras = paragraphs(make_report(TEXT))
    assert [(p.line, p.gap) for p in paras][:4] == [(2, 0), (5, 1), (7, 1), (9, 1)]
    assert paras[0].text == "Overview one.\nOverview one, second line."
    assert [p.gap for p in paras if p.text.startswith("Vzgliad")] == [2]


def test_segment_structure():
    segs = segment(make_report(TEXT))
    assert [(s.kind, s.section, s.line) for s in segs] == [
        ("overview", None, 2),
        ("entry", "Greater Eurasia", 9),
        ("entry", None, 16),  # two blank lines end the section
        ("entry", "North Korea", 20),
    ]
    assert segs[0].text == "Overview one.\nOverview one, second line.\n\nOverview two."
    # an event-date paragraph continues the entry; it does not start one
    assert segs[1].text.endswith("Continuation of A.\n\nOn June 5, 2019 Russia and China declared a new epoch.")


def test_text_after_heading_without_attribution_is_kept():
    segs = segment(make_report("Overview.\n\nJapan\n\nSome unattributed paragraph about Japan."))
    # kept (never lost), as unattributed text that no measure counts as a publication
    assert [(s.kind, s.section, s.attribution) for s in segs] == [
        ("overview", None, None), ("unattributed", "Japan", None)]


def test_is_heading():
    assert is_heading("North Korea") and is_heading("Greater Eurasia") and is_heading("Russia-India Relations")
    assert not is_heading("Optimism prevails.")
    assert not is_heading("this is lower case")
    assert not is_heading("One two three four five six seven")


def test_every_paragraph_has_a_role_and_a_reason():
    _, roles = segmentation(make_report(TEXT))
    assert [(r.paragraph.line, r.role) for r in roles] == [
        (2, "overview"), (5, "overview"), (7, "heading"), (9, "entry"), (11, "continuation"),
        (13, "continuation"), (16, "entry"), (18, "heading"), (20, "entry")]
    assert [r.segment for r in roles] == [0, 0, None, 1, 1, 1, 2, None, 3]
    assert "outlet 'Kommersant', date 'February 6', authors Nataliya Portyakova" in roles[3].reason
    assert all(r.reason for r in roles) and not any(r.doubt for r in roles)


def test_a_continuation_that_looks_like_an_attribution_is_a_doubt():
    text = ("Overview.\n\nIn Kommersant on February 6, Nataliya Portyakova noted A.\n\n"
            "Ivan Petrov on March 3 wrote that the talks had failed.")
    segs, roles = segmentation(make_report(text))
    assert [s.kind for s in segs] == ["overview", "entry"]  # kept in its entry
    assert roles[-1].role == "continuation" and "Ivan Petrov" in roles[-1].doubt


def test_longer_headings_need_a_capital_after_the_first_word():
    assert is_heading("The 2020 US presidential election and Sino–US relations")
    assert is_heading("Sino-Russian Relations and the “Turn to the East”")
    assert is_heading("53rd Security Consultative Meeting")
    assert not is_heading("the talks went on and on for a very long time")
