"""Property-based tests (issue 13): random and mutated reports never cost the others.

Reports are built from the parts a real one has (a title, an overview, headings, entries opened
by attributions, continuations), then mutated: paragraphs shuffled, duplicated, truncated, odd
Unicode and control characters inserted, very long paragraphs and lines, impossible dates
("February 30"), years far in the past or future, titles with extra words, bytes that are not
UTF-8. Whatever comes out,

* reading one file raises nothing but :class:`ReportError`, and reading a folder nothing at all;
* every content paragraph lands in exactly one entry, and an entry's text is its paragraphs;
* sentence, token and mention offsets slice the entry text;
* the tables of a good report beside a bad one are those it has alone.

Hypothesis runs a bounded number of examples, derandomized (the same every run), so the module
stays within about a minute. The examples it found are pinned in ``tests/test_fuzz_pinned.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.annotate.sentences import split_sentences
from analysis.corpus import load_corpus
from analysis.read.reports import ReportError, read_report, read_reports
from analysis.text.tokenize import _tokenizer, _word_spans, tokenize

FAST = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
CORPUS = settings(FAST, max_examples=200)

#: A good report, read beside every generated one.
GOOD = """Country Report: Japan (May 2022)

An overview of the month: China and North Korea were on everyone's mind.

Security

In Kommersant on May 6, Nataliya Portyakova noted that Japan's course changed. Tokyo sought allies.

She added that the U.S. would help. Kim Jong-un was not amused.

