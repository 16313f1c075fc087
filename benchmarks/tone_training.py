"""Train the tone model on the coded corpus and write ``analysis/data/tone_model.json``.

    .venv/bin/python benchmarks/tone_training.py [--corpus PATH] [--recode PATH] [--out PATH]

Here, not in the package: fitting needs scikit-learn (the ``bench`` extra, like the other
benchmarks), which the workbook never imports at run time, and the corpus lives in
``tests/data/``, which is not shipped. The package holds only what runs: the features
(:mod:`analysis.annotate.tone_features`) and the fitted weights, applied with NumPy
(:mod:`analysis.knowledge.tone_model`).

1. The pairs of the corpus become feature rows (``tone_data.pair_rows``); the test split
   (``tone_data.test_reports``: about 20% of each country's reports, by a fixed rule) is set
   aside and used for no choice.
2. On the other reports, report-grouped 5-fold cross-validation (``GroupKFold``: no report in
   both the training and the scoring fold) compares linear models: multinomial logistic
   regression (L2; ``C``, class weights, the least number of training pairs a feature must
   occur in, NewsMTSC's training targets added at a weight or not) and, for each, the decision
   rule (the sharpening ``gamma`` and neutral offset of :mod:`analysis.knowledge.tone_model`).
   The choice is the largest cross-validated macro-F1 of the label read from ``tone`` with
   VADER's thresholds, among the rules whose reading gives the model's own class on at least
   95% of pairs; ties go to the earlier (simpler) candidate.
3. The chosen model is fitted on all the training reports, scored once on the test split
   (beside sentence VADER, the clause-lexicon score and the majority class) and on NewsMTSC's
   devtest_rw, and written with those figures and the kappa of the recode pass.

Deterministic: sorted inputs, a fixed split and folds, lbfgs; the same corpus gives a
byte-identical file. Prints what it chose; exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tone_data import (
    CLASSES,
    CORPUS,
    MODEL,
    RECODE,
    WRITTEN,
    agreement,
    file_digest,
    kappa,
    newsmtsc_dir,
    newsmtsc_rows,
    pair_rows,
    read_label,
    read_pairs,
    test_reports,
    written_rows,
)

#: The models compared by cross-validation: ``newsmtsc`` and ``written`` are the weights of
#: those training pairs (0: left out).
GRID = {"C": [0.01, 0.03], "class_weight": ["balanced"], "min_df": [2, 3],
        "newsmtsc": [0.0, 0.3], "written": [0.0, 0.3, 0.5, 1.0]}
#: The extra training sources (never scored): name -> weight key of the configuration.
SOURCES = ("newsmtsc", "written")
#: The decision rules compared: sharpening gamma, offset of the neutral class's logit.
GAMMAS = [1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 30.0, 50.0, 100.0]
OFFSETS = [0.0, -0.25, 0.25, -0.5, 0.5, -1.0, 1.0]
#: The least share of pairs on which the label read from tone must be the model's own class.
MIN_CONSISTENT = 0.95
FOLDS = 5


def columns(rows: list[dict], min_df: int) -> list[str]:
    """The feature names that occur in at least ``min_df`` rows, sorted."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if c >= min_df)


@dataclass
class Part:
    """Pairs as model input: feature rows and labels."""

    rows: list[dict]
    y: np.ndarray

    def take(self, index) -> Part:
        return Part([self.rows[i] for i in index], self.y[index])


def matrix(rows: list[dict], names: list[str]):
    """The sparse design matrix of ``rows`` over ``names``."""
    from scipy.sparse import csr_matrix

    index = {n: j for j, n in enumerate(names)}
    indptr, indices, values = [0], [], []
    for row in rows:  # each row's columns in order: the matrix does not depend on dict order
        found = sorted((j, value) for name, value in row.items()
                       if (j := index.get(name)) is not None and value)
        indices += [j for j, _ in found]
        values += [v for _, v in found]
        indptr.append(len(indices))
    return csr_matrix((np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                       np.asarray(indptr, dtype=np.int64)), shape=(len(rows), len(names)))


def fit(part: Part, config: dict, extras: dict[str, Part] | None = None):
    """``(names, estimator)``: logistic regression of ``config`` on the series' pairs ``part``
    and each extra source (:data:`SOURCES`) at its weight ``config[name]``. The features are
    those in at least ``min_df`` pairs of the series (the coded and the written ones)."""
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    used = [(extras[n], config.get(n, 0.0)) for n in SOURCES
            if extras and n in extras and config.get(n, 0.0) > 0]
    written = extras.get("written") if extras and config.get("written", 0.0) > 0 else None
    names = columns(part.rows + (written.rows if written else []), config["min_df"])
    rows = part.rows + [r for p, _ in used for r in p.rows]
    y = np.concatenate([part.y, *(p.y for p, _ in used)])
    weights = np.concatenate([np.ones(len(part.rows)), *(np.full(len(p.rows), w) for p, w in used)])
    model = LogisticRegression(C=config["C"], class_weight=config["class_weight"],
                               solver="lbfgs", max_iter=5000, tol=1e-4)
    with threadpool_limits(1):  # a small problem: threads only contend (12x slower on 2 cores)
        model.fit(matrix(rows, names), y, sample_weight=weights)
    if list(model.classes_) != list(CLASSES):
        raise ValueError(f"the training rows lack a class: {list(model.classes_)}")
    return names, model


