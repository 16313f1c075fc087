"""Outlets: finding spellings by their first character gives what the one big pattern gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.knowledge.outlets import outlets

OUTLETS = outlets()
_PIECES = [*sorted(OUTLETS.spellings)[::7], "the", "The", "in", "'", "’s", "'s", "-", ".", "x",
           "A", "Mr.", "(", ")", "of", "kommersant", "KOMMERSANT", "Asahi's", "Nikkei-", "3"]


def _one_pattern(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), OUTLETS.canonical(m.group()))
            for m in OUTLETS.pattern.finditer(text)
            if m.group()[0].isupper() or m.group()[0].isdigit()]


@given(st.lists(st.sampled_from(_PIECES), max_size=10), st.sampled_from([" ", "", "  ", "\n", "'"]))
@settings(max_examples=800, deadline=None, derandomize=True)
def test_find_equals_the_one_pattern(pieces, sep):
    text = sep.join(pieces)
    for variant in (text, text.lower(), text.upper()):
        assert OUTLETS.find(variant) == _one_pattern(variant)


def test_find_on_a_real_opening():
    text = "In Kommersant on February 6, Nataliya Portyakova noted that Nezavisimaya Gazeta ..."
    assert [c for _, _, c in OUTLETS.find(text)] == ["Kommersant", "Nezavisimaya Gazeta"]
    assert OUTLETS.find("in kommersant") == []  # lower case: not an outlet


@given(st.lists(st.sampled_from(_PIECES), max_size=10), st.integers(0, 120))
@settings(max_examples=300, deadline=None, derandomize=True)
def test_find_with_stop_is_find_cut_at_stop(pieces, stop):
    text = " ".join(pieces)
    assert OUTLETS.find(text, stop=stop) == [m for m in OUTLETS.find(text) if m[0] < stop]