In Izvestiya on May 12, Ivan Petrov wrote that Beijing and Moscow drew closer.
"""
CONTENT_ROLES = ("overview", "entry", "continuation", "unattributed")

# --- the parts of a report ------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ODD_MONTHS = ["Sept.", "jan", "Smarch", "Winter", "Fall", "Febuary", "13"]
MONTH = st.one_of(st.sampled_from(MONTHS), st.sampled_from(MONTHS), st.sampled_from(ODD_MONTHS))
YEARS = st.one_of(st.integers(2000, 2030), st.integers(2000, 2030),
                  st.sampled_from([1, 999, 1899, 1900, 2100, 2101, 2924, 9999, 10000]))
OUTLETS = ["Kommersant", "Izvestiya", "Valdai Club", "Nezavisimaya Gazeta", "MEiMO", "Chuo Koron",
           "Rossiiskaya Gazeta", "Vzgliad", "Yomiuri", "an unknown outlet", "RIA"]
AUTHORS = ["Ivan Petrov", "Olga N. Borokh", "Moon Chung-in", "Kitaoka Shinichi", "A. Lukin", ""]
VERBS = ["wrote", "noted", "argued", "said", "observed", "carried an article", "claimed"]
ODD = ["\u200b", "\u200f", "\u202e", "\ufeff", "\u0301", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c",
       "\x85", "\x7f", "\x01", "\t", "\r", "\x00", "😀", "👍🏽", "Ω", "ﬁ", "𝔘", "Ⅻ", "«", "»", "“",
       "’", "–", "—", "…", "U.S.", "no.", "Mr.", "e.g.", "?!", "((", "*", "\\", "$1", "%s", "{0}"]

#: Words: mostly letters, now and then digits, punctuation or any printable character.
VOCABULARY = ["China", "Japan", "Beijing", "the", "DPRK", "talks", "U.S.", "Kim Jong-un", "said",
              "Security Council", "sanctions", "war", "Moscow", "and", "of", "a", "Japan’s", "new",
              "Tokyo", "Xi", "Pyongyang", "relations", "in", "on", "no.", "St.", "Mr.", "India"]
words = st.one_of(
    st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY), st.sampled_from(VOCABULARY),
    st.text(st.characters(categories=("L",)), min_size=1, max_size=10),
    st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=0, max_size=10),
)
sentence = st.builds(
    lambda ws, end: " ".join(ws) + end,
    st.lists(words, min_size=1, max_size=12),
    st.sampled_from([".", "?", "!", "", "...", ".”", ")."]))
text = st.builds(" ".join, st.lists(sentence, min_size=1, max_size=4))


@st.composite
def date(draw) -> str:
    month = draw(MONTH)
    day = draw(st.sampled_from(["1", "6", "30", "31", "0", "32", "99", "29"]))
    shape = draw(st.sampled_from(["{m} {d}", "{d} {m}", "{m} {d}, {y}", "the {m} {d}"]))
    return shape.format(m=month, d=day, y=draw(YEARS))


@st.composite
def attribution(draw) -> str:
    shape = draw(st.sampled_from([
        "In {o} on {date}, {a} {v} that {t}",
        "{a} on {date} for {o} {v}: {t}",
        "In {o}, no. {n}, {a} {v} {t}",
        "A {date} editorial in {o} {v} {t}",
        "Speaking to {o} on {date}, {a} {v} {t}",
        "{a} ({o}, no. {n}) {v} {t}",
        "In {o} ({date}), {t}",
    ]))
    return shape.format(o=draw(st.sampled_from(OUTLETS)), a=draw(st.sampled_from(AUTHORS)),
                        v=draw(st.sampled_from(VERBS)), t=draw(text), date=draw(date()),
                        n=draw(st.integers(-1, 99999)))


@st.composite
def title(draw) -> str:
    if draw(st.integers(0, 9)) < 5:  # half the titles are plain
        return f"Country Report: {draw(st.sampled_from(['Russia', 'Japan']))} " \
               f"({draw(st.sampled_from(MONTHS))} {draw(st.integers(2000, 2030))})"
    inside = draw(st.one_of(st.just("{m} {y}"), st.sampled_from([
        "{m} {y}", "{m}-{m2} {y}", "{m} – {m2}, {y}", "{m} {y} with Focus on Korea",
        "{m} {y}–{m2} {y2}", "Special Issue {m} {y}", "{m}", "{y}", "", "{m} 30 {y}",
        "February 30, {y}", "{m} {y} {y2}",
    ]))).format(m=draw(MONTH), m2=draw(MONTH), y=draw(YEARS), y2=draw(YEARS))
    country = draw(st.sampled_from(["Russia", "North Korea", "Japan", "Russia", "Côte d’Ivoire",
                                    "", "X" * 300, "Korea (South)"]))
    extra = draw(st.sampled_from(["", " (draft)", " and more words", ": part 2"]))
    return f"Country Report: {country} ({inside}){extra}"


paragraph = st.one_of(text, attribution(), attribution(), st.sampled_from(
    ["Security", "Economy and Energy", "North Korea", "1. Relations", "EMAIL", "Country Reports"]))


@st.composite
def report(draw) -> bytes:
    """A report's bytes: parts put together, then mutated."""
    paras = [draw(title()), *draw(st.lists(paragraph, min_size=0, max_size=10))]
    for _ in range(draw(st.integers(0, 3))):
        op = draw(st.sampled_from(["shuffle", "duplicate", "odd", "long", "longline", "drop",
                                   "truncate", "join"]))
        if op == "shuffle":
            paras = draw(st.permutations(paras))
        elif op == "duplicate" and paras:
            paras.insert(draw(st.integers(0, len(paras))), draw(st.sampled_from(paras)))
        elif op == "odd" and paras:
            i = draw(st.integers(0, len(paras) - 1))
            k = draw(st.integers(0, len(paras[i])))
            paras[i] = paras[i][:k] + draw(st.sampled_from(ODD)) + paras[i][k:]
        elif op == "long":
            paras.append(" ".join([draw(text)] * draw(st.integers(20, 200))))
        elif op == "longline":
            paras.append("x" * draw(st.integers(1000, 200_000)))
        elif op == "drop" and paras:
            paras.pop(draw(st.integers(0, len(paras) - 1)))
        elif op == "truncate" and paras:
            whole = "\n\n".join(paras)
            paras = [whole[:draw(st.integers(0, len(whole)))]]
        elif op == "join" and len(paras) > 1:
            paras = ["\n".join(paras)]
    sep = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n \n", "\n\n\n\n"]))
    body = sep.join(paras)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "cp1252", "latin-1"]))
    return body.encode(encoding, errors="replace")


# --- the properties ----------------------------------------------------------------------------------


def _load(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder, cache=False, jobs=1)


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The good report's corpus, read alone."""
    folder = tmp_path_factory.mktemp("good")
    (folder / "japan-2022-05.txt").write_text(GOOD, encoding="utf-8")
    return _load(folder)


def tables_of(corpus, report_id: str) -> dict[str, pd.DataFrame]:
    """The rows of one report in each table; a categorical column with the categories those rows
    use (the corpus's categories are every report's values, so they depend on the others)."""
    out = {}
    for name in ("entries", "paragraphs", "sentences", "tokens", "mentions", "frames"):
        table = getattr(corpus, name)
        mine = table[table["report_id"] == report_id].reset_index(drop=True)
        for column in mine.columns:  # a dictionary-encoded column keeps the corpus's categories
            if isinstance(mine[column].dtype, pd.CategoricalDtype):
                mine[column] = mine[column].cat.remove_unused_categories()
        out[name] = mine
    return out


