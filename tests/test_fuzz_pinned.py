"""Examples found by the property tests of ``tests/test_fuzz.py`` (issue 13), pinned.

Two were real faults of other stages (a crash of the attribution reader on a lowercase month,
and an issue column whose dtype depended on the other reports), now fixed; the examples stay
as plain tests.
"""

from __future__ import annotations

import pytest
from test_fuzz import GOOD, _load, check_corpus, tables_of, values

from analysis.read.attribution import read_opening
from analysis.read.reports import ReportError, read_report


def corpus_of(tmp_path, data: bytes, name: str = "zz-fuzzed.txt"):
    (tmp_path / "japan-2022-05.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    corpus = _load(tmp_path)
    check_corpus(corpus)
    return corpus


#: Openings that crashed the attribution reader: a lowercase month ("may", "jan") read as a verb
#: put the outlet after the verb, outside the clause's parts, where ``_subject_only`` looked it
#: up (``c.parts.index(outlet)``: ValueError), which cost every report of the folder.
CRASHING = ["A jan 1 editorial in Kommersant wrote China.",
            "A may 1 editorial in Kommersant wrote China.",
            " on 31 jan for Yomiuri said: x",
            "A jan 32 editorial in RIA noted   !"]


@pytest.mark.parametrize("opening", CRASHING)
def test_an_opening_with_a_lowercase_month_is_read_without_a_crash(opening):
    reading = read_opening(opening)  # raised ValueError before the fix
    assert reading.attribution is None or reading.attribution.outlet in ("Kommersant", "Yomiuri",
                                                                         "RIA Novosti")


def test_a_crashing_opening_costs_no_other_report(tmp_path):
    data = f"Country Report: Russia (January 2000)\n\n{CRASHING[0]}\n".encode()
    corpus = corpus_of(tmp_path, data)
    assert "japan-2022-05" in set(corpus.reports["report_id"])


def test_the_dtypes_of_a_report_do_not_depend_on_the_others(tmp_path):
    alone = _load(_folder(tmp_path / "alone"))
    other = b"Country Report: Russia (May 2022)\n\nIn MEiMO, no. 3, Ivan Petrov wrote that.\n"
    beside = corpus_of(_folder(tmp_path / "beside"), other)
    for name, table in tables_of(alone, "japan-2022-05").items():
        mine = tables_of(beside, "japan-2022-05")[name]
        assert values(mine) == values(table), name
        assert mine.dtypes.to_dict() == table.dtypes.to_dict(), name


def _folder(path):
    path.mkdir()
    (path / "japan-2022-05.txt").write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize(("title", "words"), [
    ("Country Report: Russia (March 2924)", "year 2924"),
    ("Country Report: Russia (March 1899)", "year 1899"),
    ("Country Report: Russia (March 2101)", "year 2101"),
    ("Country Report: Russia (March 10000)", "no year"),
    ("Country Report: Russia (Smarch 2024)", "unknown month 'Smarch'"),
    ("Country Report:  (Smarch 10000): part 2", "unknown month 'Smarch'"),
    ("Country Report: Russia ()", "unknown month"),
])
def test_titles_that_name_no_period_are_an_error_of_line_1(tmp_path, title, words):
    path = tmp_path / "report.txt"
    path.write_text(f"{title}\n\nIn Kommersant on May 6, Ivan Petrov wrote.\n", encoding="utf-8")
    with pytest.raises(ReportError, match=rf"report.txt:1: .*{words}"):
        read_report(path)


def test_impossible_dates_and_far_years_inside_a_report(tmp_path):
    data = ("Country Report: Russia (February 30, 2024)\n\n"
            "In Kommersant on February 30, Ivan Petrov wrote that China and Japan met.\n\n"
            "In Izvestiya on March 3, 2924, Olga Borokh noted the DPRK\u2028line break.\n").encode()
    corpus = corpus_of(tmp_path, data)
    entries = corpus.entries.set_index("entry_id")
    assert entries.at["russia-2024-02-e01", "outlet"] == "Kommersant"
    assert entries["pub_date"].isna()["russia-2024-02-e01"]  # no February 30
    assert entries.at["russia-2024-02-e02", "authors"] == ["Olga Borokh"]


@pytest.mark.parametrize("data", [
    b"Country Report: Japan (May 2022)\r\rIn Kommersant on May 6, Ivan Petrov wrote.\r",
    b"Country Report: Russia (May 2022)\n\nIn Kommersant on May 6, Ivan Pe",  # truncated
    b"Country Report: Russia (May 2022)\n\n" + b"x" * 70_000 + b"\x00 a NUL late\n",
    "\ufeffCountry Report: Russia (May 2022)\n\n\ufeffIn Kommersant on May 6, I. Petrov wrote."
    .encode(),
    "Country Report: Russia (May 2022)\n\n\u202eIn Kommersant on May 6, Petrov wrote\x0b\x1c."
    .encode(),
    ("Country Report: Russia (May 2022)\n\n" + "In Kommersant on May 6, Petrov wrote.\n\n" * 3)
    .encode("cp1252"),
])
def test_odd_files_beside_a_good_one(tmp_path, data):
    corpus = corpus_of(tmp_path, data)
    assert "japan-2022-05" in set(corpus.reports["report_id"])
