"""Benchmark of the whole ``load_corpus`` path on synthetic corpora, against two floors.

For each size (default 10, 100, 1,000 and 5,000 reports) the sample reports' entries are
recombined into real ``.txt`` report files (``synthetic.py``, fixed seed), and, each in a fresh
subprocess so that peak memory is honest:

* cold: ``load_corpus`` with full annotation and an empty annotation cache (wall time, time per
  report, peak RSS of the process and of its largest worker);
* reload: the same call again in a new process, served from the cache; then the reading and
  segmenting alone (``annotate=False``), which a reload cannot skip;
* floors, on one core each, on the same texts: scikit-learn ``CountVectorizer().fit`` over the
  entry texts, and vaderSentiment's ``SentimentIntensityAnalyzer`` over every sentence.

It prints one table and the ratio pipeline / (sum of the floors). Unless ``--no-workbook``, it
also times ``workbook run`` on the samples, cold and unchanged, against the plain shell loop of
``papermill`` then ``jupyter nbconvert --to html`` per run of the plan.

Usage: ``python benchmarks/bench_pipeline.py [--sizes 10,100] [--jobs N] [--no-workbook]``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SINGLE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# --- children: each measurement runs in a fresh process ----------------------------------------


def _load(folder: str, *, jobs: int | None, cache: str | None, annotate: bool = True):
    """``load_corpus`` with the engine options (the two-step equivalent until it takes them)."""
    import dataclasses

    from analysis.annotate.engine import annotate_reports
    from analysis.corpus import load_corpus

    if not annotate:
        return load_corpus(folder, annotate=False, progress=False)
    if "jobs" in inspect.signature(load_corpus).parameters:
        return load_corpus(folder, jobs=jobs, cache=cache or False, progress=False)
    corpus = load_corpus(folder, annotate=False, progress=False)
    tables = annotate_reports(corpus.entries, jobs=jobs, cache=cache or False, progress=False)
    return dataclasses.replace(corpus, **tables)


def child_load(folder: str, cache: str, jobs: int | None, dump: str | None) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq


    start = time.perf_counter()
    corpus = _load(folder, jobs=jobs, cache=cache)
    out = {"seconds": time.perf_counter() - start,
           "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
           "rss_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
           **{name: len(getattr(corpus, name)) for name in ("reports", "entries", "sentences",
                                                            "tokens", "mentions", "frames")}}
    if dump:  # the texts for the floors
        pq.write_table(pa.table({"text": corpus.entries["text"].tolist()}), f"{dump}/texts.parquet")
        pq.write_table(pa.table({"text": corpus.sentences["text"].tolist()}),
                       f"{dump}/sentences.parquet")
    else:  # a reload: then reading and segmenting alone
        start = time.perf_counter()
        _load(folder, jobs=jobs, cache=None, annotate=False)
        out["segment"] = time.perf_counter() - start
    return out


def child_floors(dump: str) -> dict:
    import pyarrow.parquet as pq
    from sklearn.feature_extraction.text import CountVectorizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = pq.read_table(f"{dump}/texts.parquet").column("text").to_pylist()
    sentences = pq.read_table(f"{dump}/sentences.parquet").column("text").to_pylist()
    start = time.perf_counter()
    CountVectorizer().fit(texts)
    vectorizer = time.perf_counter() - start
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for sentence in sentences:
        analyzer.polarity_scores(sentence)
    return {"vectorizer": vectorizer, "vader": time.perf_counter() - start}


def _child(*args: str, env: dict | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the parent ----------------------------------------------------------------------------------


def measure(size: int, work: Path, jobs: int | None) -> dict:
    """All figures of one size; ``work`` is an empty scratch folder."""
    sys.path.insert(0, str(HERE))
    from synthetic import write_corpus

    from analysis.corpus import load_corpus

    samples = load_corpus(ROOT / "reports_raw", annotate=False, progress=False).entries
    folder, cache, dump = work / "reports", work / "cache", work / "dump"
    dump.mkdir()
    write_corpus(samples, size, folder)
    jobs_arg = str(jobs) if jobs else "auto"
    cold = _child("load", str(folder), str(cache), jobs_arg, str(dump))
    reload = _child("load", str(folder), str(cache), jobs_arg, "")
    floors = _child("floors", str(dump), env=SINGLE_CORE)
    return {"size": size, "cold": cold, "reload": reload, **floors}


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def print_table(rows: list[dict]) -> None:
    head = ("reports", "entries", "sentences", "tokens", "cold s", "ms/report", "reload s",
            "reload %", "segment s", "RSS main MiB", "RSS worker MiB", "CountVec s", "VADER s",
            "ratio")
    lines = [head]
    for r in rows:
        c, re_ = r["cold"], r["reload"]
        floors = r["vectorizer"] + r["vader"]
        lines.append((
            f"{c['reports']:,}", f"{c['entries']:,}", f"{c['sentences']:,}", f"{c['tokens']:,}",
            f"{c['seconds']:.2f}", f"{1000 * c['seconds'] / c['reports']:.1f}",
            f"{re_['seconds']:.2f}", f"{100 * re_['seconds'] / c['seconds']:.1f}",
            f"{re_['segment']:.2f}", _mib(c["rss_main"]), _mib(c["rss_worker"]),
            f"{r['vectorizer']:.2f}", f"{r['vader']:.2f}", f"{c['seconds'] / floors:.2f}",
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for k, line in enumerate(lines):
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print("\nratio = cold load_corpus / (CountVectorizer + VADER), floors on one core each;"
          " reload % = cached reload / cold; segment = load_corpus(annotate=False) alone.")
    per = {r["size"]: r["cold"]["seconds"] / r["cold"]["reports"] for r in rows}
    if 100 in per:
        print("time per report relative to 100 reports: "
              + ", ".join(f"{n:,}: {per[n] / per[100]:.2f}x" for n in sorted(per)))
    print_targets({r["size"]: r for r in rows}, per)


def print_targets(by_size: dict[int, dict], per: dict[int, float]) -> None:
    """The targets of issue 7 that this run can judge: met, missed, or not measured."""
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print("\ntargets:")
    if 1000 in by_size:
        r = by_size[1000]
        ratio = r["cold"]["seconds"] / (r["vectorizer"] + r["vader"])
        print(f"  ratio at 1,000 reports <= 1.0: {ratio:.2f} {verdict(ratio <= 1.0)}")
    if 100 in per and 5000 in per:
        growth = per[5000] / per[100]
        print(f"  time per report at 5,000 <= 1.25x at 100: {growth:.2f}x {verdict(growth <= 1.25)}")
    if 5000 in by_size:
        peak = by_size[5000]["cold"]["rss_main"] / 2**30
        print(f"  peak memory at 5,000 < 2 GiB: {peak:.2f} GiB {verdict(peak < 2)}")
    worst = max(r["reload"]["seconds"] / r["cold"]["seconds"] for r in by_size.values())
    print(f"  cached reload <= 5% of cold (worst size): {100 * worst:.1f}% {verdict(worst <= 0.05)}")


def _workbook_command() -> list[str] | None:
    """``workbook run``, or its function when the command is not wired yet; None without both."""
    probe = [str(BIN / "workbook"), "run", "--help"]
    if subprocess.run(probe, check=False, capture_output=True).returncode == 0:
        return [str(BIN / "workbook"), "run"]
    try:
        from analysis.workbook.batch import main_run  # noqa: F401
    except ImportError:
        return None
    code = "import sys; from analysis.workbook.batch import main_run; sys.exit(main_run(sys.argv[1:]))"
    return [sys.executable, "-c", code]


def bench_workbook(work: Path) -> None:
    """``workbook run`` cold and unchanged against the plain papermill + nbconvert loop."""
    command = _workbook_command()
    if command is None:
        print("\nworkbook run: not available (no analysis.workbook.batch.main_run); skipped")
        return
    from analysis.workbook.batch import load_plan, notebook_parameters

    env = {**os.environ, "WORKBOOK_CACHE_DIR": str(work / "annotations")}
    runs = [r for r in load_plan(ROOT / "notebooks" / "plan.toml") if r.notebook.is_file()]
    only = [arg for r in runs for arg in ("--only", r.name)]  # runs whose notebook exists
    print(f"\nnotebook runs: {', '.join(r.name for r in runs)}")
    lines = ["set -e"]
    for run in runs:
        params = dict(run.parameters)
        if "figures_dir" in notebook_parameters(run.notebook):
            params["figures_dir"] = str(work / "plain" / "figures" / run.name)
        out = work / "plain" / f"{run.name}.ipynb"
        lines.append(f"{BIN}/papermill --log-level WARNING --no-progress-bar"
                     f" --cwd '{run.notebook.parent}' '{run.notebook}' '{out}'"
                     f" -y '{json.dumps(params)}'")
        lines.append(f"{BIN}/jupyter nbconvert --log-level=WARN --to html '{out}'")
    (work / "plain").mkdir()
    timings = {}
    for name, cmd in [
        ("plain loop (papermill + nbconvert)", ["bash", "-c", "\n".join(lines)]),
        ("workbook run, cold", [*command, *only, "--out", str(work / "build"), "--figures",
                                str(work / "figures")]),
        ("workbook run, unchanged", [*command, *only, "--out", str(work / "build"), "--figures",
                                     str(work / "figures")]),
    ]:
        start = time.perf_counter()
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT, env=env)
        timings[name] = time.perf_counter() - start
        status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[-300:]}"
        print(f"{name:38s} {timings[name]:7.2f} s  {status}")
    plain = timings["plain loop (papermill + nbconvert)"]
    print(f"workbook run cold / plain loop: {timings['workbook run, cold'] / plain:.2f}"
          " (target <= 0.5); unchanged rerun target < 2 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000",
                        help="comma-separated corpus sizes in reports (default: 10,100,1000,5000)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--no-workbook", action="store_true", help="skip the workbook run timing")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "load":
            folder, cache, jobs, dump = rest
            result = child_load(folder, cache, None if jobs == "auto" else int(jobs), dump or None)
        else:
            result = child_floors(rest[0])
        print(json.dumps(result))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or 'all cores'}, python {sys.version.split()[0]}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for size in sizes:
            work = Path(tmp) / str(size)
            work.mkdir()
            start = time.perf_counter()
            rows.append(measure(size, work, args.jobs))
            print(f"  {size:,} reports measured in {time.perf_counter() - start:.0f} s", flush=True)
        print()
        print_table(rows)
        if not args.no_workbook:
            work = Path(tmp) / "workbook"
            work.mkdir()
            bench_workbook(work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
