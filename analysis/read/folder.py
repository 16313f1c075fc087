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
from analysis.tables import concat_frames

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
    entry_parts, paragraph_parts = [r[1] for r in results], [r[2] for r in results]
    del results
    entries = _ordered(concat_frames(entry_parts), rank, [c[0] for c in counts])
    paragraphs = _ordered(concat_frames(paragraph_parts), rank, [c[1] for c in counts])
    doubts = [p for k in np.argsort(rank, kind="stable") if rank[k] >= 0 for p in counts[k][2]]
    return reports, problems, entries_module.resolve_surnames(entries), paragraphs, doubts


def _ordered(table: pd.DataFrame, rank: np.ndarray, sizes: list[int]) -> pd.DataFrame:
    """The rows of ``table`` (the reports' rows one report after the other, ``sizes`` rows
    each) in the order of the reports' ranks, without the reports ranked -1."""
    row_rank = np.repeat(rank, np.asarray(sizes, dtype=np.int64))
    order = np.argsort(row_rank, kind="stable")
    order = order[row_rank[order] >= 0]
    if len(order) == len(table) and (order == np.arange(len(order))).all():
        return table
    return table.take(order).reset_index(drop=True)
