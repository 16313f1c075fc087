"""corpus_totals counts a corpus once per options (compare and keyness both need it) and counts
again when a table of the corpus is replaced."""

from __future__ import annotations

import dataclasses

import pandas as pd
from corpus_fixture import build_corpus, samples

from analysis.measure import terms


def test_counted_once_per_corpus_and_options(monkeypatch):
    corpus = samples()
    first = terms.corpus_totals(corpus)
    assert (first["world"], len(first), first.sum()) == (32, 1942, 3729)  # the samples
    assert first.index.is_monotonic_increasing

    def uncounted(*args, **kwargs):
        raise AssertionError("counted again")

    with monkeypatch.context() as m:
        m.setattr(terms, "_units", uncounted)
        again = terms.corpus_totals(corpus)
    pd.testing.assert_series_equal(again, first)
    again.iloc[:] = 0  # each call has its own copy
    pd.testing.assert_series_equal(terms.corpus_totals(corpus), first)
    stemmed = terms.corpus_totals(corpus, stem=True)  # other options: counted
    assert not stemmed.index.equals(first.index)


def test_a_replaced_table_or_another_corpus_is_counted_again():
    corpus = samples()
    whole = terms.corpus_totals(corpus)
    fewer = dataclasses.replace(corpus, entries=corpus.entries.iloc[:5].copy(),
                                tokens=corpus.tokens)  # another corpus, fewer entries in scope
    assert terms.corpus_totals(fewer).sum() < whole.sum()
    shown = build_corpus()  # a SimpleNamespace (no weak reference): counted every time
    pd.testing.assert_series_equal(terms.corpus_totals(shown), terms.corpus_totals(shown))
