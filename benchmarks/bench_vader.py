"""VADER per sentence: vaderSentiment against our two implementations, on real sentences.

    python benchmarks/bench_vader.py                      # the samples' sentences
    python benchmarks/bench_vader.py --dev /work/tonedata/reports
    python benchmarks/bench_vader.py --old /tmp/old_vader.py   # and a former vader.py

Times the compound score of every sentence (best of ``--repeat`` runs; microseconds per
sentence): ``vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores``, a
former implementation given as a file (``--old``: a ``vader.py`` with ``analyzer()``, as
``git show <commit>:analysis/annotate/vader.py`` writes it), our per-text path
(:meth:`analysis.annotate.vader.Vader332.compound`, pure Python with each token looked up once
per process) and our batch path (:func:`analysis.annotate.vader.compounds`, NumPy over token
ids, one call per report as ``sentence_tone.add_tone`` makes it). "cold" is a fresh analyzer
(every token new to it), "warm" one that has seen the sentences before. Every path's scores
are checked equal to vaderSentiment's first.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _cold(make, run, repeat: int) -> float:
    """The best of ``repeat`` runs of ``run(make())``, each on a freshly made analyzer."""
    best = float("inf")
    for _ in range(repeat):
        fresh = make()
        start = time.perf_counter()
        run(fresh)
        best = min(best, time.perf_counter() - start)
    return best


def _reports(folder: Path) -> list[list[str]]:
    from analysis.annotate.sentences import split_sentences

    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append([text[a:b] for a, b in split_sentences(text)])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, help="a folder of reports instead of the samples")
    parser.add_argument("--old", type=Path, help="a former vader.py to time too")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.annotate.vader import Vader332, _vader_dir, analyzer
    from analysis.annotate.vader_batch import BatchScorer

    reports = _reports(args.dev or ROOT / "reports_raw")
    texts = [t for r in reports for t in r]
    n = len(texts)
    reference = SentimentIntensityAnalyzer()
    expected = [reference.polarity_scores(t)["compound"] for t in texts]

    def fresh() -> Vader332:
        return Vader332(_vader_dir() / "vader_lexicon.txt", _vader_dir() / "emoji_utf8_lexicon.txt")

    rows = [("vaderSentiment 3.3.2", _best(lambda: [reference.polarity_scores(t) for t in texts],
                                           max(1, args.repeat // 2)))]
    if args.old:
        spec = importlib.util.spec_from_file_location("old_vader", args.old)
        old = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(old)
        former = old.analyzer()
        assert [former.compound(t) for t in texts] == expected
        rows.append((f"former ({args.old.name})", _best(lambda: [former.compound(t) for t in texts],
                                                        args.repeat)))
    ours = analyzer()
    assert [ours.compound(t) for t in texts] == expected
    rows.append(("ours, per text, warm", _best(lambda: [ours.compound(t) for t in texts],
                                               args.repeat)))
    rows.append(("ours, per text, cold", _cold(fresh, lambda v: [v.compound(t) for t in texts],
                                               args.repeat)))
    batch = BatchScorer(ours)
    assert [x for r in reports for x in batch.compounds(r).tolist()] == expected
    rows.append(("ours, batch per report, warm", _best(
        lambda: [batch.compounds(r) for r in reports], args.repeat)))
    rows.append(("ours, batch per report, cold", _cold(
        lambda: BatchScorer(fresh()), lambda b: [b.compounds(r) for r in reports], args.repeat)))
    words = sum(len(t.split()) for t in texts)
    print(f"{n} sentences of {len(reports)} reports ({words / n:.1f} words each), all scores equal "
          "to vaderSentiment's; microseconds per sentence:")
    base = rows[0][1]
    for name, seconds in rows:
        print(f"  {name:32s} {seconds / n * 1e6:8.2f}   ({base / seconds:5.1f}x vaderSentiment)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
