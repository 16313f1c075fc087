"""KWIC patterns (issue 13): literal unless a regular expression is asked for; a pattern that
cannot match is a PatternError (a usage error of the command line), never a crash."""

import pytest
from corpus_fixture import build_corpus

from analysis.measure.kwic import PatternError, check_pattern, kwic

A, B = "russia-2021-11", "russia-2024-03"


@pytest.fixture
def corpus():
    return build_corpus()


@pytest.mark.parametrize("pattern", ["(", "*", "?", "...", "  ", "[]", "—"])
def test_a_pattern_without_words_is_a_pattern_error(corpus, pattern):
    with pytest.raises(PatternError, match="no word to match"):
        kwic(corpus, pattern)


@pytest.mark.parametrize("pattern", ["trade*", "(trade)", "trade.", "[trade]", "^trade$", "TRADE?"])
def test_special_characters_are_literal(corpus, pattern):
    assert kwic(corpus, pattern).equals(kwic(corpus, "trade"))


def test_a_regular_expression_matches_in_the_entry_text(corpus):
    got = kwic(corpus, r"tra\w+", regex=True, window=2)
    words = kwic(corpus, "trade", window=2)
    assert got.equals(words)  # the same lines as the word: "trade" is the only tra... word
    texts = corpus.entries.set_index("entry_id")["text"]
    assert all(texts[e][s:t] == m for e, s, t, m in
               zip(got["entry_id"], got["start"], got["end"], got["match"], strict=True))


def test_a_regular_expression_may_match_inside_words_and_across_them(corpus):
    got = kwic(corpus, r"seeks\s+tr", regex=True, window=1)
    assert got["match"].tolist() == ["seeks tr"]
    # the context completes the word the match ends in, then gives `window` words
    assert (got["left"].iloc[0], got["right"].iloc[0]) == ("Japan", "ade with")
    inside = kwic(corpus, "ade", regex=True, window=0)
    assert set(inside["match"]) == {"ade"} and len(inside) == len(kwic(corpus, "trade"))


def test_regular_expressions_that_cannot_be_used(corpus):
    for pattern, words in [("(", "invalid regular expression"), ("*", "nothing to repeat"),
                           ("x*", "matches empty text"), ("|", "matches empty text")]:
        with pytest.raises(PatternError, match=words):
            kwic(corpus, pattern, regex=True)
    with pytest.raises(ValueError, match="exclude each other"):
        kwic(corpus, "Japan", actor=True, regex=True)


def test_check_pattern_gives_the_words_or_the_expression():
    assert check_pattern("Japan’s  U.S.-ally (new)") == ["japan", "u.s.", "ally", "new"]
    assert check_pattern("a+b", regex=True).pattern == "a+b"
