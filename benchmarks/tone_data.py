"""The coded tone corpus and NewsMTSC as rows of tone-model features, the fixed test split and
the agreement figures: shared by ``tone_training.py`` and ``tone_validation.py``.

The corpus (``tests/data/tone_corpus.csv``) holds one coded (sentence, actor) pair per row:
pair_id, report_id, source, entry_id, sentence_idx, sentence (as the workbook's sentence
splitter gives it), actor (canonical), label (-1, 0, 1), reason. Each pair's mentions are found
again in its sentence with the gazetteer (:func:`analysis.annotate.mentions.find_mentions`),
and its features computed as at run time (:func:`analysis.annotate.tone_features.pair_features`).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.annotate.mentions import find_mentions
from analysis.annotate.tone_features import pair_features
from analysis.knowledge.gazetteer import load_gazetteer
from analysis.knowledge.tone_lexicon import load_tone
from analysis.knowledge.tone_words import load_tone_words

CORPUS = ROOT / "tests" / "data" / "tone_corpus.csv"
RECODE = ROOT / "tests" / "data" / "tone_recode.csv"
WRITTEN = ROOT / "tests" / "data" / "tone_written.csv"
MODEL = ROOT / "analysis" / "data" / "tone_model.json"
COLUMNS = ["pair_id", "report_id", "source", "entry_id", "sentence_idx", "sentence", "actor",
           "label", "reason"]
CLASSES = (-1, 0, 1)
#: VADER's thresholds: a score >= 0.05 reads positive, <= -0.05 negative.
THRESHOLD = 0.05
#: Share of the reports of each country held out as the test split.
TEST_SHARE = 0.2
#: NewsMTSC polarity -> label.
NEWSMTSC_LABELS = {2.0: -1, 4.0: 0, 6.0: 1}


def newsmtsc_dir() -> Path | None:
    """The NewsMTSC folder (``shared/data/newsmtsc`` beside the checkout or above it)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        folder = base / "shared" / "data" / "newsmtsc"
        if (folder / "devtest_rw.jsonl").exists():
            return folder
    return None


