"""tables: the fast builders give exactly what pandas gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis.tables import concat_frames, repeated_strs, strs

VALUES = st.lists(st.one_of(st.text(), st.none(), st.integers()), max_size=20)


@given(VALUES)
def test_strs_is_pandas_str_array(values):
    pd.testing.assert_series_equal(pd.Series(strs(values)), pd.Series(pd.array(values, dtype="str")))


@given(VALUES.flatmap(lambda v: st.tuples(st.just(v), st.lists(
    st.integers(0, 3), min_size=len(v), max_size=len(v)))))
def test_repeated_strs_is_the_repeats_as_a_str_array(case):
    values, counts = case
    counts = np.array(counts, dtype=np.int64)
    expected = pd.array(np.repeat(np.array(values, dtype=object), counts), dtype="str")
    pd.testing.assert_series_equal(pd.Series(repeated_strs(values, counts)), pd.Series(expected))


def test_concat_frames_is_pd_concat_in_one_chunk():
    parts = [pd.DataFrame({"a": pd.array(["x", None], dtype="str"), "n": [1, 2]}),
             pd.DataFrame({"a": pd.array(["y"], dtype="str"), "n": [3]})]
    expected = pd.concat(parts, ignore_index=True)
    result = concat_frames(list(parts))
    pd.testing.assert_frame_equal(result, expected)
    assert result["a"].array.__arrow_array__().num_chunks == 1
    assert expected["a"].array.__arrow_array__().num_chunks == 2
