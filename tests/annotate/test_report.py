"""annotate(): the four tables of a report, their dtypes, and their agreement with each other."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.annotate.mentions import FRAME_COLUMNS, MENTION_COLUMNS
from analysis.annotate.report import annotate
from analysis.annotate.sentences import SENTENCE_COLUMNS
from analysis.annotate.tokens import TOKEN_COLUMNS
from analysis.corpus import load_corpus
from analysis.text.tokenize import normalize

DTYPES = {
    "sentences": {"sentence_idx": "int64", "start": "int64", "end": "int64", "tone": "float64",
                  "tone_masked": "float64", "text": "str", "entry_id": "str", "report_id": "str"},
    "tokens": {"sentence_idx": "int32", "token_idx": "int32", "start": "int32", "end": "int32",
               "is_stop": "bool", "token": "category", "entry_id": "category",
               "report_id": "category"},
    "mentions": {"sentence_idx": "int64", "start": "int64", "end": "int64", "actor": "str",
                 "alias": "str", "tone": "float64", "p_negative": "float64",
                 "p_neutral": "float64", "p_positive": "float64", "tone_lexicon": "float64"},
    "frames": {"sentence_idx": "int64", "start": "int64", "end": "int64", "frame": "str",
               "term": "str"},
}
COLUMNS = {
    "sentences": [*SENTENCE_COLUMNS, "tone", "tone_masked"],
    "tokens": TOKEN_COLUMNS,
    "mentions": [*MENTION_COLUMNS, "tone", "p_negative", "p_neutral", "p_positive",
                 "tone_lexicon"],
    "frames": FRAME_COLUMNS,
}


def check_schema(tables: dict[str, pd.DataFrame]) -> None:
    assert set(tables) == set(COLUMNS)
    for name, table in tables.items():
        assert list(table.columns) == COLUMNS[name], name
        for column, dtype in DTYPES[name].items():
            assert table[column].dtype == dtype, (name, column, table[column].dtype)


def test_annotate_a_tiny_report_exactly():
    entries = pd.DataFrame({
        "entry_id": ["r-e00", "r-e01"],
        "report_id": ["r", "r"],
        "kind": ["overview", "entry"],
        "text": ["Japan’s trade grew.", "Moscow and Pyongyang agree.\n\nUS sanctions bite"],
    })
    before = entries.copy()
    tables = annotate(entries)
    pd.testing.assert_frame_equal(entries, before)
    check_schema(tables)
    sents = tables["sentences"]
    assert sents[["entry_id", "sentence_idx", "text", "start", "end"]].values.tolist() == [
        ["r-e00", 0, "Japan’s trade grew.", 0, 19],
        ["r-e01", 0, "Moscow and Pyongyang agree.", 0, 27],
        ["r-e01", 1, "US sanctions bite", 29, 46],
    ]
    # agree +1.5 -> 1.5 / sqrt(1.5^2 + 15); Actor-masking leaves it alone
    assert sents["tone"].tolist() == [0.0, 0.3612, 0.0]
    assert sents["tone_masked"].tolist() == [0.0, 0.3612, 0.0]
    toks = tables["tokens"]
    assert toks[toks["entry_id"] == "r-e01"][["sentence_idx", "token_idx", "token", "is_stop"]] \
        .values.tolist() == [
        [0, 0, "moscow", False], [0, 1, "and", True], [0, 2, "pyongyang", False],
        [0, 3, "agree", False], [1, 4, "us", True], [1, 5, "sanctions", False], [1, 6, "bite", False],
    ]
    assert tables["mentions"][["entry_id", "sentence_idx", "actor", "alias", "start", "end"]] \
        .values.tolist() == [
        ["r-e00", 0, "Japan", "Japan", 0, 5],
        ["r-e01", 0, "Russia", "Moscow", 0, 6],
        ["r-e01", 0, "North Korea", "Pyongyang", 11, 20],
        ["r-e01", 1, "United States", "US", 29, 31],
    ]
    # the clause-lexicon score of each mention: "Actor and Actor agree." (+0.3612 for both);
    # "Actor sanctions bite": "sanctions" is -1.5 in the tone lexicon -> -1.5 / sqrt(1.5^2 + 15)
    m = tables["mentions"]
    assert m["tone_lexicon"].round(4).tolist() == [0.0, 0.3612, 0.3612, -0.3612]
    # the model's: the expected score of its class probabilities
    p = m[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert abs(p.sum(axis=1) - 1).max() < 1e-12
    assert (m["tone"] - (m["p_positive"] - m["p_negative"])).abs().max() < 1e-15
    assert tables["frames"][["entry_id", "sentence_idx", "frame", "term"]].values.tolist() == [
        ["r-e00", 0, "economy", "trade"],
        ["r-e01", 1, "sanctions", "sanctions"],
    ]


def test_empty_input_gives_empty_tables_with_columns_and_dtypes():
    entries = pd.DataFrame({"entry_id": pd.Series([], dtype=str), "report_id": pd.Series([], dtype=str),
                            "text": pd.Series([], dtype=str)})
    tables = annotate(entries)
    check_schema(tables)
    assert all(len(t) == 0 for t in tables.values())
    blank = annotate(pd.DataFrame({"entry_id": ["r-e00"], "report_id": ["r"], "text": ["  "]}))
    check_schema(blank)
    assert all(len(t) == 0 for t in blank.values())


def test_user_files_can_be_given_as_paths(tmp_path):
    actors = tmp_path / "actors.toml"
    actors.write_text('[actors."Moscow City"]\naliases = ["Moscow"]\n', encoding="utf-8")
    lexicon = tmp_path / "frames.toml"
    lexicon.write_text('[frames.mood]\nterms = ["agree*"]\n', encoding="utf-8")
    entries = pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": ["Moscow agrees."]})
    tables = annotate(entries, gazetteer=actors, frames_lexicon=lexicon)
    assert tables["mentions"]["actor"].tolist() == ["Moscow City"]
    assert tables["frames"]["frame"].tolist() == ["mood"]


@pytest.fixture(scope="module")
def sample_entries(samples_dir) -> pd.DataFrame:
    return load_corpus(samples_dir, annotate=False).entries


@pytest.fixture(scope="module")
def sample_tables(sample_entries) -> dict[str, pd.DataFrame]:
    """Each report annotated alone, the tables concatenated; a dictionary-encoded column (the
    tokens') encoded again over all the reports, as the engine's parts are joined."""
    parts = [annotate(group) for _, group in sample_entries.groupby("report_id", sort=True)]
    out = {}
    for name in parts[0]:
        table = pd.concat([p[name] for p in parts], ignore_index=True)
        for column, dtype in parts[0][name].dtypes.items():
            if isinstance(dtype, pd.CategoricalDtype):
                table[column] = table[column].astype("category")
        out[name] = table
    return out


def test_per_report_equals_all_at_once_and_is_deterministic(sample_entries, sample_tables):
    check_schema(sample_tables)
    together = annotate(sample_entries)
    for name, table in sample_tables.items():
        pd.testing.assert_frame_equal(table, together[name])
        pd.testing.assert_frame_equal(table, annotate(sample_entries)[name])


def test_sample_tables_agree_with_the_entry_texts(sample_entries, sample_tables):
    texts = dict(zip(sample_entries["entry_id"], sample_entries["text"], strict=True))
    sents = sample_tables["sentences"]
    bounds = {(e, i): (a, b) for e, i, a, b in
              zip(sents["entry_id"], sents["sentence_idx"], sents["start"], sents["end"], strict=True)}
    toks = sample_tables["tokens"]
    for row in toks.itertuples():
        word = texts[row.entry_id][row.start:row.end]
        assert normalize(word) == row.token
        a, b = bounds[(row.entry_id, row.sentence_idx)]
        assert a <= row.start and row.end <= b
    for _, group in toks.groupby("entry_id"):
        assert group["token_idx"].tolist() == list(range(len(group)))
    # every entry's words are counted (n_words of the entries table uses the same tokenizer)
    assert toks.groupby("entry_id").size().to_dict() == dict(
        zip(sample_entries["entry_id"], sample_entries["n_words"], strict=True))
    for name in ("mentions", "frames"):
        column = "alias" if name == "mentions" else "term"
        table = sample_tables[name]
        for entry_id, start, end, written in zip(table["entry_id"], table["start"], table["end"],
                                                 table[column], strict=True):
            assert texts[entry_id][start:end] == written
    assert set(sample_tables["frames"]["frame"]) == {
        "security", "economy", "diplomacy", "ideology", "sanctions", "history"}
    assert sents["tone"].between(-1, 1).all()
    assert (sents["tone"] != sents["tone_masked"]).any()
