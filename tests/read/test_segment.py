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
    text = ("Overview.\n\nIn Kommersant on February 6, Nataliya Portyakova noted a shift.\n\n"
            "Ivan Petrov on March 3 wrote that the talks had failed.")
    segs, roles = segmentation(make_report(text))
    assert [s.kind for s in segs] == ["overview", "entry"]  # kept in its entry
    assert roles[-1].role == "continuation" and "Ivan Petrov" in roles[-1].doubt


def test_longer_headings_need_a_capital_after_the_first_word():
    assert is_heading("The 2020 US presidential election and Sino–US relations")
    assert is_heading("Sino-Russian Relations and the “Turn to the East”")
    assert is_heading("53rd Security Consultative Meeting")
    assert not is_heading("the talks went on and on for a very long time")


def test_an_opening_that_refers_back_takes_the_outlet_before():
    text = ("Overview.\n\nIn Kommersant on February 6, Nataliya Portyakova noted a shift.\n\n"
            "The same paper carried a rebuttal by Ivan Petrov on February 9, who doubted it.\n\n"
            "Portyakova returned to the theme on February 20, arguing the opposite.\n\n"
            "The same article went on to argue the case.")
    segs = segment(make_report(text))
    assert [(s.kind, s.attribution and (s.attribution.outlet, s.attribution.day,
                                        s.attribution.authors)) for s in segs] == [
        ("overview", None), ("entry", ("Kommersant", 6, ("Nataliya Portyakova",))),
        ("entry", ("Kommersant", 9, ("Ivan Petrov",))),
        ("entry", ("Kommersant", 20, ("Portyakova",)))]
    assert segs[-1].text.endswith("The same article went on to argue the case.")  # that article
    assert "of the entry before" in segs[2].attribution.evidence


def test_an_opening_that_refers_back_with_no_entry_before_is_no_entry():
    segs = segment(make_report("Overview.\n\nJapan\n\nThe same paper carried a rebuttal by "
                               "Ivan Petrov on February 9."))
    assert [s.kind for s in segs] == ["overview", "unattributed"]


def test_a_speech_after_an_entry_is_kept_apart():
    text = ("Overview.\n\nIn Kommersant on February 6, Nataliya Portyakova noted a shift.\n\n"
            "She added B.\n\nAt his annual press conference on December 14, Putin said that "
            "relations with China were at their best.\n\nHe also spoke of Japan.\n\n"
            "In Izvestiya on May 12, Ivan Petrov wrote C.")
    segs = segment(make_report(text))
    assert [(s.kind, s.text.split(".")[0]) for s in segs] == [
        ("overview", "Overview"),
        ("entry", "In Kommersant on February 6, Nataliya Portyakova noted a shift"),
        ("unattributed", ("At his annual press conference on December 14, Putin said that "
                          "relations with China were at their best")),
        ("entry", "In Izvestiya on May 12, Ivan Petrov wrote C")]
    assert segs[1].text.endswith("She added B.")
    assert segs[2].text.endswith("He also spoke of Japan.")


def test_glued_entries_are_reported(tmp_path):
    from analysis.read.entries import read_entries
    from analysis.read.reports import read_report

    short = "In Izvestiya on May {d}, Ivan Petrov wrote that " + "the talks went on. " * 30
    long = "In Kommersant on May 2, Nataliya Portyakova noted that " + "words go on. " * 400
    body = "\n\n".join([short.format(d=d) for d in (3, 4, 5)] + [long])
    path = tmp_path / "russia-2024-05.txt"
    path.write_text("Country Report: Russia (May 2024)\n\n" + body, encoding="utf-8")
    problems = read_entries([read_report(path)])[2]
    assert [(p.line, p.severity) for p in problems] == [(9, "warning")]
    assert "russia-2024-05-e04 has 1,209 words" in problems[0].message
    assert "times the report's median entry" in problems[0].message


def test_the_samples_raise_no_glue(samples_dir):
    from analysis.read.entries import read_entries
    from analysis.read.reports import read_reports

    reports, problems = read_reports(samples_dir)
    assert problems == [] and read_entries(reports)[2] == []
