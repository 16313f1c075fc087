"""Benchmark of the whole ``load_corpus`` path on synthetic corpora, against two floors.

For each size (default 10, 100, 1,000 and 5,000 reports) the sample reports' entries are
recombined into real ``.txt`` report files (``synthetic.py``, fixed seed), and, each in a fresh
subprocess so that peak memory is honest:

* cold: ``load_corpus`` with full annotation and an empty annotation cache (wall time, time per
  report, peak RSS of the process and of its largest worker, and the peak of the sum of RSS of
  the whole process tree, main process and workers, sampled every 50 ms from the parent:
  ``treemem.py``);
* reload: the same call again in a new process, served from the cache; then the reading and
  segmenting alone (``annotate=False``), which a reload cannot skip;
* floors, on one core each, on the same texts: scikit-learn ``CountVectorizer().fit`` over the
  entry texts, and vaderSentiment's ``SentimentIntensityAnalyzer`` over every sentence;
* Dask (up to ``--dask-max`` reports, default 1,000): the cold ``load_corpus`` through a
  ``distributed.LocalCluster`` of 2 worker processes (``dask_run.py``), its tables checked
  against the local run's by digest, and a model of where a real cluster would beat the local run.

It prints one table and the ratio pipeline / (sum of the floors). Unless ``--no-workbook``, it
also times ``workbook run`` on the samples, cold and unchanged, against the plain shell loop of
``papermill`` then ``jupyter nbconvert --to html`` per run of the plan. Then every target of
issue 21 that the run can judge, met or missed (at 5,000 reports, `--measures-at`, the four
core measures are timed too, on the corpus reloaded from its cache).

Usage: ``python benchmarks/bench_pipeline.py [--sizes 10,100] [--jobs N] [--no-workbook]
[--dask-max N | --no-dask]``.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
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
sys.path.insert(0, str(HERE))

from dask_run import child_dask, crossover, digest_tables, residual
from treemem import measured, run_child

GIB = 2**30


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


def child_load(folder: str, cache: str, jobs: int | None, dump: str | None,
               digest: bool = False) -> dict:
    start = time.perf_counter()
    import analysis.corpus  # noqa: F401  (counted in the cold time, and also apart)

    imported = time.perf_counter() - start
    corpus = _load(folder, jobs=jobs, cache=cache)
    out = {"seconds": time.perf_counter() - start, "import": imported,
           "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
           "rss_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}
    measured()  # the process tree's memory is sampled up to here
    out.update({name: len(getattr(corpus, name))
                for name in ("reports", "entries", "sentences", "mentions", "frames")})
    if dump:  # a cold load: the tokens table, built when first read, then the floors' texts
        start = time.perf_counter()
        out["tokens"] = len(corpus.tokens)
        out["tokens_s"] = time.perf_counter() - start
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"text": corpus.entries["text"].tolist()}), f"{dump}/texts.parquet")
        pq.write_table(pa.table({"text": corpus.sentences["text"].tolist()}),
                       f"{dump}/sentences.parquet")
    else:  # a reload: then reading and segmenting alone
        start = time.perf_counter()
        _load(folder, jobs=jobs, cache=None, annotate=False)
        out["segment"] = time.perf_counter() - start
    if digest:  # for the comparison with the Dask run
        out["digest"] = digest_tables(corpus)
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


def child_measures(folder: str, cache: str) -> dict:
    """The four core measures (attention, tone, compare, keyness: ``bench_measures.CORE``) on
    the corpus reloaded from its cache, each timed, in a fresh process (keyness and compare
    read ``corpus.tokens``, so the first of them pays its build, as in a session)."""
    from bench_measures import CORE, measures

    from analysis.corpus import load_corpus

    corpus = load_corpus(folder, cache=cache, progress=False)
    calls = measures(corpus)
    out = {}
    for name in CORE:
        start = time.perf_counter()
        calls[name]()
        out[name] = time.perf_counter() - start
    return {"measures": out}


def _child(*args: str, env: dict | None = None) -> dict:
    return run_child(Path(__file__).resolve(), *args, env=env)


# --- the parent ----------------------------------------------------------------------------------


def measure(size: int, work: Path, jobs: int | None, dask: bool, measures: bool = False) -> dict:
    """All figures of one size; ``work`` is an empty scratch folder."""
    from synthetic import write_corpus

    from analysis.corpus import load_corpus

    samples = load_corpus(ROOT / "reports_raw", annotate=False, progress=False).entries
    folder, cache, dump = work / "reports", work / "cache", work / "dump"
    dump.mkdir()
    write_corpus(samples, size, folder)
    jobs_arg = str(jobs) if jobs else "auto"
    digest = "digest" if dask else ""
    cold = _child("load", str(folder), str(cache), jobs_arg, str(dump), digest)
    reload = _child("load", str(folder), str(cache), jobs_arg, "", "")
    floors = _child("floors", str(dump), env=SINGLE_CORE)
    out = {"size": size, "cold": cold, "reload": reload, **floors}
    if measures:
        out.update(_child("measures", str(folder), str(cache)))
    if dask:
        out["dask"] = _child("dask", str(folder), str(work / "dask-cache"))
    return out


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    lines = [head, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for k, line in enumerate(lines):
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_table(rows: list[dict]) -> None:
    head = ("reports", "entries", "sentences", "tokens", "cold s", "ms/report", "tokens s",
            "Dask s", "reload s", "reload %", "+import %", "segment s", "peak tree MiB",
            "tree PSS MiB", "RSS main MiB", "RSS worker MiB", "CountVec s", "VADER s", "ratio")
    lines = []
    for r in rows:
        c, re_ = r["cold"], r["reload"]
        cold, again = _call(c), _call(re_)
        floors = r["vectorizer"] + r["vader"]
        lines.append((
            f"{c['reports']:,}", f"{c['entries']:,}", f"{c['sentences']:,}", f"{c['tokens']:,}",
            f"{cold:.2f}", f"{1000 * cold / c['reports']:.1f}",
            f"{c['tokens_s']:.2f}" if "tokens_s" in c else "-",
            f"{r['dask']['seconds']:.2f}" if "dask" in r else "-",
            f"{again:.2f}", f"{100 * again / cold:.1f}",
            f"{100 * re_['seconds'] / c['seconds']:.1f}",
            f"{re_['segment']:.2f}", _mib(c["tree_peak"]), _mib(c["tree_pss"]), _mib(c["rss_main"]),
            _mib(c["rss_worker"]), f"{r['vectorizer']:.2f}", f"{r['vader']:.2f}",
            f"{cold / floors:.2f}",
        ))
    _table(head, lines)
    print("\ncold s / reload s = the load_corpus call in a fresh process whose import of"
          " analysis.corpus is timed apart (below); +import % = reload / cold, both with that"
          " import;\nratio = cold load_corpus / (CountVectorizer + VADER), floors on one core each;"
          " reload % = cached reload / cold; segment = load_corpus(annotate=False) alone;"
          "\ntokens s = building the tokens table when first read (corpus.tokens), after the cold"
          " load and outside its time and memory;"
          "\npeak tree = max over 50 ms samples of the summed RSS of the main process and all its"
          " workers (cold load); tree PSS = the same for the proportional set size (pages shared"
          "\nby forked workers counted once), sampled every 200 ms; RSS main / worker = ru_maxrss"
          " of the process / largest worker;"
          "\nDask s = the same cold load_corpus on a LocalCluster of 2 worker processes"
          " (cluster start apart).")
    per = _per_report(rows)
    if 100 in per:
        print("time per report relative to 100 reports: "
              + ", ".join(f"{n:,}: {per[n] / per[100]:.2f}x" for n in sorted(per)))
    print("importing analysis.corpus (not in cold s / reload s), cold / reload process: " + ", ".join(
        f"{r['size']:,}: {r['cold'].get('import', 0):.2f} / {r['reload'].get('import', 0):.2f} s"
        for r in rows))


def _call(child: dict) -> float:
    """The load_corpus call of a child, without its import of ``analysis.corpus``."""
    return child["seconds"] - child.get("import", 0.0)


def _per_report(rows: list[dict]) -> dict[int, float]:
    return {r["size"]: _call(r["cold"]) / r["cold"]["reports"] for r in rows}


def _local_load(r: dict) -> float:
    """The local cold load from an imported ``analysis.corpus``, as the Dask run is timed."""
    return _call(r["cold"])


def print_dask(rows: list[dict]) -> None:
    """The Dask runs beside the local ones, and the crossover on a real cluster."""
    runs = [r for r in rows if "dask" in r]
    if not runs:
        return
    print("\nDask: cold load_corpus on distributed.LocalCluster(n_workers=2, threads_per_worker=1,"
          " processes=True), beside the local process pool")
    head = ("reports", "local s", "Dask s", "Dask/local", "startup s", "compute core-s",
            "ship s", "peak tree MiB", "tables")
    lines, points = [], []
    for r in runs:
        d, n = r["dask"], r["cold"]["reports"]
        rest = residual(d["seconds"], d["compute"], r["reload"]["segment"])
        points.append((n, rest))
        lines.append((f"{n:,}", f"{_local_load(r):.2f}", f"{d['seconds']:.2f}",
                      f"{d['seconds'] / _local_load(r):.2f}", f"{d['startup']:.2f}",
                      f"{d['compute']:.2f}", f"{rest:.2f}", _mib(d["tree_peak"]), _equal(r)))
    _table(head, lines)
    print("local s = the cold load less its import of analysis.corpus (the Dask run is timed"
          " from an imported one too); startup = LocalCluster and\nClient up, package imported on"
          " the workers; compute = the workers' compute spans (get_task_stream); ship = Dask s -"
          " segment s - compute / 2:\npickling entries, scheduling, tables back, cache writes by"
          " the client, idle workers.")
    r = runs[-1]
    d, n, local = r["dask"], r["cold"]["reports"], _local_load(r)
    s = points[-1][1] / n
    running = crossover(n, local, d["compute"], r["reload"]["segment"], s)
    started = crossover(n, local, d["compute"], r["reload"]["segment"], s, d["startup"])
    net = d["bytes_out"] / n * 8 / 1e9  # seconds per report at 1 Gbit/s
    on_net = crossover(n, local, d["compute"], r["reload"]["segment"], s + net)
    print(f"crossover (model T(W) = N (r + c/W + s) + F, costs measured at {n:,} reports): per"
          f" report c = {1000 * running['c']:.1f} ms of compute on one core, r ="
          f" {1000 * running['r']:.1f} ms reading and segmenting here, s = {1000 * s:.1f} ms"
          f" shipping;\nthe local run on {os.cpu_count()} cores takes {1000 * local / n:.1f} ms"
          f" per report. A running cluster of W one-core workers: {_beats(running)};\nstarted for"
          f" the job (F = {d['startup']:.1f} s): {_beats(started)}; over a 1 Gbit/s network, add"
          f" about {1000 * net:.2f} ms per report for its {d['bytes_out'] / n / 1024:,.0f} KiB of"
          f" tables: {_beats(on_net)}.\n(Measured on the same {os.cpu_count()} cores as the local"
          " run, so the workers' compute and the client's shipping contend with each other.)")


def _beats(model: dict) -> str:
    if math.isinf(model["w_star"]):
        return "never faster (reading and shipping alone take as long as the local run)"
    return (f"faster from {max(1, math.ceil(model['w_star'])):,} workers, and at most"
            f" {model['best_speedup']:.1f}x faster however many (reading and shipping bound it)")


def _equal(r: dict) -> str:
    mine, theirs = r["cold"].get("digest", {}), r["dask"]["digest"]
    differ = [name for name in theirs if mine.get(name) != theirs[name]]
    return "equal" if not differ else "DIFFER: " + ", ".join(differ)


def print_targets(rows: list[dict], workbook: dict | None) -> None:
    """The targets of issue 21, each met or missed, or not measured by this run."""
    by_size, per = {r["size"]: r for r in rows}, _per_report(rows)

    def line(text: str, value: str, ok: bool | None, missing: str = "") -> None:
        verdict = "met" if ok else ("not measured" if ok is None else "MISSED")
        print(f"  {text}: {value + ' ' if value else ''}{verdict}{missing}")

    print("\ntargets (issue 21):")
    if 1000 in by_size:
        r = by_size[1000]
        ratio = _call(r["cold"]) / (r["vectorizer"] + r["vader"])
        line("ratio to the floors at 1,000 reports <= 1.5 (aim 1.0)", f"{ratio:.2f}", ratio <= 1.5)
    else:
        line("ratio to the floors at 1,000 reports <= 1.5", "", None, " (needs 1,000)")
    if 5000 in by_size:
        c = by_size[5000]["cold"]
        peak, pss, main = c["tree_peak"] / GIB, c["tree_pss"] / GIB, c["rss_main"] / 2**20
        line("peak memory of the process tree at 5,000 < 1 GiB (summed RSS)",
             f"{peak:.2f} GiB (PSS {pss:.2f} GiB)", peak < 1)
        line("peak memory of the main process at 5,000 < 600 MiB (ru_maxrss)", f"{main:,.0f} MiB",
             main < 600)
    else:
        line("peak memory of the process tree at 5,000 < 1 GiB", "", None, " (needs 5,000)")
    workers = {n: r["cold"]["rss_worker"] / 2**20 for n, r in by_size.items()}
    line("each worker < 150 MiB (largest worker's ru_maxrss, every size)",
         f"worst {max(workers.values()):,.0f} MiB", max(workers.values()) < 150)
    for label, share in (("", lambda r: _call(r["reload"]) / _call(r["cold"])),
                         (", imports counted", lambda r: r["reload"]["seconds"] / r["cold"]["seconds"])):
        shares = {n: share(r) for n, r in by_size.items() if n >= 100}
        if not shares:
            continue
        over = [f"{n:,}" for n, s in shares.items() if s > 0.05]
        line(f"cached reload <= 5% of cold from 100 reports{label}",
             f"worst {100 * max(shares.values()):.1f}%"
             + (f" (over at {', '.join(over)})" if over else ""), not over)
    timed = [r for r in rows if "measures" in r]
    for r in timed:
        total = sum(r["measures"].values())
        line(f"measures (attention + tone + compare + keyness) within 20% of the cold load at"
             f" {r['size']:,}", f"{total:.1f} s = {100 * total / _call(r['cold']):.1f}%",
             total <= 0.2 * _call(r["cold"]))
    if workbook and "workbook run, unchanged" in workbook["seconds"]:
        unchanged, ok = workbook["seconds"]["workbook run, unchanged"], workbook["ok"]
        line("unchanged workbook run < 0.5 s", f"{unchanged:.2f} s" + ("" if ok else " (failed)"),
             ok and unchanged < 0.5)
    else:
        line("unchanged workbook run < 0.5 s", "", None, " (--no-workbook)")
    big = [n for n in per if n >= 100]
    if 100 in per and 5000 in per:
        worst = max(per[n] / per[100] for n in big)
        line("time per report linear from 100 to 5,000 (each size within 1.25x of 100)",
             f"worst {worst:.2f}x", worst <= 1.25)
    else:
        line("time per report linear from 100 to 5,000 (within 1.25x)", "", None,
             " (needs 100 and 5,000)")
    dask = [r for r in rows if "dask" in r]
    if dask:
        differ = [f"{r['size']:,}" for r in dask if _equal(r) != "equal"]
        line("Dask tables equal to the local run", "at " + ", ".join(f"{r['size']:,}" for r in dask)
             + (f" (differ at {', '.join(differ)})" if differ else ""), not differ)
    if workbook and "workbook run, cold" in workbook["seconds"]:
        t = workbook["seconds"]
        share = t["workbook run, cold"] / t["plain loop (papermill + nbconvert)"]
        line("(issue 7) workbook run cold <= 0.5 of the plain loop", f"{share:.2f}",
             workbook["ok"] and share <= 0.5)


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


def bench_workbook(work: Path) -> dict | None:
    """``workbook run`` cold and unchanged against the plain papermill + nbconvert loop."""
    command = _workbook_command()
    if command is None:
        print("\nworkbook run: not available (no analysis.workbook.batch.main_run); skipped")
        return None
    from analysis.workbook.batch import load_plan, notebook_parameters

    env = {**os.environ, "WORKBOOK_CACHE_DIR": str(work / "annotations")}
    runs = [r for r in load_plan(ROOT / "notebooks" / "plan.toml") if r.notebook.is_file()]
    only = [arg for r in runs for arg in ("--only", r.name)]  # runs whose notebook exists
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
    timings, status, ok = {}, {}, True
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
        said = " | ".join(line.strip() for line in (done.stderr + done.stdout).splitlines()
                          if line.strip() and line.split()[1:2] != ["ok"])  # failed runs
        status[name] = "ok" if done.returncode == 0 else f"exit {done.returncode}: {said[-400:]}"
        ok = ok and done.returncode == 0
    return {"runs": [r.name for r in runs], "seconds": timings, "status": status, "ok": ok}


def print_workbook(workbook: dict | None) -> None:
    if not workbook:
        return
    print(f"\nnotebook runs: {', '.join(workbook['runs'])}")
    t = workbook["seconds"]
    plain = t["plain loop (papermill + nbconvert)"]
    for name, seconds in t.items():
        share = f"   ({seconds / plain:.2f} of the plain loop)" if name != next(iter(t)) else ""
        print(f"{name:38s} {seconds:7.2f} s  {workbook['status'][name]}{share}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000",
                        help="comma-separated corpus sizes in reports (default: 10,100,1000,5000)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--no-workbook", action="store_true", help="skip the workbook run timing")
    parser.add_argument("--dask-max", type=int, default=1000,
                        help="largest size also run on a 2-worker Dask LocalCluster (default 1000)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    parser.add_argument("--measures-at", type=int, default=5000,
                        help="size at which the four core measures are timed (default 5000)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        if kind == "load":
            folder, cache, jobs, dump, digest = rest
            result = child_load(folder, cache, None if jobs == "auto" else int(jobs), dump or None,
                                digest=bool(digest))
        elif kind == "dask":
            result = child_dask(*rest, measured)
        elif kind == "measures":
            result = child_measures(*rest)
        else:
            result = child_floors(rest[0])
        print(json.dumps(result))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    dask = not args.no_dask and _has_distributed()
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs or 'all cores'},"
          f" python {sys.version.split()[0]}, "
          + (f"Dask up to {args.dask_max:,} reports" if dask else "no Dask"))
    rows, workbook = [], None
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for size in sizes:
            work = Path(tmp) / str(size)
            work.mkdir()
            start = time.perf_counter()
            rows.append(measure(size, work, args.jobs, dask and size <= args.dask_max,
                                measures=size == args.measures_at))
            print(f"  {size:,} reports measured in {time.perf_counter() - start:.0f} s", flush=True)
        if not args.no_workbook:
            work = Path(tmp) / "workbook"
            work.mkdir()
            workbook = bench_workbook(work)
    print()
    print_table(rows)
    print_dask(rows)
    print_workbook(workbook)
    for r in rows:
        if "measures" in r:
            print(f"\nmeasures at {r['size']:,} reports (fresh process, corpus from the cache): "
                  + ", ".join(f"{n} {t:.2f} s" for n, t in r["measures"].items()))
    print_targets(rows, workbook)
    return 0


def _has_distributed() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
