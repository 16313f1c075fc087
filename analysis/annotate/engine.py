"""Annotating many reports: the per-report cache, then in-process, process-pool or Dask work.

:func:`annotate_reports` splits the entries by report, looks every report up in the cache
(:mod:`analysis.store.annotations`), annotates the misses with
:func:`analysis.annotate.report.annotate` and puts the
tables back together in the order of the reports as given. A report's tables depend only on its
own entries, so where they are computed (this process, a worker process, a Dask worker) or
whether they come from the cache never changes the result: the tables are byte-identical to a
single-process run (same rows, order, index and dtypes).

Every report's tables travel as Arrow tables (the cache's format too) and are concatenated once
per table at the end, each column into one chunk. They travel lean (:mod:`analysis.annotate.parts`):
the ids dictionary-encoded, offsets and indexes as int32, and without the sentence text, which
is built when the table is read (:attr:`analysis.corpus.Corpus.sentences`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.annotate.parts import (
    IDS,
    INT32,
    NOT_STORED,
    Parts,
    concat_parts,
    lean_parts,
    merge_parts,
)
from analysis.config import default_jobs, process_context, release_memory
from analysis.store.annotations import (
    AnnotationCache,
    annotator_salt,
    key_of,
    resolve_cache,
)

__all__ = ["ANNOTATION_COLUMNS", "IDS", "INT32", "NOT_STORED", "annotate_reports",
           "annotation_parts", "concat_parts", "default_jobs", "lean_parts", "worker_pool"]

#: The entry columns that annotation reads (and that key the cache).
ANNOTATION_COLUMNS = ["entry_id", "report_id", "text"]
#: Most reports sent to a worker at once: large enough to amortize pickling, small enough to
#: balance the load and keep the progress bar moving.
MAX_BATCH = 16

_WORKER_KNOWLEDGE: Any = None


def _values_at(column: pd.Series) -> Callable[[Any], list]:
    """``positions -> column.iloc[positions].tolist()``, taken by pyarrow from an Arrow-backed
    column (no Python copy of the other rows)."""
    from pandas.arrays import ArrowStringArray

    if isinstance(column.array, ArrowStringArray):
        import pyarrow as pa

        arrow = pa.chunked_array(column.array.__arrow_array__()).combine_chunks()
        return lambda p: arrow.take(pa.array(p)).to_pylist()
    values = column.to_numpy(dtype=object)
    return lambda p: values[p].tolist()


def _annotate_batch(reports: list[pd.DataFrame], keys: list[str | None], cache_dir: str | None,
                    knowledge: Any = None) -> list[Parts]:
    """Annotate a batch of reports (in a worker or here); store each in the cache when given."""
    from analysis.annotate.report import annotate

    knowledge = knowledge if knowledge is not None else _WORKER_KNOWLEDGE
    store = AnnotationCache(cache_dir) if cache_dir is not None else None
    out = []
    for report, key in zip(reports, keys, strict=True):
        try:
            tables = annotate(report, gazetteer=knowledge.gazetteer, frames_lexicon=knowledge.frames,
                              tone_lexicon=knowledge.tone, tone_model=knowledge.tone_model,
                              tokens=False)
        except Exception as exc:
            exc.add_note(f"while annotating report {report['report_id'].iloc[0]!r}")
            raise
        parts = lean_parts(tables)
        if store is not None and key is not None:
            store.store(key, parts)
        out.append(parts)
    return out


def _init_worker(knowledge: Any) -> None:
    """Set a worker process's knowledge, for annotating and for reading (its matchers, Punkt
    and VADER are built on first use, once per worker)."""
    global _WORKER_KNOWLEDGE
    from analysis.read.entries import _init_reader

    _init_reader(knowledge)
    _WORKER_KNOWLEDGE = knowledge


def _ready() -> None:
    """A task that does nothing: submitting it starts a pool's processes."""


