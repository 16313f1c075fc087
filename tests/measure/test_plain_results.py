"""The measures at their boundary: the corpus tables hold dictionary-encoded ids (pandas
``category``) and int32 offsets, and every result a user sees is plain (``str`` and int64
columns) and is the very table the measure gives on a corpus of plain tables: same values,
dtypes and row order, so ``value_counts``, ``map`` and ``groupby`` behave as on strings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import analysis as a
from analysis.corpus import Corpus, load_corpus
from analysis.tables import plain

SAMPLES = Path(__file__).resolve().parents[2] / "reports_raw"
BASE, TARGET = "russia-2021-11", "russia-2024-03"
ACTORS = ["China", "North Korea", "Japan"]

MEASURES = {
    "attention": lambda c: a.attention(c),
    "attention_period": lambda c: a.attention(c, by="period", actors=ACTORS),
    "dispersion": lambda c: a.dispersion(c, actors=ACTORS),
    "tone": lambda c: a.tone(c),
    "tone_masked": lambda c: a.tone(c, column="tone_masked"),
    "tone_change": lambda c: a.tone_change(c, baseline=BASE, target=TARGET),
    "keyness": lambda c: a.keyness(c, target=TARGET, baseline=BASE),
    "keyness_actor": lambda c: a.keyness(c, target=TARGET, baseline=BASE, actor="China"),
    "keyness_by": lambda c: a.keyness_by(c, top_n=10),
    "kwic_actor": lambda c: a.kwic(c, "China", actor=True),
    "kwic_word": lambda c: a.kwic(c, "relations", window=4),
    "kwic_regex": lambda c: a.kwic(c, r"sanction\w*", regex=True),
    "cooccurrence": lambda c: a.cooccurrence(c),
    "frame_shares": lambda c: a.frame_shares(c, actors=ACTORS),
    "outlets": lambda c: a.outlets(c),
    "authors": lambda c: a.authors(c),
    "source_actors": lambda c: a.source_actors(c, actors=ACTORS),
    "compare": lambda c: a.compare(c, baseline=BASE, target=TARGET, actors=ACTORS),
    "evidence": lambda c: a.evidence(c, baseline=BASE, target=TARGET, actor="China"),
}


@pytest.fixture(scope="module")
def corpora() -> tuple[Corpus, Corpus]:
    lean = load_corpus(SAMPLES, cache=False, jobs=1)
    tables = {name: plain(getattr(lean, name)) for name in
              ("reports", "entries", "sentences", "tokens", "mentions", "frames", "problems",
               "paragraphs")}
    return lean, Corpus(**tables, knowledge=lean.knowledge)


def test_the_corpus_tables_are_dictionary_encoded(corpora):
    lean, plain_corpus = corpora
    for name, columns in {"sentences": ["report_id", "entry_id"],
                          "mentions": ["report_id", "entry_id", "actor", "alias"],
                          "frames": ["report_id", "entry_id", "frame", "term"],
                          "tokens": ["report_id", "entry_id", "token"]}.items():
        table = getattr(lean, name)
        assert all(isinstance(table[c].dtype, pd.CategoricalDtype) for c in columns), name
        assert table["start"].dtype == "int32" and table["sentence_idx"].dtype == "int32", name
        assert list(table[columns[1]].cat.categories) == sorted(set(table[columns[1]]))
        assert plain_corpus.__dict__[name] is not None


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_a_result_is_plain_and_equals_the_result_on_plain_tables(corpora, name):
    lean, plain_corpus = corpora
    result, expected = MEASURES[name](lean), MEASURES[name](plain_corpus)
    results = result if isinstance(result, tuple) else (result,)
    for table in results:
        dtypes = [*table.dtypes, *getattr(table.index, "dtypes", [table.index.dtype])]
        assert not any(isinstance(d, pd.CategoricalDtype) for d in dtypes), name
        assert not any(getattr(d, "kind", "") in "iu" and d != "int64" for d in dtypes), name
    if isinstance(result, tuple):
        for got, want in zip(result, expected, strict=True):
            pd.testing.assert_frame_equal(got, want, check_exact=True)
    else:
        pd.testing.assert_frame_equal(result, expected, check_exact=True)


def test_counting_a_result_counts_only_what_is_there(corpora):
    """``value_counts`` of a categorical column lists every category, also those filtered
    out; a result's columns are strings, so only the values present are counted."""
    lean, _ = corpora
    china = a.kwic(lean, "China", actor=True)
    counts = china["report_id"].value_counts()
    assert (counts > 0).all() and counts.index.dtype == "str"
    shown = a.attention(lean, actors=["China"])
    assert set(shown["actor"].map({"China": "CN"})) == {"CN"}
