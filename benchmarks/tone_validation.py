"""Validation of the tone model against the coded corpus: the tables of benchmarks/README.md.

    .venv/bin/python benchmarks/tone_validation.py [--corpus PATH] [--recode PATH]
        [--model PATH] [--ablation] [--no-newsmtsc]

Prints, for the shipped model (``analysis/data/tone_model.json``, or ``--model``):

1. the corpus (pairs, reports, countries, labels) and Cohen's kappa of the recode pass
   (``sklearn.metrics.cohen_kappa_score``: two independent codings of a random 300 pairs);
2. report-grouped 5-fold cross-validation on the training reports (no report in both the
   fitting and the scoring folds), the model's recorded configuration refitted in each fold;
3. the test split (whole reports, about 20% of each country's, set aside by a fixed rule
   before any model was fitted and used for no choice), scored with the shipped file itself
   (NumPy, as at run time);
4. NewsMTSC's devtest_rw (Hamborg & Donnay 2021), a public benchmark of another domain;
5. with ``--ablation``: the cross-validated macro-F1 with each feature group left out.

Each table gives macro-F1 (the unweighted mean of the three classes' F1: the figure of
content-analysis validation, as accuracy would reward calling everything neutral), the F1 of
each class, accuracy and the confusion matrix, for: the model's ``tone`` read with VADER's
thresholds (>= 0.05 positive, <= -0.05 negative: what a reader of ``mentions.tone`` or
``workbook tag`` sees), the model's own class (largest probability), sentence VADER
(``sentences.tone``), the clause-lexicon score (``mentions.tone_lexicon``, the old
``mentions.tone``) and the majority class of the training reports. Exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tone_training as T
from tone_data import (
    CORPUS,
    GROUPS,
    RECODE,
    WRITTEN,
    agreement,
    country,
    file_digest,
    group_of,
    kappa,
    newsmtsc_dir,
    newsmtsc_rows,
    read_label,
)

from analysis.knowledge.tone_model import load_tone_model


def table(title: str, y, readings: dict[str, np.ndarray], confusion: bool = True) -> None:
    print(f"\n{title}")
    print(f"{'measure':34} {'macro-F1':>8} {'F1 -1':>6} {'F1 0':>6} {'F1 +1':>6} "
          f"{'accuracy':>8} {'n':>6}")
    for name, guess in readings.items():
        a = agreement(y, guess)
        print(f"{name:34} {a['macro_f1']:8.3f} {a['f1'][0]:6.3f} {a['f1'][1]:6.3f} "
              f"{a['f1'][2]:6.3f} {a['accuracy']:8.3f} {a['n']:6d}")
    if confusion:
        print("confusion matrices (rows: coded -1, 0, +1; columns: read -1, 0, +1):")
        for name, guess in readings.items():
            m = agreement(y, guess)["confusion"]
            print(f"  {name:32} " + "  ".join("[" + " ".join(f"{v:4d}" for v in r) + "]" for r in m))


def baselines(scores, y_train: np.ndarray, index: np.ndarray) -> dict[str, np.ndarray]:
    majority = int(np.bincount(y_train + 1).argmax()) - 1
    return {"sentence VADER (sentences.tone)": read_label(scores["sentence_vader"].to_numpy()[index]),
            "clause lexicon (tone_lexicon)": read_label(scores["lexicon"].to_numpy()[index]),
            f"majority class ({majority:+d})": np.full(len(index), majority)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--recode", type=Path, default=RECODE)
    parser.add_argument("--written", type=Path, default=WRITTEN)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--ablation", action="store_true", help="also leave out each feature group")
    parser.add_argument("--ablation-only", action="store_true",
                        help="only the ablation (cross-validation; the test split is not read)")
    parser.add_argument("--no-newsmtsc", action="store_true")
    args = parser.parse_args(argv)
    model = load_tone_model(args.model)
    pairs, part, scores, is_test = T.prepare(args.corpus)
    rows = part.rows
    if model.trained.get("corpus_sha256") != file_digest(args.corpus):
        print(f"warning: {model.source} was trained on another corpus than {args.corpus}",
              file=sys.stderr)
    y = pairs["label"].to_numpy()
    tr, te = np.flatnonzero(~is_test), np.flatnonzero(is_test)
    counts = "/".join(str(int((y == c).sum())) for c in (-1, 0, 1))
    countries = sorted({country(r) for r in pairs["report_id"]})
    print(f"corpus {args.corpus.name}: {len(pairs)} pairs of {pairs['report_id'].nunique()} "
          f"reports, {len(countries)} countries ({', '.join(countries)}); labels -1/0/+1 "
          f"{counts}")
    print(f"training part: {len(tr)} pairs of {pairs['report_id'][~is_test].nunique()} reports; "
          f"test split: {len(te)} pairs of {pairs['report_id'][is_test].nunique()} reports "
          f"({', '.join(sorted(set(pairs['report_id'][is_test])))})")
    k = kappa(pairs, args.recode)
    if k is not None:
        print(f"recode pass: {k['n']} pairs coded again independently: raw agreement "
              f"{k['agreement']:.3f}, Cohen's kappa {k['kappa']:.3f}")
    cv = model.validation["cv"]
    config, gamma, offset = cv["config"], model.gamma, float(model.delta[1])
    print(f"model: {model.source}, {len(model.features)} features, {config}, decision rule "
          f"gamma {gamma:g}, neutral offset {offset:+g}")
    folder = None if args.no_newsmtsc else newsmtsc_dir()
    extras = T.load_extras(newsmtsc=folder is not None, written=args.written)
    if model.trained.get("written_sha256") not in (None, file_digest(args.written)):
        print(f"warning: {model.source} was trained on other written pairs than {args.written}",
              file=sys.stderr)
    y_tr = y[tr]
    groups = pairs["report_id"].to_numpy()[tr].tolist()
    if args.ablation_only:
        ablation(part.take(tr), groups, config, extras)
        return 0
    z = T.cross_logits(part.take(tr), groups, config, extras)
    read, own = T.readings(T.scored(z, gamma, offset))
    table(f"report-grouped {T.FOLDS}-fold cross-validation on the training part "
          f"(threshold reading = model's class on {np.mean(read == own):.1%} of pairs)", y_tr,
          {"model: tone by thresholds": read, "model: its class (argmax)": own,
           **baselines(scores, y_tr, tr)}, confusion=False)
    p = model.scores([rows[i] for i in te])
    read, own = T.readings(p)
    table(f"test split: {len(te)} pairs of held-out reports, the shipped model "
          f"(threshold reading = model's class on {np.mean(read == own):.1%} of pairs)", y[te],
          {"model: tone by thresholds": read, "model: its class (argmax)": own,
           **baselines(scores, y_tr, te)})
    if folder is not None:
        nrows, ny = newsmtsc_rows("devtest_rw", folder)
        read, own = T.readings(model.scores(nrows))
        table("NewsMTSC devtest_rw (news, mostly US persons as targets; another domain)", ny,
              {"model: tone by thresholds": read, "model: its class (argmax)": own,
               "sentence VADER": read_label([r["v_sent"] for r in nrows]),
               "clause lexicon": read_label([r["v_near"] for r in nrows])})
    if args.ablation:
        ablation(part.take(tr), groups, config, extras)
    return 0


def ablation(part: T.Part, groups, config, extras) -> None:
    """Cross-validated macro-F1 with each feature group, then each extra training source, left
    out (decision rule chosen again)."""
    full = T.best_rule(T.cross_logits(part, groups, config, extras), part.y)
    print(f"\nablation: cross-validated macro-F1 (tone by thresholds) with one feature group or "
          f"training source left out; all {full['macro_f1']:.3f}")
    print(f"{'left out':36} {'features':>8} {'macro-F1':>8} {'change':>7}")

    def without(p: T.Part, group: str) -> T.Part:
        return T.Part([{n: v for n, v in r.items() if group_of(n) != group} for r in p.rows], p.y)

    for group in GROUPS:
        dropped = len({n for r in part.rows for n in r if group_of(n) == group})
        rule = T.best_rule(T.cross_logits(without(part, group), groups, config,
                                          {k: without(p, group) for k, p in extras.items()}),
                           part.y)
        print(f"{group:36} {dropped:8d} {rule['macro_f1']:8.3f} "
              f"{rule['macro_f1'] - full['macro_f1']:+7.3f}")
    for source in T.SOURCES:
        if config.get(source, 0) > 0:
            rule = T.best_rule(T.cross_logits(part, groups, {**config, source: 0.0}, extras),
                               part.y)
            label = f"training pairs: {source}"
            print(f"{label:36} {'':>8} {rule['macro_f1']:8.3f} "
                  f"{rule['macro_f1'] - full['macro_f1']:+7.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