@contextmanager
def worker_pool(workers: int, knowledge: Any) -> Iterator[Any]:
    """A process pool that reads (:func:`analysis.read.entries.read_entries`) and annotates
    (:func:`annotate_reports`) with ``knowledge``, its processes started on entry.

    Start it before reading anything: a forked worker begins with every page of its parent, so
    workers forked from a process that holds the report lines and the entries each count that
    memory again (at 5,000 reports, 1.4 GiB per worker). Started first, a worker holds only the
    code, the knowledge and its own work.
    """
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=process_context(), initializer=_init_worker,
                             initargs=(knowledge,)) as pool:
        pool.submit(_ready).result()  # fork every worker now, from this small process
        yield pool


def _batches(todo: list[int], workers: int) -> list[list[int]]:
    size = max(1, min(MAX_BATCH, math.ceil(len(todo) / (workers * 4))))
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def _run_pool(batches: list[list[int]], make: Callable[[list[int]], tuple], workers: int,
              knowledge: Any, pool: Any = None) -> Iterator[tuple[list[int], list[Parts]]]:
    """Batches on a process pool (``pool``, or one of its own), at most two per worker in
    flight (inputs are pickled as they are needed, so memory stays flat)."""
    from concurrent.futures import ProcessPoolExecutor

    with (nullcontext(pool) if pool is not None else ProcessPoolExecutor(
            workers, mp_context=process_context(), initializer=_init_worker,
            initargs=(knowledge,))) as executor:
        pending: dict[Future, list[int]] = {}
        queue = iter(batches)
        for batch in queue:
            pending[executor.submit(_annotate_batch, *make(batch))] = batch
            if len(pending) >= 2 * workers:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: pending[f][0]):
                batch = pending.pop(future)
                yield batch, future.result()
                nxt = next(queue, None)
                if nxt is not None:
                    pending[executor.submit(_annotate_batch, *make(nxt))] = nxt


