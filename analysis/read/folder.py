"""Reading a folder of reports in worker processes, none of their lines held here.

:func:`read_folder` gives what :func:`analysis.read.reports.read_reports` and
:func:`analysis.read.entries.read_entries` give together, the same tables in the same order,
but each worker of a pool reads its own files (:func:`~analysis.read.reports.attempt_report`),
segments them and sends back only the reports' descriptions (without their lines) and the
typed entries and paragraphs tables. The process that asked never holds the reports' lines,
which at 5,000 reports are about 270 MiB of Python strings. The reports are then chosen
(a second file of a report id is a problem) and ordered by period and id
(:func:`~analysis.read.reports.collect_reports`) and the rows put in that order.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.read import entries as entries_module
from analysis.read.reports import (
    MAX_BYTES,
    Problem,
    Report,
    attempt_report,
    collect_reports,
    report_files,
)

__all__ = ["read_folder"]


def _read_files(paths: list[str], max_bytes: int = MAX_BYTES) -> tuple:
    """In a worker: each file read (a Report without its lines, or a Problem), and the
    entries, paragraphs and per-report counts of :func:`analysis.read.entries._frames`."""
    knowledge = entries_module._WORKER_KNOWLEDGE
    attempts, kept = [], []
    for path in paths:
        report = attempt_report(Path(path), boilerplate=knowledge.boilerplate, max_bytes=max_bytes)
        if isinstance(report, Report):
            kept.append(report)
            report = replace(report, lines=(), removed=())
        attempts.append(report)
    counts: list = []
    entries, paragraphs, _ = entries_module._frames(kept, knowledge, counts)
    return attempts, entries, paragraphs, counts


def read_folder(folder: str | Path, *, pool: Any, workers: int, max_bytes: int = MAX_BYTES
                ) -> tuple[list[Report], list[Problem], pd.DataFrame, pd.DataFrame, list[Problem]]:
    """``(reports, problems, entries, paragraphs, doubts)`` of the report files of ``folder``,
    read on ``pool`` (``workers`` processes whose initializer set the knowledge,
    :func:`analysis.read.entries._init_reader`): the values of ``read_reports`` (the reports
    without their lines) and of ``read_entries`` on them."""
    paths = [str(p) for p in report_files(folder)]
    chunks = entries_module._chunks(paths, workers)
    results = list(pool.map(_read_files, chunks, [max_bytes] * len(chunks)))
    attempts = [a for r in results for a in r[0]]
    reports, problems = collect_reports(attempts)
    counts = [c for r in results for c in r[3]]
    serial = {id(a): k for k, a in enumerate(a for a in attempts if isinstance(a, Report))}
    rank = np.full(len(serial), -1, dtype=np.int64)
    for position, report in enumerate(reports):
        rank[serial[id(report)]] = position
    order = [k for k in np.argsort(rank, kind="stable") if rank[k] >= 0]
    entry_parts, paragraph_parts = [r[1] for r in results], [r[2] for r in results]
    del results
    entries = _in_order(entry_parts, [c[0] for c in counts], order)
    paragraphs = _in_order(paragraph_parts, [c[1] for c in counts], order)
    doubts = [p for k in order for p in counts[k][2]]
    return reports, problems, entries_module.resolve_surnames(entries), paragraphs, doubts


def _in_order(frames: list[pd.DataFrame], sizes: list[int], order: list[int]) -> pd.DataFrame:
    """The rows of the reports ``order`` (their serial numbers; ``sizes`` rows each, the
    reports' rows one report after the other through ``frames``) in that order, as one table
    of the frames' columns and dtypes. Taken by pyarrow column by column straight from the
    frames, each column's pieces let go once it is built: memory rises by one column."""
    import pyarrow as pa

    from analysis.store.snapshot import frame_of

    starts = np.concatenate([[0], np.cumsum(np.asarray(sizes, dtype=np.int64))])
    bounds = np.cumsum([0, *(len(f) for f in frames)])
    tables = [pa.Table.from_pandas(f, preserve_index=False) for f in frames]
    frames.clear()
    pieces = []
    for k in order:  # a report's rows lie in one frame
        frame = int(np.searchsorted(bounds, starts[k], side="right")) - 1
        pieces.append(tables[frame].slice(int(starts[k] - bounds[frame]), sizes[k]))
    # A frame's column may be all missing or all empty lists (a chunk of reports without
    # authors: list<null>): its type is promoted to the other frames' (list<string>).
    taken = (pa.concat_tables(pieces, promote_options="default") if pieces
             else tables[0].schema.empty_table())
    schema = taken.schema
    del tables, pieces
    columns = {}
    for name in schema.names:
        columns[name] = taken.column(name).combine_chunks()
        taken = taken.drop_columns([name])
    return frame_of(pa.table(columns, schema=schema))
