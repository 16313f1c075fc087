"""Benchmark of the measures on synthetic corpora: seconds and memory per measure and size.

For each size (``--sizes``, default 100 and 1,000 reports) the sample reports' entries are
recombined into real ``.txt`` reports (``synthetic.py``, fixed seed) in ``--folder``/<size>/reports,
loaded with ``load_corpus`` and a cache in ``--folder``/<size>/cache (so a rerun only pays the
cached reload), then each measure is called with its default arguments, as the notebooks call it:
attention (by report and by period), tone, tone_change, compare and keyness (first report against
the last, chronologically), keyness with an actor, evidence, frame_shares, dispersion,
cooccurrence, outlets and authors. The table gives wall seconds, seconds per 1,000 reports and the
peak resident memory above the level before the call (sampled every 5 ms from /proc).

``--profile NAME`` runs that measure under cProfile instead and prints the 30 heaviest functions
by cumulative time; ``--only a,b`` times only those measures; ``--json FILE`` saves the timings.

Each size ends with the sum of attention, tone, compare and keyness (issue 15: at most 20% of a
cold ``load_corpus``) and that sum as a share of the cold load: ``--cold SECONDS`` (one value, or
one per size: ``--cold 30,110``), else the load this run timed when it built the cache itself (a
reload from the cache is no cold load, and then no share is printed).

Usage: ``python benchmarks/bench_measures.py [--sizes 100,1000] [--folder /tmp/bench-measures]``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Self

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

ACTOR = "China"
ACTORS = ["China", "North Korea", "Japan"]


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


class PeakRSS:
    """Peak resident memory above the level at entry, sampled by a thread."""

    def __init__(self, every: float = 0.005):
        self.every, self.peak, self._stop = every, 0, threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(self.every)

    def __enter__(self) -> Self:
        self.start = _rss()
        self.peak = self.start
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())

    @property
    def increase(self) -> int:
        return self.peak - self.start


def corpus_of(size: int, folder: Path):
    """The synthetic corpus of ``size`` reports, written once and loaded through its cache."""
    from synthetic import write_corpus

    import analysis as a

    reports = folder / str(size) / "reports"
    if not reports.is_dir() or len(list(reports.glob("*.txt"))) != size:
        plain = a.load_corpus(ROOT / "reports_raw", annotate=False, cache=False)
        write_corpus(plain.entries, size, reports)
    cache = folder / str(size) / "cache"
    cold = not cache.is_dir() or not any(cache.iterdir())
    start = time.perf_counter()
    corpus = a.load_corpus(reports, cache=cache, progress=False)
    return corpus, time.perf_counter() - start, cold


def measures(corpus) -> dict:
    """Name -> zero-argument call of each measure benchmarked."""
    import analysis as a

    ids = corpus.reports.sort_values(["period", "report_id"])["report_id"].tolist()
    base, target = ids[0], ids[-1]
    # Every measure imported now, not at its first call (timed, and edits meanwhile unseen).
    f = SimpleNamespace(**{name: getattr(a, name) for name in (
        "attention", "tone", "tone_change", "compare", "keyness", "evidence", "frame_shares",
        "dispersion", "cooccurrence", "outlets", "authors")})
    return {
        "attention": lambda: f.attention(corpus),
        "attention_period": lambda: f.attention(corpus, by="period", actors=ACTORS),
        "tone": lambda: f.tone(corpus),
        "tone_change": lambda: f.tone_change(corpus, baseline=base, target=target),
        "compare": lambda: f.compare(corpus, baseline=base, target=target),
        "keyness": lambda: f.keyness(corpus, target=target, baseline=base),
        "keyness_actor": lambda: f.keyness(corpus, target=target, baseline=base, actor=ACTOR),
        "evidence": lambda: f.evidence(corpus, baseline=base, target=target, actor=ACTOR),
        "frame_shares": lambda: f.frame_shares(corpus),
        "dispersion": lambda: f.dispersion(corpus),
        "cooccurrence": lambda: f.cooccurrence(corpus),
        "outlets": lambda: f.outlets(corpus),
        "authors": lambda: f.authors(corpus),
    }


CORE = ("attention", "tone", "compare", "keyness")


def run(size: int, folder: Path, only: list[str] | None, profile: str | None,
        cold_s: float | None = None) -> dict:
    corpus, load_s, cold = corpus_of(size, folder)
    print(f"\n{size} reports: {len(corpus.entries):,} entries, {len(corpus.tokens):,} tokens, "
          f"{len(corpus.mentions):,} mentions; load {load_s:.1f} s "
          f"({'cold: no cache yet' if cold else 'a cache: cold only where its entries are stale'})",
          flush=True)
    if cold_s is None and cold:
        cold_s = load_s
    calls = measures(corpus)
    if profile:
        profiler = cProfile.Profile()
        profiler.runcall(calls[profile])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return {}
    out = {}
    print(f"{'measure':<18}{'seconds':>10}{'s / 1k rep':>12}{'peak RSS +MiB':>15}{'rows':>8}")
    for name, call in calls.items():
        if only and name not in only:
            continue
        with PeakRSS() as mem:
            start = time.perf_counter()
            result = call()
            seconds = time.perf_counter() - start
        out[name] = {"seconds": seconds, "per_1k": 1000 * seconds / size,
                     "rss_mib": mem.increase / 2**20, "rows": len(result)}
        print(f"{name:<18}{seconds:>10.2f}{1000 * seconds / size:>12.2f}"
              f"{mem.increase / 2**20:>15.0f}{len(result):>8}", flush=True)
        del result
    timed = [n for n in CORE if n in out]
    core = sum(out[n]["seconds"] for n in timed)
    share = (f", {100 * core / cold_s:.1f}% of a cold load of {cold_s:.1f} s (target <= 20%)"
             if cold_s else " (no cold load time: give --cold SECONDS for the share)")
    print(f"{' + '.join(timed) or 'none of ' + ', '.join(CORE)}: {core:.1f} s{share}")
    return {"load": load_s, "load_cold": cold, "cold": cold_s, "core": core,
            "core_share": core / cold_s if cold_s else None, "measures": out}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--folder", type=Path,
                        default=Path(tempfile.gettempdir()) / "bench-measures")
    parser.add_argument("--only", help="comma-separated measure names")
    parser.add_argument("--profile", help="profile this measure (cProfile) instead of timing")
    parser.add_argument("--json", type=Path, help="write the timings to this file")
    parser.add_argument("--cold", help="seconds of a cold load_corpus (one, or one per size)")
    args = parser.parse_args(argv)
    only = args.only.split(",") if args.only else None
    sizes = [int(s) for s in args.sizes.split(",")]
    colds = [float(c) for c in args.cold.split(",")] if args.cold else [None]
    if len(colds) == 1:
        colds = colds * len(sizes)
    if len(colds) != len(sizes):
        parser.error(f"--cold: give one value or one per size ({len(sizes)}), not {args.cold}")
    warnings.simplefilter("ignore")
    results = {}
    for size, cold_s in zip(sizes, colds, strict=True):
        results[size] = run(size, args.folder, only, args.profile, cold_s)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
