"""The tone model: a fitted linear model over the features of a (sentence, actor) pair.

The tone aimed at each actor is defined by the codebook ``docs/tone-codebook.md``; it is scored
by a multinomial logistic regression (scikit-learn's ``LogisticRegression``, fitted by
``benchmarks/tone_training.py`` on the coded corpus ``tests/data/tone_corpus.csv``) over the
features of :mod:`analysis.annotate.tone_features`. The fitted model ships as
``analysis/data/tone_model.json``: the feature names, one weight per class and feature, the
intercepts, the decision rule and the validation figures. It is read with the standard
library and applied with NumPy (no scikit-learn at run time):

* ``z = X w^T + b`` and ``P = softmax(z)`` (:meth:`ToneModel.probabilities`: equal to the
  fitted estimator's ``predict_proba``);
* the shipped class probabilities are ``softmax(gamma z + delta)`` (:meth:`ToneModel.scores`),
  the sharpening ``gamma`` and class offsets ``delta`` chosen by report-grouped cross-validation
  so that the score ``tone = P(+1) - P(-1)`` read with VADER's thresholds (>= 0.05 positive,
  <= -0.05 negative) gives the model's own class (the largest probability) and agrees with
  the coders as well as the training corpus allows (Guo et al. 2017 for temperature scaling).

:func:`tone_agreement` says, in one value, how well the shipped model agrees with careful human
coding (the held-out test split of whole reports), so that the README, the notebooks and the
pages print the same line.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from analysis.knowledge.files import stamped
from analysis.knowledge.tone_words import load_tone_words

__all__ = ["CLASSES", "CODEBOOK", "FORMAT", "ToneAgreement", "ToneModel", "load_tone_model",
           "resolve_tone_model", "tone_agreement"]

#: The codebook's path in the repository (the pages link their own rendered copy of it).
CODEBOOK = "docs/tone-codebook.md"
#: The labels, in the order of the probability columns.
CLASSES = (-1, 0, 1)
FORMAT = "tone-model/1"
_FILE = "tone_model.json"


@dataclass(frozen=True)
class ToneAgreement:
    """The agreement of the tone measure with human coding.

    measure : what scores tone, in words
    macro_f1, accuracy : on the pairs of ``n_test`` (held out from every choice when
        ``held_out``), the label read from the score
    baseline_macro_f1 : sentence-level VADER on the same pairs
    kappa : Cohen's kappa of two independent coding passes (the ceiling), None if not measured
    """

    measure: str
    macro_f1: float
    accuracy: float
    n_test: int
    held_out: bool
    baseline_macro_f1: float
    kappa: float | None = None
    codebook: str = CODEBOOK

    def sentence(self) -> str:
        """One line for a page: how far tone agrees with human coding."""
        where = "pairs of held-out reports" if self.held_out else "coded pairs"
        line = (f"Tone ({self.measure}) agrees with human coding of the codebook at macro-F1 "
                f"{self.macro_f1:.2f} on {self.n_test:,} {where} (sentence VADER "
                f"{self.baseline_macro_f1:.2f}")
        if self.kappa is not None:
            line += f"; two coders agree at Cohen's kappa {self.kappa:.2f}"
        return line + ")."


@dataclass(frozen=True, eq=False)
class ToneModel:
    """A fitted tone model (build with :func:`load_tone_model`); hashable by its digest.

    features : feature name -> column of ``coef``
    coef, intercept : (3, n_features) and (3,) float64, classes in :data:`CLASSES` order
    gamma, delta : the decision rule (module notes)
    validation : the figures recorded at training (see ``benchmarks/tone_validation.py``)
    source, digest : the file and its SHA-256
    """

    features: Mapping[str, int]
    coef: np.ndarray
    intercept: np.ndarray
    gamma: float
    delta: np.ndarray
    validation: Mapping
    source: str
    digest: str
    trained: Mapping = field(default_factory=dict)

    def encode(self, row: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
        """``(columns, values)`` of a row's known, non-zero features."""
        index = self.features
        known = row.keys() & index.keys()  # one set operation, in C
        columns = np.fromiter((index[n] for n in known), dtype=np.int64, count=len(known))
        values = np.fromiter((row[n] for n in known), dtype=np.float64, count=len(known))
        order = np.argsort(columns)  # the columns in order, whatever the order of the set
        keep = order[values[order] != 0]
        return columns[keep], values[keep]

    def decision(self, rows: Sequence[Mapping[str, float] | tuple]) -> np.ndarray:
        """``z = X w^T + b``, shape (n, 3), for feature rows or :meth:`encode` d rows: the
        weights of each row's features gathered and summed row by row (``np.add.reduceat``),
        no sparse matrix built."""
        coded = [r if isinstance(r, tuple) else self.encode(r) for r in rows]
        z = np.tile(self.intercept, (len(coded), 1))
        if coded:
            lengths = np.fromiter((len(c) for c, _ in coded), dtype=np.int64, count=len(coded))
            columns = np.concatenate([c for c, _ in coded])
            if len(columns):
                values = np.concatenate([v for _, v in coded])
                terms = self._weights[columns] * values[:, None]
                nonempty = lengths > 0
                starts = (np.cumsum(lengths) - lengths)[nonempty]
                z[nonempty] += np.add.reduceat(terms, starts, axis=0)
        return z

    @property
    def _weights(self) -> np.ndarray:
        """``coef`` transposed, (n_features, 3), contiguous: a row per feature to gather."""
        weights = self.__dict__.get("_rows")
        if weights is None:
            weights = np.ascontiguousarray(self.coef.T)
            object.__setattr__(self, "_rows", weights)
        return weights

    def probabilities(self, rows: Sequence[Mapping[str, float] | tuple]) -> np.ndarray:
        """The fitted model's class probabilities ``softmax(z)``, shape (n, 3)."""
        return _softmax(self.decision(rows))

    def scores(self, rows: Sequence[Mapping[str, float] | tuple]) -> np.ndarray:
        """The shipped class probabilities ``softmax(gamma z + delta)``, shape (n, 3): the
        columns p_negative, p_neutral, p_positive; ``tone`` is the last minus the first."""
        return _softmax(self.gamma * self.decision(rows) + self.delta)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ToneModel) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def model_from_json(text: str, source: str) -> ToneModel:
    """A :class:`ToneModel` from the text of a model file (ValueError naming ``source``)."""
    import hashlib

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not a tone model (not JSON: {exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{source}: not a tone model of format {FORMAT!r}; train one with "
                         "benchmarks/tone_training.py")
    if doc.get("classes") != list(CLASSES):
        raise ValueError(f"{source}: classes must be {list(CLASSES)}, not {doc.get('classes')}")
    words = load_tone_words()
    if doc.get("words_sha256") != words.digest:
        raise ValueError(f"{source}: trained with other word lists than "
                         "analysis/data/tone_features.toml; retrain with "
                         "benchmarks/tone_training.py")
    weights = doc.get("weights", {})
    names = sorted(weights)
    coef = np.array([weights[n] for n in names], dtype=np.float64).reshape(len(names), 3).T
    values = [*coef.ravel(), *doc["intercept"], doc["gamma"], *doc["delta"]]
    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"{source}: weights must be finite numbers")
    return ToneModel(features={n: j for j, n in enumerate(names)}, coef=np.ascontiguousarray(coef),
                     intercept=np.asarray(doc["intercept"], dtype=np.float64),
                     gamma=float(doc["gamma"]), delta=np.asarray(doc["delta"], dtype=np.float64),
                     validation=doc.get("validation", {}), source=source,
                     digest=hashlib.sha256(text.encode()).hexdigest(),
                     trained=doc.get("trained", {}))