def decide(estimator, names: list[str], part: Part) -> np.ndarray:
    """The fitted model's logits ``z`` of the pairs ``part``."""
    return estimator.decision_function(matrix(part.rows, names))


def folds(groups: list[str]) -> list[np.ndarray]:
    """The scoring fold of each of :data:`FOLDS` report-grouped folds (sklearn GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    k = min(FOLDS, len(set(groups)))
    return [test for _, test in GroupKFold(n_splits=k).split(np.zeros(len(groups)), groups=groups)]


def cross_logits(part: Part, groups, config, extras=None) -> np.ndarray:
    """Out-of-fold logits ``z`` of every pair of ``part`` (report-grouped folds; the extra
    sources join every fitting fold and no scoring fold)."""
    z = np.zeros((len(part.rows), len(CLASSES)))
    for scoring in folds(groups):
        train = np.setdiff1d(np.arange(len(part.rows)), scoring)
        names, model = fit(part.take(train), config, extras)
        z[scoring] = decide(model, names, part.take(scoring))
    return z


def scored(z: np.ndarray, gamma: float, offset: float) -> np.ndarray:
    """The shipped probabilities ``softmax(gamma z + delta)`` (delta on the neutral logit)."""
    s = gamma * z + np.array([0.0, offset, 0.0])
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def readings(p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The label read from ``tone = p+ - p-`` by the thresholds, and the model's class."""
    return read_label(p[:, 2] - p[:, 0]), np.asarray(CLASSES)[p.argmax(axis=1)]


def best_rule(z: np.ndarray, y: np.ndarray) -> dict:
    """The decision rule with the best macro-F1 of the threshold reading among those whose
    reading is the model's class on at least :data:`MIN_CONSISTENT` of the rows (when none
    is, the most consistent rule)."""
    tried = []
    for gamma, offset in itertools.product(GAMMAS, OFFSETS):
        read, own = readings(scored(z, gamma, offset))
        tried.append({"gamma": gamma, "offset": offset,
                      "macro_f1": agreement(y, read)["macro_f1"],
                      "consistent": float((read == own).mean()),
                      "argmax_macro_f1": agreement(y, own)["macro_f1"]})
    ok = [t for t in tried if t["consistent"] >= MIN_CONSISTENT]
    if not ok:
        return max(tried, key=lambda t: t["consistent"])
    best = ok[0]
    for t in ok[1:]:
        if t["macro_f1"] > best["macro_f1"] + 1e-9:
            best = t
    return best


def candidates(grid: dict = GRID) -> list[dict]:
    keys = list(grid)
    return [dict(zip(keys, values, strict=True)) for values in itertools.product(*grid.values())]


def model_text(names, estimator, rule: dict, validation: dict, trained: dict) -> str:
    """The model file: JSON, one feature per line, keys sorted (byte-stable)."""
    from analysis.knowledge.tone_model import FORMAT
    from analysis.knowledge.tone_words import load_tone_words

    head = {"format": FORMAT, "classes": list(CLASSES), "gamma": rule["gamma"],
            "delta": [0.0, rule["offset"], 0.0],
            "intercept": [float(v) for v in estimator.intercept_],
            "words_sha256": load_tone_words().digest, "validation": validation,
            "trained": trained}
    lines = [f"{json.dumps(n)}: {json.dumps([float(v) for v in estimator.coef_[:, j]])}"
             for j, n in enumerate(names)]
    top = [f"{json.dumps(k)}: {json.dumps(head[k], sort_keys=True)}" for k in sorted(head)]
    return "{\n" + ",\n".join(top) + ',\n"weights": {\n' + ",\n".join(lines) + "\n}\n}\n"


def prepare(corpus: Path):
    """The coded pairs found in their sentences, as a :class:`Part`, with the baseline scores
    and the test-split mask."""
    pairs = read_pairs(corpus)
    rows, scores = pair_rows(pairs)
    found = np.array([r is not None for r in rows])
    if not found.all():
        print(f"warning: {int((~found).sum())} pairs whose actor the gazetteer does not find in "
              "the sentence are left out", file=sys.stderr)
    pairs, scores = pairs[found].reset_index(drop=True), scores[found].reset_index(drop=True)
    rows = [r for r in rows if r is not None]
    test = set(test_reports(pairs["report_id"]))
    is_test = pairs["report_id"].isin(test).to_numpy()
    return pairs, Part(rows, pairs["label"].to_numpy()), scores, is_test