def read_pairs(path: str | Path = CORPUS) -> pd.DataFrame:
    """The coded pairs of ``path``, sorted by pair_id (ValueError naming the file and line)."""
    table = pd.read_csv(path, dtype={"pair_id": str, "report_id": str, "entry_id": str,
                                     "sentence": str, "actor": str}, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {missing}; a tone corpus has {COLUMNS}")
    labels = pd.to_numeric(table["label"], errors="coerce")
    bad = table.index[~labels.isin(CLASSES)]
    if len(bad):
        raise ValueError(f"{path}, line {bad[0] + 2}: label {table['label'][bad[0]]!r}; give "
                         "-1, 0 or 1")
    table["label"] = labels.astype("int64")
    dup = table["pair_id"].duplicated()
    if dup.any():
        raise ValueError(f"{path}, line {int(np.flatnonzero(dup)[0]) + 2}: pair_id repeated")
    return table.sort_values("pair_id", kind="stable", ignore_index=True)


def file_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def country(report_id: str) -> str:
    """The country of a report id (``south-korea-2021-03`` -> ``south-korea``)."""
    return report_id.rsplit("-", 2)[0]


def test_reports(report_ids) -> list[str]:
    """The test split: in each country, the ``round(0.2 n)`` reports (of its n) with the
    smallest SHA-256 of their id. A fixed rule, blind to labels, chosen before any model."""
    ids = sorted(set(report_ids))
    out = []
    for c in sorted({country(r) for r in ids}):
        mine = sorted((r for r in ids if country(r) == c),
                      key=lambda r: hashlib.sha256(r.encode()).hexdigest())
        out += mine[:int(np.floor(TEST_SHARE * len(mine) + 0.5))]
    return sorted(out)


def _sentence_pairs(text: str, found) -> dict[str, dict]:
    return pair_features(text, found, lexicon=load_tone(), words=load_tone_words())


def pair_rows(pairs: pd.DataFrame) -> tuple[list[dict | None], pd.DataFrame]:
    """The features of each pair (None where the actor is not found in the sentence), and a
    table of the scores compared with the model: sentence_vader (``sentences.tone``) and
    lexicon (the mean clause-lexicon score of the pair's mentions, the old ``mentions.tone``)."""
    gazetteer = load_gazetteer()
    cache: dict[str, dict] = {}
    rows: list[dict | None] = []
    for text, actor in zip(pairs["sentence"].tolist(), pairs["actor"].tolist(), strict=True):
        if text not in cache:
            found = [(m.actor, m.start, m.end) for m in find_mentions(text, gazetteer=gazetteer)]
            cache[text] = _sentence_pairs(text, found)
        rows.append(cache[text].get(actor))
    scores = pd.DataFrame({
        "sentence_vader": [r["v_sent"] if r else np.nan for r in rows],
        "lexicon": [r["v_near"] if r else np.nan for r in rows]}, index=pairs.index)
    return rows, scores


def read_written(path: str | Path = WRITTEN) -> pd.DataFrame:
    """The written pairs (``tests/data/tone_written.csv``: pair_id, source, press, sentence_id,
    sentence, actor, label, reason), sorted by pair_id; training data only."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["label"] = table["label"].astype("int64")
    return table.sort_values("pair_id", kind="stable", ignore_index=True)


def written_rows(path: str | Path = WRITTEN) -> tuple[list[dict], np.ndarray]:
    """The written pairs as (feature rows, labels), pairs not found left out."""
    table = read_written(path)
    rows, _ = pair_rows(table)
    keep = np.array([r is not None for r in rows], dtype=bool)
    return [r for r in rows if r is not None], table["label"].to_numpy()[keep]


def newsmtsc_rows(split: str, folder: Path | None = None) -> tuple[list[dict], np.ndarray]:
    """The targets of NewsMTSC's ``split`` (``train``, ``devtest_rw``, ``devtest_mt``) as
    (feature rows, labels). Each target is an actor of its own; the gazetteer's mentions that
    do not overlap a target are the other actors."""
    folder = folder or newsmtsc_dir()
    if folder is None:
        raise FileNotFoundError("NewsMTSC not found (shared/data/newsmtsc beside the checkout)")
    gazetteer = load_gazetteer()
    rows, labels = [], []
    lines = (folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        doc = json.loads(line)
        text = doc["sentence_normalized"]
        targets = [(f"_target{k}_", int(t["from"]), int(t["to"])) for k, t in
                   enumerate(doc["targets"])]
        others = [(m.actor, m.start, m.end) for m in find_mentions(text, gazetteer=gazetteer)
                  if not any(m.start < b and m.end > a for _, a, b in targets)]
        found = sorted(targets + others, key=lambda m: (m[1], m[2], m[0]))
        features = _sentence_pairs(text, found)
        for k, t in enumerate(doc["targets"]):
            rows.append(features[f"_target{k}_"])
            labels.append(NEWSMTSC_LABELS[float(t["polarity"])])
    return rows, np.asarray(labels, dtype=np.int64)


def read_label(score) -> np.ndarray:
    """-1/0/+1 read from scores with VADER's thresholds (>= 0.05, <= -0.05)."""
    s = np.asarray(score, dtype=float)
    return np.where(s >= THRESHOLD, 1, np.where(s <= -THRESHOLD, -1, 0))


def agreement(truth, guess) -> dict:
    """macro-F1, per-class F1, accuracy, n and the confusion matrix (rows: coded -1, 0, 1)."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    truth, guess = np.asarray(truth), np.asarray(guess)
    f1 = f1_score(truth, guess, labels=list(CLASSES), average=None, zero_division=0)
    return {"macro_f1": float(np.mean(f1)), "f1": [float(x) for x in f1],
            "accuracy": float(accuracy_score(truth, guess)), "n": len(truth),
            "confusion": confusion_matrix(truth, guess, labels=list(CLASSES)).tolist()}


def kappa(pairs: pd.DataFrame, recode_path: str | Path = RECODE) -> dict | None:
    """Cohen's kappa of the recode pass against the first coding, on the pairs both passes
    kept (the recoder's "x", no actor, is left out); None without the file."""
    from sklearn.metrics import cohen_kappa_score

    if not Path(recode_path).exists():
        return None
    second = pd.read_csv(recode_path, dtype={"pair_id": str, "label": str},
                         keep_default_na=False)
    second = second[second["label"].isin(["-1", "0", "1"])]  # "x": the recoder saw no actor
    both = pairs[["pair_id", "label"]].merge(second[["pair_id", "label"]], on="pair_id",
                                             suffixes=("_first", "_second"), validate="one_to_one")
    first, again = both["label_first"].astype(int), both["label_second"].astype(int)
    return {"kappa": float(cohen_kappa_score(first, again)), "n": len(both),
            "agreement": float((first == again).mean())}


#: The feature groups of the ablation, by what a linguist would call them.
_ROLES = {"agent or patient": {"subj", "poss", "act_after", "act_passive", "by_agent", "victim",
                               "demonym", "place_next"},
          "reporting and judging verbs": {"judged_neg", "judged_pos", "judge_neg_by",
                                          "judge_pos_by", "speaker", "reported"},
          "cooperation and conflict": {"coop_two", "coop_one", "conflict_two", "conflict_one",
                                       "relation_two", "between", "paired", "hyphen_pair",
                                       "other_in_clause"},
          "negation, overcoming, contrast": {"self_negated", "neg_clause", "overcome_neg",
                                             "contrast_in", "after_contrast", "before_contrast"}}
GROUPS = ("clause words by side and distance", "words next to the mention",
          "lexicon scores of the clause", "words nearer this actor", "VADER scores", *_ROLES,
          "hedges and conditionals", "sentence counts")


def group_of(name: str) -> str:
    """The feature group of a feature name (an interaction ``role&lex...``: the role's)."""
    if "&" in name:
        return group_of(name.split("&", 1)[0])
    if name.startswith(("w:", "wL", "wR")):
        return "clause words by side and distance"
    if name[:3] in ("p1:", "p2:", "n1:", "n2:"):
        return "words next to the mention"
    if name.startswith(("lex", "negneg", "negpos")):
        return "lexicon scores of the clause"
    if name.startswith("own"):
        return "words nearer this actor"
    if name.startswith("v_"):
        return "VADER scores"
    if name.startswith("prep:"):
        return "agent or patient"
    for group, names in _ROLES.items():
        if name in names:
            return group
    if name.startswith(("hedge", "cond")):
        return "hedges and conditionals"
    return "sentence counts"
