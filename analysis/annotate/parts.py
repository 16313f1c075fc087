"""The parts of a corpus's annotation: each report's tables as the engine ships, caches and
keeps them (:func:`lean_parts`), and the corpus tables made of them (:func:`concat_parts`).

A part is lean: the ids dictionary-encoded (:data:`IDS`, Arrow ``dictionary<int32,
large_string>``), offsets and indexes int32 (:data:`INT32`), and without the sentence text
(:data:`NOT_STORED`), which is ``entry.text[start:end]`` and is built when the table is read
(:attr:`analysis.corpus.Corpus.sentences`). The corpus tables have pandas ``category`` columns
(categories in code-point order, so that sorting by one sorts as by its strings) and int32
columns; their values are those of :func:`analysis.annotate.report.annotate`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.config import release_memory
from analysis.store.annotations import TABLES

__all__ = ["IDS", "INT32", "NOT_STORED", "Parts", "concat_parts", "lean_parts", "merge_parts"]

Parts = dict[str, Any]  # table name -> pyarrow.Table, for one report
#: The columns of each annotation table held dictionary-encoded (pandas ``category``).
IDS = {"sentences": ("report_id", "entry_id"),
       "mentions": ("report_id", "entry_id", "actor", "alias"),
       "frames": ("report_id", "entry_id", "frame", "term")}
#: The integer columns held as int32 (offsets into an entry's text, indexes within it).
INT32 = ("sentence_idx", "start", "end")
#: The columns not stored, built from the entries when the table is read.
NOT_STORED = {"sentences": ("text",)}


def lean_parts(tables: dict[str, pd.DataFrame]) -> Parts:
    """One report's annotation tables as the engine keeps them: Arrow tables without the
    columns of :data:`NOT_STORED`, the :data:`IDS` columns dictionary-encoded
    (``dictionary<int32, large_string>``), the :data:`INT32` columns as int32."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = pa.dictionary(pa.int32(), pa.large_string())
    out = {}
    for name in TABLES:
        table = pa.Table.from_pandas(tables[name].drop(columns=list(NOT_STORED.get(name, ()))),
                                     preserve_index=False).replace_schema_metadata(None)
        for k, field in enumerate(table.schema):
            column = table.column(k)
            if field.name in IDS[name]:
                column = pc.dictionary_encode(column.cast(pa.large_string())).cast(kind)
            elif field.name in INT32:
                column = column.cast(pa.int32())
            else:
                continue
            table = table.set_column(k, field.name, column)
        out[name] = table
    return out


def merge_parts(parts: list[Parts]) -> Parts:
    """The parts of consecutive reports as one part, each column in one chunk (a dictionary
    column with one dictionary): what :func:`concat_parts` gives of them is unchanged."""
    import pyarrow as pa

    kind = pa.dictionary(pa.int32(), pa.large_string())
    out = {}
    for name in TABLES:
        tables = [p[name] for p in parts]
        columns = {}
        for field in tables[0].schema:
            chunks = [c for t in tables for c in t.column(field.name).chunks]
            if field.name in IDS[name]:
                merged = pa.chunked_array([c if c.type == kind else c.cast(kind) for c in chunks],
                                          type=kind).unify_dictionaries().combine_chunks()
            else:
                target = pa.large_string() if pa.types.is_string(field.type) else field.type
                merged = pa.concat_arrays([c.cast(target) for c in chunks]) if chunks else (
                    pa.array([], target))
            columns[field.name] = merged
        out[name] = pa.table(columns)
    return out


def concat_parts(parts: list[Parts]) -> dict[str, pd.DataFrame]:
    """The tables of :func:`annotation_parts`: one per name, reports in order.

    Each column is put in one piece, one column at a time, dropping that column's parts as it
    goes (a table's parts are handed back to the system before the next table is built, so
    memory rises by about one table at most): the :data:`IDS` columns as pandas ``category``
    (:func:`analysis.tables.categorical`), the others as NumPy arrays, strings as pandas' ``str``.
    """
    import pyarrow as pa

    from analysis.tables import arrow_strs, categorical

    out = {}
    for name in TABLES:
        tables = [p.pop(name) for p in parts]
        schema = tables[0].schema
        columns = {}
        for field in schema:
            chunks = [chunk for t in tables for chunk in t.column(field.name).chunks]
            tables = [t.drop_columns([field.name]) for t in tables]
            if field.name in IDS[name]:
                columns[field.name] = categorical(chunks)
            elif pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
                columns[field.name] = arrow_strs(pa.concat_arrays(
                    [c.cast(pa.large_string()) for c in chunks] or [pa.array([], pa.large_string())]))
            else:
                merged = pa.concat_arrays([c.cast(field.type) for c in chunks]) if chunks else (
                    pa.array([], field.type))
                columns[field.name] = merged.to_numpy(zero_copy_only=False)
            del chunks
        out[name] = pd.DataFrame(columns, columns=schema.names)
        del tables, columns
        release_memory()  # that table's parts, before the next one is copied
    return out
