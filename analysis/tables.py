"""Small helpers that every stage uses on its tables: deterministic dtypes and column checks."""

from __future__ import annotations

from itertools import pairwise

import pandas as pd

__all__ = ["concat_frames", "in_order", "repeated_strs", "require_columns", "strs", "typed", "typed_rows"]


def typed(table: pd.DataFrame, *, ints=(), strs=(), floats=(), bools=()) -> pd.DataFrame:
    """``table`` with deterministic dtypes: int64, pandas' string type, float64, bool."""
    return table.astype(_dtypes(ints, strs, floats, bools))


def _dtypes(ints, strs, floats, bools) -> dict[str, str]:
    """Column -> dtype name of :func:`typed` and :func:`typed_rows`."""
    dtypes = {c: "int64" for c in ints} | {c: "str" for c in strs}
    return dtypes | {c: "float64" for c in floats} | {c: "bool" for c in bools}


def typed_rows(rows: list[tuple], columns: list[str], *, ints=(), strs=(), floats=(), bools=()
               ) -> pd.DataFrame:
    """``typed(pd.DataFrame(rows, columns=columns), ...)``, built column by column (four times
    faster on the small tables of one report); columns in none of the lists stay objects."""
    kinds = _dtypes(ints, strs, floats, bools)
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame({c: pd.array(list(v), dtype=kinds.get(c, object))
                         for c, v in zip(columns, values, strict=True)}, columns=columns)


def in_order(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """``table.sort_values(by, kind="stable", ignore_index=True)``, without sorting when the rows
    are in that order already (as the annotators make them): checking costs a fraction of
    sorting text columns."""
    try:
        keys = list(zip(*(table[c].tolist() for c in by)))
        if all(a <= b for a, b in pairwise(keys)):
            return table.reset_index(drop=True)
    except TypeError:  # missing values or mixed types: let pandas order them
        pass
    return table.sort_values(by, kind="stable", ignore_index=True)


def concat_frames(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """``pd.concat(tables, ignore_index=True)`` with each Arrow-backed string column in one chunk
    (``pd.concat`` leaves it in a chunk per table, and taking rows of a column in many chunks
    costs pyarrow a concatenation of the whole column each time). Values and dtypes are
    pandas'. ``tables`` is emptied, and each column's chunks are let go as soon as it is
    combined, so memory rises by one column at most when the list held the only references."""
    import pyarrow as pa
    from pandas.arrays import ArrowStringArray

    out = pd.concat(tables, ignore_index=True)
    tables.clear()
    for name in out.columns:
        values = out[name].array
        if isinstance(values, ArrowStringArray):
            combined = pa.chunked_array(values.__arrow_array__()).combine_chunks()
            out[name] = pd.Series(_str_array(combined, values.dtype), index=out.index)
        del values
    return out


def strs(values: list) -> pd.api.extensions.ExtensionArray:
    """``pd.array(values, dtype="str")``, built by pyarrow in one pass when every value is a
    ``str`` (pandas checks and converts element by element: three times slower)."""
    import pyarrow as pa

    try:
        return _str_array(pa.array(values, type=pa.large_string()))
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # missing or non-string values: pandas' way
        return pd.array(values, dtype="str")


def repeated_strs(values: list, counts) -> pd.api.extensions.ExtensionArray:
    """:func:`strs` of each of ``values`` repeated ``counts`` times (an integer array), taken by
    pyarrow from the distinct values instead of converting every repeat."""
    import numpy as np
    import pyarrow as pa

    index = np.repeat(np.arange(len(values), dtype=np.int64), counts)
    try:
        distinct = pa.array(values, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.array(np.array(values, dtype=object)[index], dtype="str")
    return _str_array(distinct.take(pa.array(index)))


def _str_array(values, dtype: pd.StringDtype | None = None) -> pd.api.extensions.ExtensionArray:
    """A pyarrow ``large_string`` array as a pandas string array of ``dtype`` (default
    pandas' ``str``), in one chunk, without a copy."""
    import pyarrow as pa
    from pandas.arrays import ArrowStringArray

    return ArrowStringArray(pa.chunked_array([values]),
                            dtype=dtype if dtype is not None else pd.StringDtype(na_value=float("nan")))


def require_columns(table: pd.DataFrame, columns: list[str]) -> None:
    """Raise KeyError naming the missing columns (and those the table has)."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"the table lacks column(s) {missing}; it has {list(table.columns)}")