def values(table: pd.DataFrame) -> list[dict]:
    """The rows of a table as plain values, every kind of missing value as None."""
    return [{k: None if not isinstance(v, list) and pd.isna(v) else v for k, v in row.items()}
            for row in table.astype(object).to_dict("records")]


def check_corpus(corpus) -> None:
    """Every invariant of the tables of a corpus."""
    assert corpus.entries["entry_id"].is_unique
    entries = corpus.entries.set_index("entry_id")
    paragraphs = corpus.paragraphs
    content = paragraphs[paragraphs["role"].isin(CONTENT_ROLES)]
    assert content["entry_id"].notna().all()
    assert content["entry_id"].isin(entries.index).all()
    for entry_id, own in content.sort_values("paragraph").groupby("entry_id", sort=False):
        assert entries.at[entry_id, "text"] == "\n\n".join(own["text"]), entry_id
    others = paragraphs[~paragraphs["role"].isin(CONTENT_ROLES)]
    assert others["entry_id"].isna().all()
    assert set(corpus.entries["entry_id"]) <= set(content["entry_id"])  # no entry without text
    texts = entries["text"]
    for name, column in (("sentences", "text"), ("mentions", "alias"), ("frames", "term")):
        table = getattr(corpus, name)
        for entry_id, start, end, value in zip(table["entry_id"], table["start"], table["end"],
                                               table[column], strict=True):
            assert 0 <= start < end <= len(texts[entry_id]), (name, entry_id, start, end)
            assert texts[entry_id][start:end] == value, (name, entry_id)
    tokens = corpus.tokens
    for entry_id, start, end in zip(tokens["entry_id"], tokens["start"], tokens["end"], strict=True):
        assert 0 <= start < end <= len(texts[entry_id])


@CORPUS
@given(data=report())
def test_a_bad_report_costs_no_other(data, tmp_path_factory, alone):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "japan-2022-05.txt").write_text(GOOD, encoding="utf-8")
    (folder / "zz-fuzzed.txt").write_bytes(data)
    corpus = _load(folder)
    check_corpus(corpus)
    mine = tables_of(corpus, "japan-2022-05")
    for name, table in tables_of(alone, "japan-2022-05").items():
        pd.testing.assert_frame_equal(mine[name], table, obj=name)  # values and dtypes
    if "zz-fuzzed.txt" not in set(corpus.reports["path"].map(lambda p: Path(p).name)):
        assert corpus.problems["path"].str.endswith("zz-fuzzed.txt").any()  # said why


@FAST
@given(data=st.one_of(report(), st.binary(max_size=2000)))
def test_reading_raises_only_report_error(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("read")
    path = folder / "fuzzed.txt"
    path.write_bytes(data)
    try:
        result = read_report(path)
    except ReportError as exc:
        assert str(path) in str(exc)
    else:
        assert result.lines is not None and 1900 <= int(result.period[:4]) <= 2100
    reports, problems = read_reports(folder)
    assert len(reports) + sum(p.severity == "error" for p in problems) == 1


def _runs_shorter_than(text: str, n: int) -> bool:
    return all(len(run) < n for run in text.split())  # str.split: any whitespace


any_text = st.text(st.one_of(st.characters(codec="utf-8", exclude_categories=("Cs",)),
                             st.sampled_from([" ", "\n", ".", "'", "’", "s"])), max_size=400)


@FAST
@given(text=any_text, size=st.integers(2, 60))
def test_tokenizing_in_pieces_changes_nothing(text, size):
    whole = [m.span() for m in _tokenizer().finditer(text)]
    pieces = _word_spans(text, size)
    if _runs_shorter_than(text, size // 2):
        assert pieces == whole
    assert all(0 <= a < b <= len(text) for a, b in pieces)
    assert pieces == sorted(pieces)
    assert [(t.start, t.end) for t in tokenize(text)] == [
        (a, b - 2 if b - a > 2 and text[a:b].endswith(("'s", "’s", "'S", "’S")) else b)
        for a, b in whole]


@FAST
@given(text=st.one_of(any_text, st.builds("\n\n".join, st.lists(text, max_size=5))))
def test_sentences_slice_and_cover_the_text(text):
    spans = split_sentences(text)
    assert spans == sorted(spans)
    covered = set()
    for k, (a, b) in enumerate(spans):
        assert 0 <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert k + 1 == len(spans) or b <= spans[k + 1][0]
        covered.update(range(a, b))
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
