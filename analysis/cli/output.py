"""What the commands print: a table as aligned text, CSV or JSON."""

from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime

__all__ = ["emit"]

_TABLE_TEXT_WIDTH = 60


def _jsonable(value):
    import pandas as pd

    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return value


def emit(table, fmt: str, stream=None) -> None:
    """Print a DataFrame as ``table`` (aligned text), ``csv`` or ``json`` (a list of objects)."""
    import pandas as pd

    stream = stream or sys.stdout
    if fmt == "json":
        records = [{k: _jsonable(v) for k, v in row.items()} for row in table.to_dict("records")]
        json.dump(records, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    shown = table.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, (list, tuple))).any():
            shown[column] = shown[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        shown.to_csv(stream, index=False, lineterminator="\n")
        return
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, str) and len(v) > _TABLE_TEXT_WIDTH).any():
            shown[column] = shown[column].map(
                lambda v: v[: _TABLE_TEXT_WIDTH - 1] + "…" if isinstance(v, str) and len(v) > _TABLE_TEXT_WIDTH else v
            )
    shown = shown.astype(object).where(shown.notna(), "")  # None, NaN, NaT: an empty cell
    stream.write(shown.to_string(index=False) + "\n")
