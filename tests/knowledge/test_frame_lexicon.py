"""Frames: the shipped lexicon, term matching through the tokenizer, user files, the table."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis.annotate.mentions import FRAME_COLUMNS, frames, mentions
from analysis.annotate.sentences import sentences
from analysis.knowledge.frame_lexicon import load_frames

FRAMES = ["security", "economy", "diplomacy", "ideology", "sanctions", "history"]


def entries_of(text: str) -> pd.DataFrame:
    return pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": [text]})


def hits(text: str, *, lexicon=None, with_mentions=False) -> list[tuple[str, str]]:
    entries = entries_of(text)
    sents = sentences(entries)
    found = mentions(sents, entries) if with_mentions else None
    table = frames(sents, entries, lexicon=lexicon, mentions=found)
    return list(zip(table["frame"], table["term"], strict=True))


def test_shipped_lexicon_has_the_six_frames_and_loads_cleanly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lexicon = load_frames()
    assert list(lexicon.frames) == FRAMES
    assert lexicon.labels["ideology"] == "ideology, governance and development model"
    assert "sanction*" in lexicon.terms("sanctions")
    assert load_frames() is lexicon and lexicon.matcher is lexicon.matcher


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanctions and sanctioned banks.", [("sanctions", "Sanctions"), ("sanctions", "sanctioned"),
                                             ("economy", "banks")]),
        ("Energy security and food security matter.",
         [("economy", "Energy security"), ("economy", "food security")]),
        ("National security and a nuclear test.",
         [("security", "National security"), ("security", "nuclear test")]),
        ("An investigation of frozen fish.", [("economy", "fish")]),
        ("The Cold War and the trade war.", [("history", "Cold War"), ("economy", "trade war")]),
        ("They liberalize the visa regime.", []),
        ("socialism with Chinese characteristics", [("ideology", "socialism"),
                                                    ("ideology", "Chinese characteristics")]),
        ("Artificial intelligence and intelligence services.",
         [("economy", "Artificial intelligence"), ("security", "intelligence")]),
    ],
)
def test_terms(text, expected):
    assert hits(text) == expected


def test_words_inside_actor_names_do_not_count_when_mentions_are_given():
    text = "The Security Council and the Shanghai Cooperation Organization discussed security."
    assert hits(text) == [("security", "Security"), ("diplomacy", "Cooperation"),
                          ("security", "security")]
    assert hits(text, with_mentions=True) == [("security", "security")]
    # a term that merely contains an actor's name still counts
    assert hits("the China Dream", with_mentions=True) == [("ideology", "China Dream")]


def test_table_exact_and_typed():
    entries = entries_of("Trade grew. Then came sanctions.")
    table = frames(sentences(entries), entries)
    assert list(table.columns) == FRAME_COLUMNS
    assert table.to_dict("list") == {
        "report_id": ["r", "r"], "entry_id": ["r-e01", "r-e01"], "sentence_idx": [0, 1],
        "frame": ["economy", "sanctions"], "term": ["Trade", "sanctions"],
        "start": [0, 22], "end": [5, 31],
    }
    assert table["start"].dtype == "int64"
    empty = frames(sentences(entries.iloc[:0]), entries)
    assert list(empty.columns) == FRAME_COLUMNS and len(empty) == 0


def write(tmp_path, body: str):
    path = tmp_path / "frames.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_user_file_extends_replaces_and_adds(tmp_path):
    path = write(tmp_path, """
[frames.economy]
terms = ["ruble zone"]

[frames.history]
terms = ["memory"]
replace = true

[frames.health]
label = "health and pandemic"
terms = ["pandemic*", "vaccin*"]
""")
    lexicon = load_frames(path)
    assert list(lexicon.frames) == [*FRAMES, "health"]
    text = "The ruble zone, the Cold War memory, the pandemic and vaccines."
    assert hits(text, lexicon=lexicon) == [
        ("economy", "ruble zone"), ("security", "War"), ("history", "memory"),
        ("health", "pandemic"), ("health", "vaccines"),
    ]
    alone = load_frames(path, extend=False)
    assert list(alone.frames) == ["economy", "history", "health"]


def test_warns_at_load_about_terms_that_cannot_match(tmp_path):
    path = write(tmp_path, '[frames.economy]\nterms = ["$$$", "R&D"]\n')
    with pytest.warns(UserWarning) as record:
        load_frames(path)
    messages = [str(w.message) for w in record]
    assert any("'$$$'" in m and "'economy'" in m and "never match" in m for m in messages)
    assert any("'R&D'" in m and "'&'" in m for m in messages)


def test_malformed_file_is_named(tmp_path):
    path = write(tmp_path, '[frames.economy]\nwords = ["trade"]\n')
    with pytest.raises(ValueError, match="frames.toml"):
        load_frames(path)
