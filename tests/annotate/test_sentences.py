"""Sentence splitting: Punkt with shipped abbreviations, paragraph breaks, the sentences table."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.annotate.sentences import SENTENCE_COLUMNS, abbreviations, sentences, split_sentences
from analysis.corpus import load_corpus


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about it. Next one.",
         ["In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about it.", "Next one."]),
        ("In Mezhdunarodnaya Gazeta, No. 10, a statement appeared. It was upbeat.",
         ["In Mezhdunarodnaya Gazeta, No. 10, a statement appeared.", "It was upbeat."]),
        ("The U.S. and Mr. Smith met in St. Petersburg, e.g. at Dr. Ivanov's, i.e. at home. Done.",
         ["The U.S. and Mr. Smith met in St. Petersburg, e.g. at Dr. Ivanov's, i.e. at home.",
          "Done."]),
        ("Trade fell by 3 percent in 2020. Rising oil prices are key.",
         ["Trade fell by 3 percent in 2020.", "Rising oil prices are key."]),
        ("It was exported to the U.S. The rest went to China.",
         ["It was exported to the U.S.", "The rest went to China."]),
        ("Where did this originate? Something may have come from Ukraine, but the rest?",
         ["Where did this originate?", "Something may have come from Ukraine, but the rest?"]),
        ("the concept, “modernization of the Chinese type.” Tracing it back",
         ["the concept, “modernization of the Chinese type.”", "Tracing it back"]),
    ],
)
def test_split_hard_cases(text, expected):
    assert split(text) == expected


def test_paragraph_breaks_always_end_a_sentence():
    text = "First paragraph without a period\n\nSecond paragraph. Third one?  \n \n  Fourth"
    assert split(text) == ["First paragraph without a period", "Second paragraph.", "Third one?",
                           "Fourth"]
    assert split("  \n\n ") == []
    assert split("") == []


def test_shipped_abbreviations():
    assert {"no", "u.s", "mr", "st", "e.g", "i.e", "dr", "etc"} <= abbreviations()
    assert set("abcdefghijklmnopqrstuvwxyz") <= abbreviations()


def entries_of(*texts: str, report_id: str = "r-2024-01") -> pd.DataFrame:
    return pd.DataFrame({
        "entry_id": [f"{report_id}-e{i:02d}" for i in range(len(texts))],
        "report_id": report_id,
        "text": list(texts),
    })


def test_sentences_table_exact():
    entries = entries_of("Japan’s view. The U.S. agreed.\n\nNo. 2 follows", "")
    before = entries.copy()
    table = sentences(entries)
    assert list(table.columns) == SENTENCE_COLUMNS
    assert table.to_dict("list") == {
        "report_id": ["r-2024-01"] * 3,
        "entry_id": ["r-2024-01-e00"] * 3,
        "sentence_idx": [0, 1, 2],
        "text": ["Japan’s view.", "The U.S. agreed.", "No. 2 follows"],
        "start": [0, 14, 32],
        "end": [13, 30, 45],
    }
    assert table["start"].dtype == "int64" and table["sentence_idx"].dtype == "int64"
    pd.testing.assert_frame_equal(entries, before)


def test_empty_entries_give_an_empty_table_with_columns():
    table = sentences(entries_of())
    assert list(table.columns) == SENTENCE_COLUMNS and len(table) == 0
    assert table["start"].dtype == "int64"


def test_missing_column_is_named():
    with pytest.raises(KeyError, match="text"):
        sentences(pd.DataFrame({"entry_id": ["a"], "report_id": ["r"]}))


@pytest.fixture(scope="module")
def sample_entries(samples_dir) -> pd.DataFrame:
    return load_corpus(samples_dir, annotate=False).entries


@pytest.fixture(scope="module")
def sample_sentences(sample_entries) -> pd.DataFrame:
    return sentences(sample_entries)


def test_samples_text_is_the_entry_slice(sample_entries, sample_sentences):
    texts = dict(zip(sample_entries["entry_id"], sample_entries["text"], strict=True))
    for row in sample_sentences.itertuples():
        assert texts[row.entry_id][row.start:row.end] == row.text
    for _, group in sample_sentences.groupby("entry_id"):
        assert group["sentence_idx"].tolist() == list(range(len(group)))
        assert (group["start"].iloc[1:].to_numpy() >= group["end"].iloc[:-1].to_numpy()).all()


def test_no_sample_sentence_ends_at_an_abbreviation_or_initial(sample_sentences):
    ends_badly = []
    for text in sample_sentences["text"]:
        last = re.search(r"(\S+)\.[”\"’)]*$", text)
        word = last.group(1).lstrip("(“\"").casefold() if last else ""
        if word in abbreviations() or re.fullmatch(r"[^\W\d_]", word):
            ends_badly.append(text)
    assert ends_badly == []
    assert len(sample_sentences) > 350


@pytest.mark.parametrize(
    "sentence",
    [
        ("In MEiMO, no. 1, Olga N. Borokh and Alexandr V. Lomanov wrote about the evolution of the "
         "concept, “modernization of the Chinese type.”"),
        ("In Mezhdunarodnaya Gazeta, No. 10, an upbeat statement about the future of Greater "
         "Eurasia was presented without much qualifications."),
        ("The US is the aggressor against China, e.g., using territorial disputes and drawing "
         "China’s neighbors, including India, into a web of military entanglements."),
    ],
)
def test_samples_keep_abbreviations_inside_sentences(sample_sentences, sentence):
    assert sentence in set(sample_sentences["text"])


def test_split_of_a_report_does_not_depend_on_other_reports(sample_entries, sample_sentences):
    for report_id, entries in sample_entries.groupby("report_id"):
        alone = sentences(entries)
        together = sample_sentences[sample_sentences["report_id"] == report_id]
        pd.testing.assert_frame_equal(alone, together.reset_index(drop=True))
