"""Small helpers that every stage uses on its tables: deterministic dtypes and column checks."""

from __future__ import annotations

import pandas as pd

__all__ = ["require_columns", "typed"]


def typed(table: pd.DataFrame, *, ints=(), strs=(), floats=(), bools=()) -> pd.DataFrame:
    """``table`` with deterministic dtypes: int64, pandas' string type, float64, bool."""
    dtypes = {c: "int64" for c in ints} | {c: str for c in strs}
    dtypes |= {c: "float64" for c in floats} | {c: "bool" for c in bools}
    return table.astype(dtypes)


def require_columns(table: pd.DataFrame, columns: list[str]) -> None:
    """Raise KeyError naming the missing columns (and those the table has)."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise KeyError(f"the table lacks column(s) {missing}; it has {list(table.columns)}")
