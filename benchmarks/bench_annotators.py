"""Time per report of each annotator, and the memory of a pool worker, on synthetic reports.

    python benchmarks/bench_annotators.py --reports 200            # stage by stage, one process
    python benchmarks/bench_annotators.py --reports 200 --profile  # and where the time goes
    python benchmarks/bench_annotators.py --reports 200 --workers  # a pool worker's RSS

Stage by stage: the synthetic reports (:mod:`synthetic`) are read and segmented
(``load_corpus(annotate=False)``), then each report's entries go through the annotators one at
a time in this process, each timed on its own: sentences (Punkt), mentions, frames, sentence
tone (VADER over every sentence, as written and masked), the tone model (the clause-lexicon
score, the features of each (sentence, actor) pair and the model), the lean Arrow parts the
engine ships (``annotate/parts.py``) and their write to a per-report cache. ``--profile`` runs the annotation once more under cProfile and prints the
functions with the most own time. ``--workers`` runs ``load_corpus(jobs=2, cache=False)`` with a
thread sampling every 20 ms the RSS of each worker process, then asks the workers of a fresh
pool, after they annotated the reports, what they imported (NLTK, SciPy) and their peak RSS
(``VmHWM``). Only the package's public functions are used, so the same script times an older
checkout (``PYTHONPATH=<checkout> python benchmarks/bench_annotators.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_corpus

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("sentences", "mentions", "frames", "sentence tone", "tone model", "parts",
          "cache write")


def _annotate(groups: list, knowledge, times: dict[str, float] | None, cache=None) -> None:
    from analysis.annotate.mentions import frames, mentions
    from analysis.annotate.model_tone import add_model_tone
    from analysis.annotate.parts import lean_parts
    from analysis.annotate.sentence_tone import add_tone
    from analysis.annotate.sentences import sentences

    clock = time.perf_counter
    for k, entries in enumerate(groups):
        t0 = clock()
        sents = sentences(entries)
        t1 = clock()
        found = mentions(sents, entries, gazetteer=knowledge.gazetteer)
        t2 = clock()
        framed = frames(sents, entries, lexicon=knowledge.frames, mentions=found)
        t3 = clock()
        scored = add_tone(sents, found)
        t4 = clock()
        aimed = add_model_tone(found, scored, knowledge.tone, knowledge.tone_model)
        t5 = clock()
        parts = lean_parts({"sentences": scored, "mentions": aimed, "frames": framed})
        t6 = clock()
        if cache is not None:
            cache.store(f"{k:08d}", parts)
        t7 = clock()
        if times is not None:
            marks = (t0, t1, t2, t3, t4, t5, t6, t7)
            for name, a, b in zip(STAGES, marks, marks[1:], strict=False):
                times[name] += b - a


def stages(folder: Path, n: int, profile: bool) -> None:
    from analysis.corpus import load_corpus
    from analysis.knowledge.bundle import load_knowledge

    knowledge = load_knowledge()
    start = time.perf_counter()
    entries = load_corpus(folder, annotate=False, progress=False).entries
    read = time.perf_counter() - start
    groups = [g for _, g in entries.groupby("report_id", sort=False)]
    from analysis.store.annotations import AnnotationCache

    times = dict.fromkeys(STAGES, 0.0)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        _annotate(groups, knowledge, times, AnnotationCache(tmp))
    total = time.perf_counter() - start
    print(f"{n} reports, {len(entries)} entries; ms per report (one process):")
    print(f"  reading and segmenting {read / n * 1000:7.2f}")
    for name in STAGES:
        print(f"  {name:22s} {times[name] / n * 1000:7.2f}")
    print(f"  annotation (sum)       {total / n * 1000:7.2f}")
    if profile:
        prof = cProfile.Profile()
        prof.runcall(_annotate, groups, knowledge, None)
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(25)
        print(out.getvalue())


def _peaks(stop: threading.Event, peaks: dict[int, int]) -> None:
    import psutil

    me = psutil.Process()
    while not stop.is_set():
        for child in me.children(recursive=True):
            try:
                peaks[child.pid] = max(peaks.get(child.pid, 0), child.memory_info().rss)
            except psutil.Error:
                pass
        stop.wait(0.02)


def _worker_state(_: int = 0) -> tuple[int, int, int, bool, bool]:
    time.sleep(0.2)  # so that each worker takes one of these tasks
    with open("/proc/self/status", encoding="ascii") as f:
        status = dict(line.split(":", 1) for line in f)
    kib = [int(status[k].split()[0]) for k in ("VmHWM", "VmRSS")]
    return (os.getpid(), kib[0] * 1024, kib[1] * 1024, "nltk" in sys.modules,
            "scipy" in sys.modules)


def workers(folder: Path, n: int) -> None:
    from analysis.annotate.engine import annotate_reports, worker_pool
    from analysis.corpus import load_corpus
    from analysis.knowledge.bundle import load_knowledge

    stop, peaks = threading.Event(), {}
    thread = threading.Thread(target=_peaks, args=(stop, peaks), daemon=True)
    thread.start()
    start = time.perf_counter()
    load_corpus(folder, jobs=2, cache=False, progress=False)
    took = time.perf_counter() - start
    stop.set()
    thread.join()
    mib = sorted(round(p / 2**20) for p in peaks.values())
    print(f"load_corpus(jobs=2, cache=False) of {n} reports: {took:.2f} s; largest RSS of each "
          f"process under this one (MiB, sampled every 20 ms): {mib}")
    knowledge = load_knowledge()
    entries = load_corpus(folder, annotate=False, progress=False).entries
    with worker_pool(2, knowledge) as pool:
        annotate_reports(entries, jobs=2, cache=False, knowledge=knowledge, progress=False,
                         pool=pool)
        states = {s[0]: s for s in pool.map(_worker_state, range(4))}
    for pid, hwm, rss, nltk, scipy in states.values():
        print(f"  worker {pid} after annotating: peak RSS (VmHWM) {hwm / 2**20:.0f} MiB, "
              f"RSS {rss / 2**20:.0f} MiB, imported nltk: {nltk}, scipy: {scipy}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--profile", action="store_true", help="also cProfile the annotation")
    parser.add_argument("--workers", action="store_true", help="a pool worker's memory instead")
    args = parser.parse_args(argv)
    from analysis.corpus import load_corpus

    samples = load_corpus(ROOT / "reports_raw", annotate=False, progress=False).entries
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        write_corpus(samples, args.reports, folder)
        os.environ["WORKBOOK_CACHE_DIR"] = str(Path(tmp) / "cache")
        if args.workers:
            workers(folder, args.reports)
        else:
            stages(folder, args.reports, args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