def load_extras(newsmtsc: bool = True, written: Path | None = WRITTEN) -> dict[str, Part]:
    """The extra training sources found: NewsMTSC's training targets, the written pairs."""
    extras = {}
    folder = newsmtsc_dir() if newsmtsc else None
    if folder is not None:
        extras["newsmtsc"] = Part(*newsmtsc_rows("train", folder))
    if written is not None and Path(written).exists():
        extras["written"] = Part(*written_rows(written))
    return extras


def train(corpus: Path = CORPUS, recode: Path = RECODE, grid: dict = GRID,
          newsmtsc: bool = True, written: Path | None = WRITTEN, log=print) -> str:
    """Choose, fit and validate the model (module notes); the model file's text."""
    pairs, part, scores, is_test = prepare(corpus)
    tr = np.flatnonzero(~is_test)
    train_part = part.take(tr)
    groups = pairs["report_id"].to_numpy()[tr].tolist()
    extras = load_extras(newsmtsc, written)
    grid = {k: (v if k not in SOURCES or k in extras else [0.0]) for k, v in grid.items()}
    log(f"{len(pairs)} pairs of {pairs['report_id'].nunique()} reports; training part "
        f"{len(tr)} pairs of {len(set(groups))} reports, test split {int(is_test.sum())} pairs; "
        + ", ".join(f"{n} {len(p.rows)} pairs" for n, p in extras.items()))
    best = None
    for config in candidates(grid):
        rule = best_rule(cross_logits(train_part, groups, config, extras), train_part.y)
        log(f"  {config}: CV macro-F1 {rule['macro_f1']:.3f} (argmax {rule['argmax_macro_f1']:.3f})"
            f", gamma {rule['gamma']}, offset {rule['offset']}")
        if best is None or rule["macro_f1"] > best[1]["macro_f1"] + 1e-9:
            best = (config, rule)
    config, rule = best
    log(f"chosen: {config}, {rule}")
    names, estimator = fit(train_part, config, extras)
    validation = validate(pairs, part, scores, is_test, names, estimator, rule, recode,
                          newsmtsc_dir() if newsmtsc else None)
    validation["cv"] = {"config": config, **rule, "folds": FOLDS, "n": len(tr),
                        "reports": len(set(groups))}
    trained = {"corpus_sha256": file_digest(corpus), "pairs": len(tr),
               "reports": len(set(groups)), "features": len(names), **config,
               **{f"{n}_pairs": len(p.rows) for n, p in extras.items() if config.get(n, 0) > 0}}
    if "written" in extras and config.get("written", 0) > 0:
        trained["written_sha256"] = file_digest(written)
    return model_text(names, estimator, rule, validation, trained)


def validate(pairs, part, scores, is_test, names, estimator, rule, recode, folder) -> dict:
    """The figures on the test split, NewsMTSC's devtest_rw and the recode pass."""
    y = part.y
    te = np.flatnonzero(is_test)
    p = scored(decide(estimator, names, part.take(te)), rule["gamma"], rule["offset"])
    read, own = readings(p)
    majority = int(np.bincount(y[~is_test] + 1).argmax()) - 1
    test = {"n": len(te), "reports": sorted(set(pairs["report_id"][is_test])),
            "model": {**agreement(y[te], read), "consistent": float((read == own).mean())},
            "model_argmax": agreement(y[te], own),
            "sentence_vader": agreement(y[te], read_label(scores["sentence_vader"].to_numpy()[te])),
            "lexicon": agreement(y[te], read_label(scores["lexicon"].to_numpy()[te])),
            "majority": {**agreement(y[te], np.full(len(te), majority)), "label": majority}}
    out = {"measure": "tone model: logistic regression over clause features", "test": test}
    if folder is not None:
        rows, ny = newsmtsc_rows("devtest_rw", folder)
        p = scored(decide(estimator, names, Part(rows, ny)), rule["gamma"],
                   rule["offset"])
        read, own = readings(p)
        out["newsmtsc_devtest_rw"] = {
            "model": agreement(ny, read), "model_argmax": agreement(ny, own),
            "sentence_vader": agreement(ny, read_label([r["v_sent"] for r in rows]))}
    k = kappa(pairs, recode)
    out["kappa"] = None if k is None else k["kappa"]
    out["recode"] = k
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--recode", type=Path, default=RECODE)
    parser.add_argument("--written", type=Path, default=WRITTEN)
    parser.add_argument("--out", type=Path, default=MODEL)
    parser.add_argument("--no-newsmtsc", action="store_true",
                        help="do not consider NewsMTSC's training targets")
    parser.add_argument("--grid", type=json.loads, default=None,
                        help="the grid as JSON (default: GRID)")
    args = parser.parse_args(argv)
    text = train(args.corpus, args.recode, args.grid or GRID, newsmtsc=not args.no_newsmtsc,
                 written=args.written)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
