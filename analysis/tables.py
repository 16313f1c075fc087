"""Small helpers that every stage uses on its tables: deterministic dtypes and column checks,
dictionary-encoded id columns (pandas ``category``) and their plain values at a measure's
boundary (:func:`plain`, :func:`plain_result`)."""

from __future__ import annotations

import functools
from itertools import pairwise

import pandas as pd

__all__ = ["arrow_strs", "categorical", "concat_frames", "in_order", "kept", "plain", "plain_result", "repeated_categorical", "repeated_strs",
           "require_columns", "strs", "typed", "typed_rows"]


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


def arrow_strs(values) -> pd.api.extensions.ExtensionArray:
    """A pyarrow string array (``string`` or ``large_string``) as a pandas ``str`` array."""
    import pyarrow as pa

    return _str_array(values.cast(pa.large_string()))


def repeated_categorical(values: list, counts) -> pd.Categorical:
    """Each of ``values`` (strings, or None for missing) repeated ``counts`` times (an integer
    array), as a Categorical with the distinct values in code-point order as categories."""
    import numpy as np

    distinct = sorted({v for v in values if v is not None})
    code = {v: k for k, v in enumerate(distinct)}
    codes = np.array([code.get(v, -1) for v in values], dtype=np.int32)
    categories = pd.Index(strs(distinct)) if distinct else pd.Index([], dtype="str")
    return pd.Categorical.from_codes(np.repeat(codes, counts), validate=False,
                                     dtype=pd.CategoricalDtype(categories))


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


def categorical(chunks: list) -> pd.Categorical:
    """Arrow chunks of strings, or of dictionary-encoded strings (each chunk with its own
    dictionary, as the parts of many reports are), as one pandas Categorical of ``str``
    categories: the distinct values present, in code-point order (the order
    ``astype("category")`` gives, so sorting by the column sorts as by its strings).
    Missing values stay missing (code -1)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = pa.dictionary(pa.int32(), pa.large_string())
    coded = []
    for chunk in chunks:
        if not pa.types.is_dictionary(chunk.type):
            chunk = pc.dictionary_encode(chunk.cast(pa.large_string()))
        coded.append(chunk if chunk.type == kind else chunk.cast(kind))
    combined = pa.chunked_array(coded, type=kind).unify_dictionaries().combine_chunks()
    indices = pc.fill_null(combined.indices, -1).to_numpy()
    used = np.bincount(indices[indices >= 0], minlength=len(combined.dictionary)) > 0
    keep = np.flatnonzero(used)
    values = combined.dictionary.take(pa.array(keep))
    order = pc.array_sort_indices(values).to_numpy()
    rank = np.full(len(combined.dictionary), -1, dtype=np.int32)
    rank[keep[order]] = np.arange(len(order), dtype=np.int32)
    codes = np.where(indices >= 0, rank[np.maximum(indices, 0)], -1)
    categories = pd.Index(_str_array(values.take(pa.array(order))))
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories), validate=False)


def kept(corpus, name: str, *default) -> pd.DataFrame:
    """A corpus's table as kept (``Corpus.kept``: sentences without their text, which reading
    ``corpus.sentences`` builds), or the attribute of any other object with the tables (or
    ``default`` when given and it has none)."""
    return corpus.kept(name) if hasattr(corpus, "kept") else getattr(corpus, name, *default)


def plain(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every categorical column (and index level) as its plain values (``str``
    for string categories) and every narrower integer column as int64, rows and everything
    else unchanged: what a measure hands a user, so that ``value_counts``, ``map`` and
    ``groupby`` behave as on strings."""
    if not isinstance(table, pd.DataFrame):
        return table
    columns = [c for c, dtype in table.dtypes.items() if isinstance(dtype, pd.CategoricalDtype)
               or (dtype.kind in "iu" and dtype != "int64" and not isinstance(
                   dtype, pd.api.extensions.ExtensionDtype))]
    index = table.index
    if isinstance(index, pd.MultiIndex):
        if any(isinstance(level.dtype, pd.CategoricalDtype) for level in index.levels):
            index = pd.MultiIndex.from_arrays(
                [_values(index.get_level_values(k)) for k in range(index.nlevels)],
                names=index.names)
    elif isinstance(index.dtype, pd.CategoricalDtype):
        index = pd.Index(_values(index), name=index.name)
    if not columns and index is table.index:
        return table
    out = table.copy(deep=False)
    for column in columns:
        out[column] = _values(table[column])
    out.index = index
    return out


def _values(values):
    """A categorical Series or Index as its values, in the categories' own dtype; a narrower
    NumPy integer as int64."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.astype(values.dtype.categories.dtype)
    if values.dtype.kind in "iu" and not isinstance(values.dtype, pd.api.extensions.ExtensionDtype):
        return values.astype("int64")
    return values


def plain_result(measure):
    """Decorate a measure: its result tables (a DataFrame, or a tuple or dict of them) come
    back :func:`plain`, whatever the dtypes of the corpus tables it read."""
    @functools.wraps(measure)
    def wrapper(*args, **kwargs):
        result = measure(*args, **kwargs)
        if isinstance(result, tuple):
            items = [plain(r) for r in result]
            return type(result)(*items) if hasattr(result, "_fields") else tuple(items)
        if isinstance(result, dict):
            return {k: plain(v) for k, v in result.items()}
        return plain(result)
    return wrapper


def entry_slices(entries: pd.DataFrame, entry_ids: pd.Series, starts: pd.Series, ends: pd.Series
                 ) -> pd.api.extensions.ExtensionArray:
    """``entry.text[start:end]`` for each row (a ``str`` array): the text of a sentence or of a
    paragraph from its entry's text and its offsets. Missing where the entry is not in
    ``entries`` or ``start`` is negative. Rows of one entry that follow each other share one
    look-up of its text, so a table in entry order costs one string slice a row."""
    import numpy as np

    index = pd.Index(entries["entry_id"])
    if isinstance(entry_ids.dtype, pd.CategoricalDtype):
        where = index.get_indexer(entry_ids.cat.categories)
        codes = entry_ids.cat.codes.to_numpy()
        pos = np.where(codes >= 0, where[np.maximum(codes, 0)], -1)
    else:
        pos = index.get_indexer(entry_ids)
    text_at = _texts(entries["text"])
    lo, hi = starts.to_numpy().tolist(), ends.to_numpy().tolist()
    out: list = [None] * len(pos)
    bounds = [0, *(np.flatnonzero(np.diff(pos)) + 1).tolist(), len(pos)] if len(pos) else [0]
    for a, b in pairwise(bounds):
        text = text_at(int(pos[a])) if pos[a] >= 0 else None
        if isinstance(text, str):
            out[a:b] = [text[s:e] if s >= 0 else None for s, e in zip(lo[a:b], hi[a:b], strict=True)]
    return strs(out)


def _texts(column: pd.Series):
    """``k -> column.iloc[k]`` for texts, through Arrow for an Arrow-backed column (no Python
    copy of the other texts)."""
    from pandas.arrays import ArrowStringArray

    values = column.array
    if isinstance(values, ArrowStringArray):
        import pyarrow as pa

        arrow = pa.chunked_array(values.__arrow_array__()).combine_chunks()
        return lambda k: arrow[k].as_py()
    return lambda k: column.iloc[k]
