"""The block-by-block passes of analysis.measure.token_spans against the one-pass code they replaced
(written out here): the same span for every token, the same order check, whatever the block."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measure import token_spans


def old_covering(tokens, spans):
    out = np.full(len(tokens), -1, dtype=np.int64)
    if not len(tokens) or not len(spans):
        return out
    codes, uniques = pd.factorize(tokens["entry_id"])
    span_code = pd.Index(uniques).get_indexer(spans["entry_id"])
    shift = np.int64(1) << 32
    key = codes.astype(np.int64) * shift + tokens["start"].to_numpy(dtype=np.int64)
    found = span_code >= 0
    if not found.any():  # (the old code failed here: no span in the tokens' entries)
        return out
    span_key = (span_code[found].astype(np.int64) * shift
                + spans["start"].to_numpy(dtype=np.int64)[found])
    span_end = spans["end"].to_numpy(dtype=np.int64)[found]
    label = spans.index.to_numpy()[found]
    rank = np.argsort(span_key, kind="stable")
    span_key, span_end, label = span_key[rank], span_end[rank], label[rank]
    j = np.searchsorted(span_key, key, side="right") - 1
    hit = j >= 0
    jj = np.where(hit, j, 0)
    inside = hit & ((span_key[jj] // shift) == codes) & (
        tokens["end"].to_numpy(dtype=np.int64) <= span_end[jj])
    out[inside] = label[jj[inside]].astype(np.int64)
    return out


ENTRY = st.sampled_from(["e1", "e2", "e3", "x"])
TOKENS = st.lists(st.tuples(ENTRY, st.integers(0, 30), st.integers(1, 4)), max_size=40)
SPANS = st.lists(st.tuples(ENTRY, st.integers(0, 30), st.integers(0, 6)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(TOKENS, SPANS, st.integers(1, 5), st.booleans())
def test_covering_equals_old(tokens, spans, block, ordered):
    if ordered:
        tokens = sorted(tokens)
    t = pd.DataFrame([(e, s, s + n) for e, s, n in tokens], columns=["entry_id", "start", "end"])
    t = t.astype({"entry_id": "str", "start": "int64", "end": "int64"})
    sp = pd.DataFrame([(e, s, s + n) for e, s, n in spans], columns=["entry_id", "start", "end"])
    sp = sp.astype({"entry_id": "str", "start": "int64", "end": "int64"})
    want = old_covering(t, sp)
    saved = token_spans.BLOCK
    try:
        token_spans.BLOCK = block
        got = token_spans.covering(t, sp)
    finally:
        token_spans.BLOCK = saved
    assert got.tolist() == want.tolist()


def test_covering_values():
    t = pd.DataFrame({"entry_id": ["a", "a", "a", "b"], "start": [0, 4, 10, 0],
                      "end": [3, 9, 12, 5]}).astype({"entry_id": "str"})
    spans = pd.DataFrame({"entry_id": ["a", "b"], "start": [4, 0], "end": [12, 4]},
                         index=[7, 8]).astype({"entry_id": "str"})
    assert token_spans.covering(t, spans).tolist() == [-1, 7, 7, -1]  # b's token ends after its span


@pytest.mark.parametrize("block", [1, 2, 3, 1 << 20])
def test_in_order(block, monkeypatch):
    monkeypatch.setattr(token_spans, "BLOCK", block)
    assert token_spans.in_token_order(np.array([0, 0, 0, 1, 1, 2]), np.array([0, 1, 2, 0, 1, 0]))
    assert not token_spans.in_token_order(np.array([0, 0, 1, 0]), np.array([0, 1, 0, 2]))  # entry again
    assert not token_spans.in_token_order(np.array([0, 0, 0, 1]), np.array([0, 1, 3, 0]))  # token skipped
    assert token_spans.in_token_order(np.array([5]), np.array([9]))


WORDS = st.lists(st.sampled_from(["the", "2024", "12a", "٣", "Kim", "kim", "", "42"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.booleans())
def test_words_equal_every_token(words, missing):
    token = pd.Series(words + ([None] if missing else []), dtype="str")
    by_word = token_spans.Words(token)
    assert by_word.isin({"kim", "42"}).tolist() == token.isin(["kim", "42"]).tolist()
    if not missing:  # (a missing token has no match to give)
        assert by_word.fullmatch(r"\d+").tolist() == token.str.fullmatch(r"\d+").tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["kim", "42", "war", "7", "١٢", "Kim"]), max_size=30))
def test_words_of_a_categorical_are_those_of_its_strings(words):
    """Tokens dictionary-encoded (a corpus's tokens table) give the answers of the same words
    as strings: the tests are made on the categories, in their order, not the words met."""
    token = pd.Series(words, dtype="str")
    coded = token.astype(pd.CategoricalDtype(sorted(set(words) | {"zz"})))
    plain, by_code = token_spans.Words(token), token_spans.Words(coded)
    assert by_code.isin({"kim", "42"}).tolist() == plain.isin({"kim", "42"}).tolist()
    assert by_code.fullmatch(r"\d+").tolist() == plain.fullmatch(r"\d+").tolist()


def test_words_values():
    by_word = token_spans.Words(pd.Series(["2024", "war", "2024", "٣"], dtype="str"))
    assert by_word.fullmatch(r"\d+").tolist() == [True, False, True, True]
    assert by_word.isin(["war"]).tolist() == [False, True, False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=40), st.lists(st.integers(-2, 45), max_size=60),
       st.booleans())
def test_last_at_or_before_is_searchsorted(spans, keys, ordered):
    spans = np.sort(np.array(spans, dtype=np.int64))
    keys = np.array(sorted(keys) if ordered else keys, dtype=np.int64)
    want = np.searchsorted(spans, keys, side="right") - 1
    assert token_spans.last_at_or_before(spans, keys).tolist() == want.tolist()


def test_last_at_or_before_values():
    spans = np.array([2, 2, 5], dtype=np.int64)
    assert token_spans.last_at_or_before(spans, np.array([0, 2, 3, 5, 9])).tolist() == [-1, 1, 1, 2, 2]
    assert token_spans.last_at_or_before(spans, np.array([3, 1])).tolist() == [1, -1]  # unsorted
