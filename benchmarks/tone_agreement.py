"""Agreement of the tone scores with hand-coded (sentence, actor) portrayals.

    .venv/bin/python benchmarks/tone_agreement.py [--reports reports_raw] [--coded PATH] [--errors N]

Reads the hand-coded pairs (``tests/data/tone_coded.csv``: entry_id, sentence_idx, actor,
label in -1/0/+1, coded from the sample reports without seeing any score), annotates the
reports and prints, for each score, macro-F1 over the three classes and accuracy, with the
neutral band ``|score| < 0.05`` (VADER's own thresholds):

* ``sentence``: VADER compound of the whole sentence (``sentences.tone``);
* ``masked``: the same with actor names masked (``sentences.tone_masked``);
* ``targeted``: the tone aimed at the actor (mean of ``mentions.tone`` of the pair).

The pairs are split in two parts by entry (SHA-1 of the entry id, even or odd; 366 and 147
pairs on the samples): ``dev`` is the part whose disagreements were read while the tone lexicon
and clause rules were written, ``test`` the part held out from that; ``all`` is both. macro-F1 (the unweighted mean of the classes' F1) is the figure of
content-analysis validation, as accuracy would reward calling everything neutral. Exits 0.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NEUTRAL = 0.05
CLASSES = (-1, 0, 1)


def label(score: pd.Series) -> pd.Series:
    return pd.Series(0, index=score.index).mask(score >= NEUTRAL, 1).mask(score <= -NEUTRAL, -1)


def macro_f1(truth: pd.Series, guess: pd.Series) -> float:
    f1 = []
    for c in CLASSES:
        tp = int(((guess == c) & (truth == c)).sum())
        fp = int(((guess == c) & (truth != c)).sum())
        fn = int(((guess != c) & (truth == c)).sum())
        f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1) / len(f1)


def half(entry_id: str) -> str:
    return "dev" if int(hashlib.sha1(entry_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def scored_pairs(reports: str, coded: str) -> pd.DataFrame:
    import analysis

    corpus = analysis.load_corpus(reports, cache=False, progress=False)
    pairs = pd.read_csv(coded)
    sent = corpus.sentences[["entry_id", "sentence_idx", "text", "tone", "tone_masked"]]
    aimed = (corpus.mentions.groupby(["entry_id", "sentence_idx", "actor"])["tone"].mean()
             .rename("targeted").reset_index())
    out = pairs.merge(sent, on=["entry_id", "sentence_idx"], how="left", validate="many_to_one")
    out = out.merge(aimed, on=["entry_id", "sentence_idx", "actor"], how="left",
                    validate="one_to_one")
    missing = out["targeted"].isna().sum()
    if missing:
        print(f"warning: {missing} coded pairs have no mention in the corpus", file=sys.stderr)
    return out.assign(half=out["entry_id"].map(half)).rename(columns={"tone": "sentence",
                                                                      "tone_masked": "masked"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", default=str(ROOT / "reports_raw"))
    parser.add_argument("--coded", default=str(ROOT / "tests/data/tone_coded.csv"))
    parser.add_argument("--errors", type=int, default=0,
                        help="print this many disagreements of the targeted score (dev half)")
    args = parser.parse_args(argv)
    data = scored_pairs(args.reports, args.coded)
    print(f"{len(data)} coded pairs ({(data['half'] == 'dev').sum()} dev, "
          f"{(data['half'] == 'test').sum()} test); labels -1/0/+1: "
          f"{'/'.join(str((data['label'] == c).sum()) for c in CLASSES)}; neutral |s| < {NEUTRAL}")
    print(f"{'score':10} {'part':5} {'macro-F1':>8} {'accuracy':>8}")
    for score in ("sentence", "masked", "targeted"):
        for part in ("dev", "test", "all"):
            rows = data if part == "all" else data[data["half"] == part]
            guess = label(rows[score].fillna(0.0))
            print(f"{score:10} {part:5} {macro_f1(rows['label'], guess):8.3f} "
                  f"{(guess == rows['label']).mean():8.3f}")
    if args.errors:
        dev = data[data["half"] == "dev"]
        wrong = dev[label(dev["targeted"].fillna(0.0)) != dev["label"]]
        for r in wrong.head(args.errors).itertuples(index=False):
            print(f"\n{r.entry_id} {r.sentence_idx} {r.actor}: coded {r.label:+d}, "
                  f"targeted {r.targeted:+.3f}, sentence {r.sentence:+.3f}\n  {r.text}\n  "
                  f"({r.reason})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
