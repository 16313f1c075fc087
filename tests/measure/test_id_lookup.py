"""analysis.measure.id_lookup: each function gives what the pandas call it replaces gives, on
pyarrow strings and on other columns alike."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measure.id_lookup import isin, positions

IDS = st.lists(st.sampled_from(["a", "b", "c-1", "d", "", "é", "zz"]), max_size=30)


def test_isin_values():
    s = pd.Series(["a", "b", None, "c", "a"], dtype="str")
    assert isin(s, {"a", "c"}).tolist() == [True, False, False, True, True]
    assert isin(s, []).tolist() == [False] * 5
    assert isin(s, {"x": 1}.keys()).tolist() == [False] * 5
    assert isin(pd.Series([1, 2, 3]), [2]).tolist() == [False, True, False]  # not strings
    assert isin(pd.Index(["a", "q"], dtype="str"), ["q"]).tolist() == [False, True]


@settings(max_examples=200, deadline=None)
@given(IDS, IDS, st.sampled_from(["str", object]))
def test_isin_is_pandas_isin(values, wanted, dtype):
    s = pd.Series(values, dtype=dtype)
    got = isin(s, set(wanted))
    assert got.dtype == bool
    assert got.tolist() == s.isin(wanted).tolist()


@settings(max_examples=200, deadline=None)
@given(IDS, IDS, st.sampled_from(["str", object]))
def test_positions_is_get_indexer(uniques, values, dtype):
    uniques = pd.Index(list(dict.fromkeys(uniques)), dtype=dtype)
    values = pd.Series(values, dtype=dtype)
    got = positions(uniques, values)
    assert got.dtype == np.int64
    assert got.tolist() == uniques.get_indexer(values).tolist()


def test_positions_values():
    got = positions(pd.Index(["x", "y"], dtype="str"), pd.Series(["y", "q", "x"], dtype="str"))
    assert got.tolist() == [1, -1, 0]
