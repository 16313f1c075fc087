"""The Dask part of the benchmark: a cold ``load_corpus`` on a 2-worker LocalCluster, the
digest that checks its tables against the local run's, and the crossover model.

The child (:func:`child_dask`) starts ``distributed.LocalCluster(n_workers=2,
threads_per_worker=1, processes=True)`` (timed apart: ``startup``, with the package imported on
every worker), then times ``load_corpus(folder, scheduler=client, cache=<empty folder>)``, the
same call as the local cold run but for the scheduler, under ``distributed.get_task_stream`` so
that the workers' compute time (the ``compute`` spans of every task, in core-seconds) is known.

Crossover model (:func:`crossover`), per report, for N reports:

* ``r``: reading and segmenting in the main process (the ``segment`` time of the reload child);
* ``c``: annotation compute on one core (the Dask workers' compute spans / N);
* ``s``: shipping, everything else of the Dask run per report: pickling a batch's entries, the
  scheduler, sending the knowledge, sending back and unpickling its Arrow tables, storing them
  in the cache (done by the client on this path), concatenation, idle workers:
  ``s = (T_dask - R - C / 2) / N``, at the largest size run (where fixed costs weigh least);
* ``F``: the cluster's start (``startup``), paid once by a cluster started for the job, not at
  all by a running one.

On a cluster of W single-core workers with the same costs, ``T(W) = R + N c / W + N s + F``;
it beats the local run ``T_local`` from ``W* = N c / (T_local - R - N s - F)`` workers, and
never when reading and shipping alone (``R + N s + F``) already take as long as the local run. Both runs are timed from an imported
``analysis.corpus`` (the local cold column of the table also counts the import).
"""

from __future__ import annotations

import hashlib
import math
import time

__all__ = ["ANNOTATION_TABLES", "child_dask", "crossover", "digest_tables", "residual"]

ANNOTATION_TABLES = ("sentences", "tokens", "mentions", "frames")


def digest_tables(corpus, names=ANNOTATION_TABLES) -> dict[str, str]:
    """A SHA-256 per table of its columns, dtypes, index and values (column by column, so
    that hashing a large table adds one column's hashes to memory at a time)."""
    import pandas as pd

    out = {}
    for name in names:
        frame = getattr(corpus, name)
        h = hashlib.sha256(repr((list(frame.columns), [str(t) for t in frame.dtypes],
                                 len(frame))).encode())
        h.update(pd.util.hash_pandas_object(frame.index).to_numpy().tobytes())
        for column in frame.columns:
            values = frame[column]
            try:
                hashed = pd.util.hash_pandas_object(values, index=False)
            except TypeError:  # lists and other unhashable cells
                hashed = pd.util.hash_pandas_object(values.map(repr), index=False)
            h.update(hashed.to_numpy().tobytes())
        out[name] = h.hexdigest()
    return out


def _table_bytes(corpus, names) -> int:
    return int(sum(getattr(corpus, n).memory_usage(deep=True, index=False).sum() for n in names))


def _shipped() -> tuple[str, ...]:
    """The tables a worker sends back (the cached ones; tokens are built on demand)."""
    from analysis.store.annotations import TABLES

    return tuple(TABLES)


def child_dask(folder: str, cache: str, measured) -> dict:
    """Cold ``load_corpus`` through a 2-worker LocalCluster; ``measured()`` ends the sampled
    section (see ``treemem.measured``)."""
    import resource

    from distributed import Client, LocalCluster, get_task_stream

    from analysis.corpus import load_corpus

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        client.wait_for_workers(2)
        client.run(lambda: __import__("analysis.annotate.report"))  # as a long-lived cluster
        startup = time.perf_counter() - start
        with get_task_stream(client) as stream:
            start = time.perf_counter()
            corpus = load_corpus(folder, scheduler=client, cache=cache, progress=False)
            seconds = time.perf_counter() - start
        rss_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        measured()
        spans = [s for task in stream.data for s in task.get("startstops", ())]
        compute = sum(s["stop"] - s["start"] for s in spans if s.get("action") == "compute")
        workers = len({task.get("worker") for task in stream.data})
        tasks = len(stream.data)
    finally:
        client.close()
        cluster.close()
    return {"seconds": seconds, "startup": startup, "compute": compute, "tasks": tasks,
            "workers_used": workers, "rss_main": rss_main, "reports": len(corpus.reports),
            "bytes_in": int(corpus.entries["text"].str.len().sum()),
            "bytes_out": _table_bytes(corpus, _shipped()),
            "digest": digest_tables(corpus)}


def residual(dask: float, compute: float, segment: float, workers: int = 2) -> float:
    """What a Dask run spent besides reading and its workers' compute spread over them."""
    return max(0.0, dask - segment - compute / workers)


def crossover(n: int, local: float, compute: float, segment: float, s: float,
              fixed: float = 0.0) -> dict:
    """The model's cluster of W one-core workers against the local run of ``local`` seconds, for
    ``n`` reports: ``T(W) = segment + n c / W + n s + fixed``. ``w_star`` is the W from which it
    is faster (``math.inf``: never, reading and shipping alone take as long), ``best_speedup``
    the limit of local / T(W) as W grows."""
    c, r = compute / n, segment / n
    floor = segment + n * s + fixed
    spare = local - floor
    return {"c": c, "r": r, "s": s, "fixed": fixed,
            "w_star": n * c / spare if spare > 0 else math.inf,
            "best_speedup": local / floor if floor > 0 else math.inf}