@lru_cache(maxsize=8)
def _load(path: str | None, stamp: tuple[int, int] | None) -> ToneModel:
    if path is None:
        text = resources.files("analysis").joinpath(f"data/{_FILE}").read_text(encoding="utf-8")
        return model_from_json(text, f"analysis/data/{_FILE}")
    return model_from_json(Path(path).read_text(encoding="utf-8"), path)


def load_tone_model(path: str | Path | None = None) -> ToneModel:
    """The shipped tone model (``analysis/data/tone_model.json``), or the model file ``path``
    (one written by ``benchmarks/tone_training.py``). Cached until the file changes; raises
    ValueError naming the file when it is not a model of the shipped word lists."""
    return _load(*stamped(path))


def resolve_tone_model(model: ToneModel | str | Path | None) -> ToneModel:
    """A ToneModel as given, loaded from a model file path, or the shipped one for None."""
    return model if isinstance(model, ToneModel) else load_tone_model(model)


def tone_agreement() -> ToneAgreement:
    """The agreement of the shipped tone model with human coding: macro-F1 and accuracy of the
    label read from ``tone`` on the pairs of the held-out test reports, sentence VADER on the
    same pairs, and Cohen's kappa of the corpus's second coding pass (``validation`` of the
    model file, written by ``benchmarks/tone_training.py``)."""
    v = load_tone_model().validation
    test = v["test"]
    return ToneAgreement(measure=v.get("measure", "tone model"),
                         macro_f1=float(test["model"]["macro_f1"]),
                         accuracy=float(test["model"]["accuracy"]), n_test=int(test["n"]),
                         held_out=True, baseline_macro_f1=float(test["sentence_vader"]["macro_f1"]),
                         kappa=None if v.get("kappa") is None else float(v["kappa"]))
