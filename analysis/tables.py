"""Small helpers that every stage uses on its tables: deterministic dtypes and column checks."""

from __future__ import annotations

import pandas as pd

__all__ = ["in_order", "require_columns", "typed"]


def typed(table: pd.DataFrame, *, ints=(), strs=(), floats=(), bools=()) -> pd.DataFrame:
    """``table`` with deterministic dtypes: int64, pandas' string type, float64, bool."""
    dtypes = {c: "int64" for c in ints} | {c: str for c in strs}
    dtypes |= {c: "float64" for c in floats} | {c: "bool" for c in bools}
    return table.astype(dtypes)


def in_order(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """``table.sort_values(by, kind="stable", ignore_index=True)``, without sorting when the rows
    are in that order already (as the annotators make them): checking costs a fraction of
    sorting text columns."""
    try:
        keys = list(zip(*(table[c].tolist() for c in by)))
        if all(a <= b for a, b in zip(keys, keys[1:])):
            return table.reset_index(drop=True)
    except TypeError:  # missing values or mixed types: let pandas order them
        pass
    return table.sort_values(by, kind="stable", ignore_index=True)


def require_columns(table: pd.DataFrame, columns: list[str]) -> None:
    """Raise KeyError naming the missing columns (and those the table has)."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"the table lacks column(s) {missing}; it has {list(table.columns)}")