def _run_dask(todo: list[int], make: Callable[[list[int]], tuple], scheduler: Any,
              knowledge: Any) -> Iterator[tuple[list[int], list[Parts]]]:
    """Batches on a Dask cluster: ``scheduler`` is an address or a ``distributed.Client``."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        batches = _batches(todo, max(1, sum(client.nthreads().values())))
        shared = client.scatter(knowledge, broadcast=True)  # once per worker
        futures = {}
        for batch in batches:
            reports, keys, _, _ = make(batch)
            futures[client.submit(_annotate_batch, reports, keys, None, shared, pure=False)] = batch
        # The loop of this client: as_completed defaults to the default client's loop, which is
        # another one when a client of the caller's exists besides the one made here from an
        # address, and then results could be waited for forever (tests/test_dask.py hung so).
        for future, result in as_completed(futures, loop=client.loop, with_results=True):
            yield futures.pop(future), result
    finally:
        if client is not scheduler:
            client.close()


def annotate_reports(entries: pd.DataFrame, **options: Any) -> dict[str, pd.DataFrame]:
    """Annotate the entries of many reports, report by report, with a cache and in parallel.

    Takes the options of :func:`annotation_parts` (jobs, scheduler, cache, knowledge, progress,
    pool). Returns a dict with the tables "sentences", "mentions", "frames" of
    :func:`analysis.annotate.report.annotate` (the tokens table is built on demand by
    :attr:`analysis.corpus.Corpus.tokens`), the reports in the order of their first entry in
    ``entries``, a fresh RangeIndex, identical whatever the options.
    """
    return concat_parts(annotation_parts(entries, **options))


def annotation_parts(
    entries: pd.DataFrame,
    *,
    jobs: int | None = None,
    scheduler: Any = None,
    cache: str | Path | bool | None = True,
    knowledge: Any = None,
    progress: bool | None = None,
    pool: Any = None,
) -> list[Parts]:
    """The annotation of the reports (Arrow tables by name; the parts of reports annotated
    together merged into one), in the order of the reports' first entries:
    :func:`concat_parts` makes the tables of them. Holding parts, not tables,
    lets a caller close its workers before the tables are built.

    Parameters
    ----------
    entries : the entries table (entry_id, report_id, text; other columns are ignored).
    jobs : worker processes; 1 annotates in this process; None uses every core (and this
        process alone when there are too few reports to pay for starting workers).
    scheduler : a Dask scheduler address (``"tcp://host:port"``) or a ``distributed.Client``:
        annotate on that cluster instead (the workers need this package installed; the
        knowledge is sent to them from here). Overrides ``jobs``.
    cache : True: the project's ``.cache/annotations``; a folder: that one; False/None: none.
    knowledge : the :class:`~analysis.knowledge.bundle.Knowledge` to annotate with (its
        gazetteer and frame lexicon); default the shipped files.
    progress : show a progress bar; default: only on a terminal.
    pool : a :func:`worker_pool` to annotate on (when ``jobs`` would use processes) instead of
        starting one.
    """
    from tqdm import tqdm  # tqdm.auto would warn about ipywidgets inside notebooks

    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs={jobs}: give a number of processes >= 1, or None for every core")
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    table = entries[ANNOTATION_COLUMNS]
    groups = table.groupby("report_id", sort=False).indices
    positions = [groups[r] for r in pd.unique(table["report_id"])]
    store = resolve_cache(cache)
    keys: list[str | None] = [None] * len(positions)
    if store is not None:
        salt = annotator_salt(knowledge)
        rids, eids, texts = (_values_at(table[c]) for c in ("report_id", "entry_id", "text"))
        # report by report: Python copies of one report's texts at a time, not of all of them
        keys = [key_of(rids(p), eids(p), texts(p), salt) for p in positions]
        del rids, eids, texts
        release_memory()
    parts: list[Parts | None] = [store.load(k) if store and k else None for k in keys]
    todo = [i for i, p in enumerate(parts) if p is None]
    workers = min(jobs or default_jobs(), len(todo))
    if jobs is None and len(todo) < 4 * workers:
        workers = 1  # starting workers costs more than it saves
    cache_dir = str(store.folder) if store else None

    def make(batch: list[int]) -> tuple:
        return [table.iloc[positions[i]] for i in batch], [keys[i] for i in batch], cache_dir, None

    if scheduler is not None and todo:
        runs = _run_dask(todo, make, scheduler, knowledge)
    elif workers > 1:
        runs = _run_pool(_batches(todo, workers), make, workers, knowledge, pool)
    else:
        runs = ((b, _annotate_batch(*make(b)[:3], knowledge)) for b in _batches(todo, 1))
    with tqdm(total=len(positions), initial=len(positions) - len(todo), desc="annotating",
              unit="report", disable=(not progress) if progress is not None else None) as bar:
        released = time.monotonic()
        for batch, results in runs:
            for i, result in zip(batch, results, strict=True):
                parts[i] = result
                if scheduler is not None and store is not None:
                    store.store(keys[i], result)  # Dask workers may not see this disk
            del results
            _merge_runs(parts, batch)
            bar.update(len(batch))
            if time.monotonic() - released > 1.0:  # the unpickled parts merged: freed
                release_memory()  # (else held by the C heap: 200 MiB at 5,000 reports)
                released = time.monotonic()
    if not positions:  # no report: empty tables with their columns and dtypes
        return _annotate_batch([table], [None], None, knowledge)
    return [p for p in parts if p is not None]


def _merge_runs(parts: list, batch: list[int]) -> None:
    """The parts of each run of consecutive reports of ``batch`` merged into one, held at the
    run's first place (the others None): a part per report costs this process a few hundred
    Arrow and Python objects, about 50 KiB each (250 MiB at 5,000 reports) besides its data."""
    run = [batch[0]]
    for i in [*batch[1:], None]:
        if i is not None and i == run[-1] + 1:
            run.append(i)
            continue
        if len(run) > 1:
            parts[run[0]] = merge_parts([parts[k] for k in run])
            for k in run[1:]:
                parts[k] = None
        run = [i]
