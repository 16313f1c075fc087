"""The cost of the tone model's features: annotation with and without them, cold, back to back.

    .venv/bin/python benchmarks/tone_cost.py [FOLDER ...] [--synthetic N] [--repeat K]

For each folder of reports (default: ``reports_raw``; the round-2 figures of benchmarks/README
use the 107 real excerpts the coded corpus was drawn from and ``--synthetic 200``), the entries
are read once (``load_corpus(annotate=False)``); then, each in a fresh process (every cache
cold: the word, sentence and feature caches of :mod:`analysis.annotate.tone_features` start
empty), :func:`analysis.annotate.report.annotate` runs over the reports one at a time
(``tokens=False``, as the engine calls it) in two modes:

* ``lexicon``: the mentions keep only the clause-lexicon score
  (:func:`analysis.annotate.clause_tone.add_targeted_tone`), what annotation cost before the
  model;
* ``model``: the shipped annotation (:func:`analysis.annotate.model_tone.add_model_tone`).

The modes alternate ``K`` times (default 2) so that both see the same load of the machine;
the figure is process CPU seconds (``time.process_time``) of the annotation alone, and the
model's cost is ``model / lexicon - 1``. Prints one line per run and a summary; exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODES = ("lexicon", "model")


def _child(entries_file: str, mode: str) -> dict:
    """Annotate the pickled entries report by report in ``mode``; CPU seconds and counts."""
    import time

    from analysis.annotate import report
    from analysis.annotate.clause_tone import add_targeted_tone
    from analysis.knowledge.tone_lexicon import load_tone
    from analysis.knowledge.tone_model import load_tone_model

    with open(entries_file, "rb") as handle:
        entries = pickle.load(handle)
    load_tone(), load_tone_model()  # the knowledge is loaded once per worker in both modes
    if mode == "lexicon":
        def lexicon_only(found, scored, lexicon, model):
            return add_targeted_tone(found, scored, lexicon)
        report.add_model_tone = lexicon_only
    groups = [g for _, g in entries.groupby("report_id", sort=True)]
    import pandas as pd

    warm = pd.DataFrame({"entry_id": ["w"], "report_id": ["w"], "text": ["Moscow met Seoul."]})
    report.annotate(warm, tokens=False)  # imports and first-use set-up, outside the timing
    _forget()
    start, mentions = time.process_time(), 0
    for group in groups:
        mentions += len(report.annotate(group, tokens=False)["mentions"])
    return {"mode": mode, "cpu": time.process_time() - start, "reports": len(groups),
            "mentions": mentions}


def _forget() -> None:
    """Empty the word, sentence and pair caches of the tone model's modules (whatever this
    checkout calls them), so that every word and sentence is met for the first time."""
    for name, module in list(sys.modules.items()):
        if name.startswith(("analysis.annotate.tone_", "analysis.annotate.model_tone")):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
            for cache in ("_INFO", "_NORMAL"):
                if isinstance(getattr(module, cache, None), dict):
                    getattr(module, cache).clear()


def _entries(folder: Path):
    import warnings

    from analysis.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(folder, annotate=False, progress=False).entries


def measure(folder: Path, repeat: int) -> list[dict]:
    """The runs of both modes on the reports of ``folder``, alternating, each process cold."""
    entries = _entries(folder)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "entries.pkl")
        with open(path, "wb") as handle:
            pickle.dump(entries, handle)
        for k in range(repeat):
            for mode in MODES if k % 2 == 0 else MODES[::-1]:
                out = subprocess.run([sys.executable, __file__, "--child", path, mode],
                                     capture_output=True, text=True, check=True, cwd=ROOT)
                run = json.loads(out.stdout.strip().splitlines()[-1])
                runs.append(run)
                print(f"  {folder.name}: {mode:8} {run['cpu']:7.2f} s CPU, {run['reports']} "
                      f"reports, {run['mentions']:,} mentions", flush=True)
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--synthetic", type=int, default=0, metavar="N",
                        help="also N synthetic reports (benchmarks/synthetic.py)")
    parser.add_argument("--repeat", type=int, default=2, metavar="K")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}"
          f" (1, 5, 15 min) on {os.cpu_count()} cores")
    folders = list(args.folders) or ([] if args.synthetic else [ROOT / "reports_raw"])
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from synthetic import write_corpus

            samples = _entries(ROOT / "reports_raw")
            write_corpus(samples, args.synthetic, Path(tmp) / f"synthetic-{args.synthetic}")
            folders.append(Path(tmp) / f"synthetic-{args.synthetic}")
        for folder in folders:
            runs = measure(folder, args.repeat)
            cpu = {m: [r["cpu"] for r in runs if r["mode"] == m] for m in MODES}
            lex, mod = (sum(cpu[m]) / len(cpu[m]) for m in MODES)
            mentions = runs[0]["mentions"]
            print(f"{folder.name}: lexicon {lex:.2f} s, model {mod:.2f} s: the model adds "
                  f"{mod / lex - 1:+.0%} ({(mod - lex) / max(mentions, 1) * 1000:.3f} ms per "
                  f"mention, {mentions:,} mentions)")
    print(f"load: {os.getloadavg()[0]:.2f} (1 min) after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
