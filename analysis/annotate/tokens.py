"""The tokens table: one row per word token of each entry, with the sentence that holds it."""

from __future__ import annotations

from itertools import pairwise
from operator import attrgetter

import numpy as np
import pandas as pd

from analysis.tables import categorical, repeated_categorical, require_columns
from analysis.text.tokenize import stopwords, tokenize

__all__ = ["TOKEN_COLUMNS", "token_table"]

TOKEN_COLUMNS = ["report_id", "entry_id", "sentence_idx", "token_idx", "token", "start", "end",
                 "is_stop"]
_NORM, _START, _END = attrgetter("norm"), attrgetter("start"), attrgetter("end")


def token_table(sentences: pd.DataFrame, entries: pd.DataFrame, *, sort: bool = True
                ) -> pd.DataFrame:
    """The tokens table: one row per word token of each entry (punctuation dropped).

    Parameters
    ----------
    sentences : the sentences table of ``entries`` (entry_id, sentence_idx, start)
    entries : the entries table (entry_id, report_id, text)

    Returns
    -------
    DataFrame with columns report_id, entry_id, sentence_idx (the sentence holding the token),
    token_idx (0-based within the entry), token (normalized, see :func:`analysis.text.tokenize.tokenize`),
    start, end (offsets into the entry text), is_stop (in the shipped stop-word list); sorted by
    report_id, entry_id, token_idx (``sort=False``: entry by entry in the order of ``entries``).
    report_id, entry_id and token are pandas ``category`` columns (categories in code-point
    order), the integer columns int32.
    """
    require_columns(entries, ["entry_id", "report_id", "text"])
    require_columns(sentences, ["entry_id", "sentence_idx", "start"])
    bounds: dict[str, tuple[list[int], list[int]]] = {}
    for entry_id, idx, start in zip(sentences["entry_id"], sentences["sentence_idx"],
                                    sentences["start"], strict=True):
        starts, idxs = bounds.setdefault(entry_id, ([], []))
        starts.append(int(start))
        idxs.append(int(idx))
    stop = stopwords()
    # Built column by column: the tokens of each entry in turn, then per column one array.
    counts: list[int] = []
    norms: list[str] = []
    starts_parts: list[np.ndarray] = []
    ends_parts: list[np.ndarray] = []
    idx_parts: list[np.ndarray] = []
    entry_ids, report_ids = entries["entry_id"].tolist(), entries["report_id"].tolist()
    for entry_id, text in zip(entry_ids, entries["text"], strict=True):
        toks = tokenize(text if isinstance(text, str) else "")
        n = len(toks)
        counts.append(n)
        norms.extend(map(_NORM, toks))
        tok_starts = np.fromiter(map(_START, toks), dtype=np.int64, count=n)
        starts_parts.append(tok_starts)
        ends_parts.append(np.fromiter(map(_END, toks), dtype=np.int64, count=n))
        starts, idxs = bounds.get(entry_id, ([], []))
        if starts and n:  # the sentence of a token: the last one that starts at or before it
            pos = np.searchsorted(np.array(starts, dtype=np.int64), tok_starts, side="right") - 1
            idx_parts.append(np.where(pos >= 0, np.array(idxs, dtype=np.int64)[pos], 0))
        else:
            idx_parts.append(np.zeros(n, dtype=np.int64))
    total = len(norms)
    counts_array = np.array(counts, dtype=np.int64)
    first = np.repeat(np.cumsum(counts_array) - counts_array, counts_array)
    empty = np.zeros(0, dtype=np.int64)
    import pyarrow as pa

    columns = {
        "report_id": repeated_categorical(report_ids, counts_array),
        "entry_id": repeated_categorical(entry_ids, counts_array),
        "sentence_idx": np.concatenate([empty, *idx_parts]).astype(np.int32),
        "token_idx": (np.arange(total, dtype=np.int64) - first).astype(np.int32),
        "token": categorical([pa.array(norms, type=pa.large_string())]),
        "start": np.concatenate([empty, *starts_parts]).astype(np.int32),
        "end": np.concatenate([empty, *ends_parts]).astype(np.int32),
        "is_stop": np.fromiter(map(stop.__contains__, norms), dtype=bool, count=total),
    }
    table = pd.DataFrame(columns, columns=TOKEN_COLUMNS)
    keys = list(zip(report_ids, entry_ids, strict=True))
    if not sort or all(isinstance(r, str) and isinstance(e, str) for r, e in keys) and all(
            a < b for a, b in pairwise(keys)):
        return table  # entries strictly in (report_id, entry_id) order: already sorted
    return table.sort_values(["report_id", "entry_id", "token_idx"], kind="stable",
                             ignore_index=True)
