"""Where the memory of a cold ``load_corpus`` goes: RSS of the main process and of each worker,
phase by phase, and the bytes of every table column at the end.

    python benchmarks/memory_phases.py /tmp/reports-5000            # a folder of reports
    python benchmarks/memory_phases.py --size 5000                  # synthetic, written first
    python benchmarks/memory_phases.py --size 1000 --jobs 1         # one process

The load runs in a fresh child process (no cache). The parent samples every 20 ms, from outside
(so the child's GIL never delays a sample), the RSS of the child and of each of its workers
(``/proc/<pid>/status``). The child marks when each step of :func:`analysis.corpus.build_corpus`
starts and ends (reading the files, reading the entries, annotating, concatenating the
annotation tables, the Corpus) by wrapping those functions, and writes the marks, with Arrow's
allocated bytes (``pyarrow.total_allocated_bytes``) and its own ``VmRSS``, on a pipe; the marks
and the samples share one clock (``time.monotonic``). Printed: per phase the largest main RSS,
the largest worker RSS and the largest sum over the tree; then each table's bytes per column
(Arrow buffers for Arrow-backed columns, codes and categories for categorical ones, NumPy
bytes otherwise; Python objects by ``sys.getsizeof``), as the corpus keeps them
(``Corpus.kept``: sentences and paragraphs without their text).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is in the bench environment
    psutil = None

from treemem import proc_bytes

MIB = 2**20


def _rss(pid: int | str = "self") -> int:
    return proc_bytes(pid, "VmRSS:") or 0


def _children(pid: int) -> list:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def column_bytes(series) -> int:
    """Bytes held by one column: its Arrow buffers, its codes and categories, or its NumPy
    data plus the Python objects an object column points at."""
    import pandas as pd

    values = series.array
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().nbytes + column_bytes(pd.Series(series.cat.categories))
    if hasattr(values, "__arrow_array__") and not isinstance(values, pd.arrays.NumpyExtensionArray):
        return values.__arrow_array__().nbytes
    if series.dtype == object:
        return series.memory_usage(deep=True, index=False)
    return int(series.memory_usage(deep=False, index=False))


def table_bytes(corpus) -> dict[str, dict[str, int]]:
    out = {}
    for name in ("reports", "entries", "paragraphs", "sentences", "mentions", "frames"):
        table = corpus.kept(name) if hasattr(corpus, "kept") else getattr(corpus, name)
        out[name] = {"rows": len(table),
                     **{c: column_bytes(table[c]) for c in table.columns}}
    return out


def child(folder: str, jobs: int | None, marks: int) -> None:
    """The measured load, in a fresh process; marks go to the file descriptor ``marks``."""
    out = os.fdopen(marks, "w", buffering=1)

    def mark(what: str) -> None:
        import pyarrow as pa

        out.write(json.dumps([time.monotonic(), what, pa.total_allocated_bytes(), _rss()]) + "\n")

    mark("start")
    import analysis.corpus as corpus_module
    from analysis.annotate import engine
    mark("imported")

    def wrap(module, name: str, label: str) -> None:
        inner = getattr(module, name)

        def wrapped(*args, **kwargs):
            mark(label + " >")
            try:
                return inner(*args, **kwargs)
            finally:
                mark(label + " <")
        setattr(module, name, wrapped)

    from analysis.read import folder as folder_module

    wrap(corpus_module, "read_reports", "read files")
    wrap(corpus_module, "read_entries", "read entries")
    wrap(folder_module, "read_folder", "read (workers)")
    wrap(engine, "annotation_parts", "annotate")
    concat = engine.concat_parts

    def sized(parts):  # the bytes of the parts held here, then their concatenation
        size = sum(t.nbytes for p in parts for t in p.values())
        out.write(json.dumps(["parts", size, len(parts)]) + "\n")
        return concat(parts)
    engine.concat_parts = sized
    wrap(engine, "concat_parts", "concatenate")
    wrap(corpus_module, "Corpus", "corpus")
    corpus = corpus_module.load_corpus(folder, jobs=jobs, cache=False, progress=False)
    mark("loaded")
    import gc

    gc.collect()
    mark("collected")
    time.sleep(0.1)
    mark("end")  # (what follows is not sampled)
    tables = table_bytes(corpus)
    out.write(json.dumps(["tables", tables]) + "\n")
    out.close()


def run(folder: Path, jobs: int | None) -> tuple[list, list, dict]:
    read_fd, write_fd = os.pipe()
    cmd = [sys.executable, __file__, "--child", str(folder), str(jobs or 0), str(write_fd)]
    proc = subprocess.Popen(cmd, pass_fds=(write_fd,))
    os.close(write_fd)
    samples: list[tuple[float, int, int, int]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            t = time.monotonic()
            main = _rss(proc.pid)
            workers = [_rss(c.pid) for c in _children(proc.pid)]
            samples.append((t, main, main + sum(workers), max(workers, default=0)))
            done.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    marks, tables = [], {}
    with os.fdopen(read_fd) as f:
        for line in f:
            item = json.loads(line)
            if item[0] == "tables":
                tables = item[1]
            elif item[0] == "parts":
                print(f"parts held before concatenating: {item[1] / MIB:,.1f} MiB of Arrow"
                      f" buffers in {item[2]:,} reports")
            else:
                marks.append(item)
    proc.wait()
    done.set()
    thread.join()
    if proc.returncode:
        raise SystemExit(f"the child failed (exit {proc.returncode})")
    return marks, samples, tables


def report(marks: list, samples: list, tables: dict) -> None:
    print("phase                      s   main peak MiB  worker peak MiB  tree peak MiB"
          "  Arrow MiB at end  main MiB at end")
    for (t0, what, _, _), (t1, _, arrow, rss) in itertools.pairwise(marks):
        if t1 - t0 < 0.01:
            continue
        inside = [s for s in samples if t0 <= s[0] <= t1]
        main = max((s[1] for s in inside), default=0)
        tree = max((s[2] for s in inside), default=0)
        worker = max((s[3] for s in inside), default=0)
        print(f"{what:22s} {t1 - t0:7.2f}  {main / MIB:13,.0f}  {worker / MIB:15,.0f}"
              f"  {tree / MIB:13,.0f}  {arrow / MIB:16,.0f}  {rss / MIB:15,.0f}")
    end = next(m[0] for m in marks if m[1] == "end")
    samples = [s for s in samples if s[0] <= end]
    peak = max(samples, key=lambda s: s[2])
    main_peak = max(samples, key=lambda s: s[1])
    where = max((m for m in marks if m[0] <= peak[0]), key=lambda m: m[0])[1]
    where_main = max((m for m in marks if m[0] <= main_peak[0]), key=lambda m: m[0])[1]
    print(f"\ntree peak {peak[2] / MIB:,.0f} MiB (main {peak[1] / MIB:,.0f}, largest worker"
          f" {peak[3] / MIB:,.0f})"
          f" after '{where}'; main peak {main_peak[1] / MIB:,.0f} MiB after '{where_main}'")
    total = 0
    print("\ntable        rows   MiB  bytes/row  columns (MiB)")
    for name, columns in tables.items():
        rows = columns.pop("rows")
        size = sum(columns.values())
        total += size
        parts = ", ".join(f"{c} {b / MIB:.1f}" for c, b in columns.items())
        print(f"{name:10s} {rows:9,} {size / MIB:6,.1f} {size / max(rows, 1):9,.0f}  {parts}")
    print(f"all tables {total / MIB:,.1f} MiB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="a folder of reports")
    parser.add_argument("--size", type=int, help="write this many synthetic reports first")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--json", help="also write the marks, samples and tables here")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        folder, jobs, fd = args.child
        child(folder, int(jobs) or None, int(fd))
        return 0
    with tempfile.TemporaryDirectory(prefix="memphases-") as tmp:
        folder = Path(args.folder) if args.folder else None
        if args.size:
            from synthetic import write_corpus

            from analysis.corpus import load_corpus

            samples = load_corpus(ROOT / "reports_raw", annotate=False, progress=False).entries
            folder = Path(tmp) / "reports"
            write_corpus(samples, args.size, folder)
        if folder is None:
            parser.error("give a folder or --size")
        marks, samples, tables = run(folder, args.jobs)
        if args.json:
            Path(args.json).write_text(json.dumps({"marks": marks, "samples": samples,
                                                   "tables": tables}))
        report(marks, samples, tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
