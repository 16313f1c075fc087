"""Reading report files: encodings, line ends, title and file-name fallback, boilerplate."""

import hashlib
import shutil
from pathlib import Path

import pytest

from analysis.read.reports import ReportError, parse_title, read_report, read_reports, slug

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
BODY = "Overview of the period.\n\nIn Kommersant on February 6, Nataliya Portyakova noted things.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_samples_are_the_seeds_byte_for_byte():
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds not beside the repository")
    for name, seed in [("russia-2024-03.txt", "000_1e9452f34a6bd9af.txt"),
                       ("russia-2021-11.txt", "002_358e362b7364e0b6.txt")]:
        assert (ROOT / "reports_raw" / name).read_bytes() == (SEEDS / seed).read_bytes()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Country Report: Russia (March 2024)", ("Russia", "2024-03")),
        ("  Country Report:  North Korea ( Sept. 2019 )  ", ("North Korea", "2019-09")),
        ("country report: Japan (jan 2020)", ("Japan", "2020-01")),
        ("Now Reading Country Report: Russia (March 2024)", None),
        ("Russia in March 2024", None),
    ],
)
def test_parse_title(line, expected):
    assert parse_title(line) == expected


def test_impossible_month_is_an_error():
    with pytest.raises(ValueError, match="Smarch"):
        parse_title("Country Report: Russia (Smarch 2024)")


def test_title_gives_country_period_and_id(tmp_path):
    path = write(tmp_path, "anything.txt", ("Country Report: North Korea (May 2022)\n\n" + BODY).encode())
    report = read_report(path)
    assert (report.report_id, report.country, report.period) == ("north-korea-2022-05", "North Korea", "2022-05")
    assert report.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        ("Country Report: Russia (March 2024)\n\n" + BODY).encode("utf-8"),
        ("\ufeffCountry Report: Russia (March 2024)\n\n" + BODY).encode("utf-8"),  # BOM
        ("Country Report: Russia (March 2024)\n\n" + BODY).replace("\n", "\r\n").encode("utf-8"),  # CRLF
        ("\ufeffCountry Report: Russia (March 2024)\r\n\r\n" + BODY.replace("\n", "\r\n")).encode("utf-8"),
    ],
    ids=["utf8", "bom", "crlf", "bom+crlf"],
)
def test_encodings_and_line_ends_read_alike(tmp_path, data):
    report = read_report(write(tmp_path, "r.txt", data))
    assert report.report_id == "russia-2024-03"
    texts = [text for _, text in report.lines if text]
    assert texts == ["Overview of the period.", "In Kommersant on February 6, Nataliya Portyakova noted things."]


def test_file_name_fallback(tmp_path):
    report = read_report(write(tmp_path, "south-korea-2023-07.txt", BODY.encode()))
    assert (report.report_id, report.country, report.period) == ("south-korea-2023-07", "South Korea", "2023-07")


def test_no_title_and_uninformative_name_fails_naming_the_file(tmp_path):
    path = write(tmp_path, "notes.txt", BODY.encode())
    with pytest.raises(ReportError) as info:
        read_report(path)
    assert "notes.txt" in str(info.value) and "rename the file to <country>-<yyyy>-<mm>.txt" in str(info.value)


def test_boilerplate_lines_become_blank(tmp_path):
    text = (
        "Country Report: Russia (March 2024)\nBy : Gilbert Rozman\nEMAIL\nFacebook Twitter LinkedIn\n\n"
        + BODY + "\nRead full article at https://example.org/x\nNow Reading Country Report: Russia (March 2024)\n"
    )
    report = read_report(write(tmp_path, "r.txt", text.encode()))
    kept = [text for _, text in report.lines if text]
    assert kept == ["Overview of the period.", "In Kommersant on February 6, Nataliya Portyakova noted things."]
    # line numbers are those of the file
    assert {t: n for n, t in report.lines if t}["Overview of the period."] == 6


def test_read_reports_keeps_good_files_when_one_is_bad(tmp_path):
    shutil.copy(ROOT / "reports_raw" / "russia-2024-03.txt", tmp_path)
    write(tmp_path, "notes.txt", BODY.encode())
    write(tmp_path, "empty.txt", b"")
    reports, problems = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["russia-2024-03"]
    assert sorted(Path(p.path).name for p in problems) == ["empty.txt", "notes.txt"]
    assert all(p.severity == "error" for p in problems)


def test_duplicate_country_and_period_keeps_the_first(tmp_path):
    shutil.copy(ROOT / "reports_raw" / "russia-2024-03.txt", tmp_path / "a.txt")
    shutil.copy(ROOT / "reports_raw" / "russia-2024-03.txt", tmp_path / "b.txt")
    reports, problems = read_reports(tmp_path)
    assert [Path(r.path).name for r in reports] == ["a.txt"]
    assert "a.txt" in problems[0].message and problems[0].path.endswith("b.txt")


def test_slug():
    assert slug("North Korea") == "north-korea"
    assert slug("Côte d’Ivoire") == "cote-divoire"  # apostrophes are dropped


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Country Report: South Korea (May-June 2022)", ("South Korea", "2022-06")),
        ("Country Report: Japan (September – October, 2015)", ("Japan", "2015-10")),
        ("Country Report: China (December 2019–January 2020)", ("China", "2020-01")),
        ("Country Report: Japan (April 2018 with Focus on Korea)", ("Japan", "2018-04")),
        ("Country Report: China (Winter 2020-2021)", ("China", "2021-02")),
        ("Country Report: Russia (March 2024) – Part 2", ("Russia", "2024-03")),
    ],
)
def test_titles_as_published(line, expected):
    assert parse_title(line) == expected


def test_a_year_outside_1900_2100_is_a_problem_of_that_report(tmp_path):
    path = write(tmp_path, "typo.txt", ("Country Report: Russia (March 2924)\n\n" + BODY).encode())
    with pytest.raises(ReportError, match=r"typo.txt:1: year 2924 .* outside 1900-2100"):
        read_report(path)
    write(tmp_path, "russia-2024-03.txt", ("Country Report: Russia (March 2024)\n\n" + BODY).encode())
    reports, problems = read_reports(tmp_path)
    assert [r.report_id for r in reports] == ["russia-2024-03"]
    assert [(p.path.endswith("typo.txt"), p.line, p.severity) for p in problems] == [
        (True, 1, "error")]


def test_page_furniture_of_the_site_is_removed_and_said(tmp_path):
    text = ("Country Reports\n\nCountry Report: Japan (May 2022)\n\nEMAIL\n\n" + BODY
            + "\nfacebook share twitter share google+ share\n")
    report = read_report(write(tmp_path, "j.txt", text.encode()))
    assert report.report_id == "japan-2022-05"
    assert [(line, role, text) for line, role, _, text in report.removed] == [
        (1, "boilerplate", "Country Reports"), (3, "title", "Country Report: Japan (May 2022)"),
        (5, "boilerplate", "EMAIL"),
        (11, "boilerplate", "facebook share twitter share google+ share")]
    assert all(not line.strip() or "EMAIL" not in line for _, line in report.lines)


def test_a_page_copied_whole_from_the_browser(tmp_path):
    """Select all, copy, paste: the site's menu before the title, share buttons and related
    links after the text; each paragraph on its own line."""
    from layouts_fixture import blocks, comparable

    from analysis.read.entries import read_entries

    sample = ROOT / "reports_raw" / "russia-2024-03.txt"
    parts = blocks(sample.read_text(encoding="utf-8"))
    menu = ["The Asan Forum", "Home", "Special Forum", "Open Forum", "Country Reports", "About"]
    foot = ["Share this:", "Twitter", "Facebook", "Related Articles",
            "Country Report: Japan (March 2024)", "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "© 2024 The Asan Forum. All rights reserved."]
    path = write(tmp_path, "copied.txt", "\n".join(
        [*menu, parts[0], "By : Gilbert Rozman", "EMAIL", *parts[1:], *foot]).encode())
    report = read_report(path)
    assert (report.report_id, report.layout) == ("russia-2024-03", "one-per-line")
    removed = {text: why for _, _, why, text in report.removed}
    assert removed["Special Forum"].startswith("page furniture before the title")
    assert all(text in removed for text in foot)
    assert comparable(read_entries([report])[0]) == comparable(
        read_entries([read_report(sample)])[0])


def test_text_before_the_title_is_no_menu(tmp_path):
    # a sentence before the title: the title is not looked for after it
    path = write(tmp_path, "notes.txt", ("A note to self about this report.\n\n"
                                         "Country Report: Russia (March 2024)\n\n" + BODY).encode())
    with pytest.raises(ReportError, match="no title line"):
        read_report(path)
