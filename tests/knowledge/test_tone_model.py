"""The tone model (analysis.knowledge.tone_model, benchmarks/tone_training.py): loaded offline
without scikit-learn, equal to scikit-learn's predict_proba, trained deterministically, its
validation read by tone_agreement, bad files refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import tone_data
import tone_training

from analysis.knowledge.bundle import load_knowledge
from analysis.knowledge.tone_model import (
    load_tone_model,
    model_from_json,
    tone_agreement,
)

SHIPPED = ROOT / "analysis" / "data" / "tone_model.json"


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_model_loads_and_scores_without_scikit_learn():
    """Loading and applying the model imports no scikit-learn (NumPy and SciPy only)."""
    out = _run("import sys\n"
               "from analysis.knowledge.tone_model import load_tone_model, tone_agreement\n"
               "model = load_tone_model()\n"
               "p = model.scores([{'subj': 1.0, 'v_near': 0.5}, {}])\n"
               "tone_agreement().sentence()\n"
               "assert not [n for n in sys.modules if n.split('.')[0] == 'sklearn'], 'sklearn'\n"
               "print(p.sum(axis=1).round(12).tolist())\n")
    assert out.strip() == "[1.0, 1.0]"


def test_annotation_works_offline_with_scikit_learn_absent():
    """With scikit-learn made unimportable (NLTK's package would import it when it is there),
    a report is annotated with the model's tone."""
    out = _run("import sys, importlib.abc\n"
               "class Block(importlib.abc.MetaPathFinder):\n"
               "    def find_spec(self, name, path=None, target=None):\n"
               "        if name.split('.')[0] == 'sklearn':\n"
               "            raise ImportError('no sklearn here')\n"
               "sys.meta_path.insert(0, Block())\n"
               "import pandas as pd\n"
               "from analysis.annotate.report import annotate\n"
               "m = annotate(pd.DataFrame({'entry_id': ['e'], 'report_id': ['r'],\n"
               "             'text': ['Beijing offers friendly talks.']}))['mentions']\n"
               "assert 'sklearn' not in sys.modules\n"
               "print(m['tone'].iloc[0], m['p_positive'].iloc[0])\n")
    tone, positive = map(float, out.split())
    assert -1 <= tone <= 1 and 0 <= positive <= 1


@pytest.fixture(scope="module")
def corpus():
    pairs, part, _, is_test = tone_training.prepare(tone_data.CORPUS)
    return pairs, part, is_test


def _fit(corpus, config):
    _, part, is_test = corpus
    train = np.flatnonzero(~is_test)
    extras = tone_training.load_extras()
    if config.get("newsmtsc", 0) > 0 and "newsmtsc" not in extras:
        pytest.skip("the shipped model uses NewsMTSC, which is not here")
    return tone_training.fit(part.take(train), config, extras)


def test_numpy_equals_scikit_learn_and_the_shipped_file_is_the_corpus_fit(corpus):
    _, part, _ = corpus
    rows = part.rows
    shipped = load_tone_model()
    config = shipped.validation["cv"]["config"]
    names, estimator = _fit(corpus, config)
    rule = {"gamma": shipped.gamma, "offset": float(shipped.delta[1])}
    text = tone_training.model_text(names, estimator, rule, {}, {})
    model = model_from_json(text, "fitted")
    x = tone_training.matrix(rows, names)
    expected = estimator.predict_proba(x)
    assert np.abs(model.probabilities(rows) - expected).max() < 1e-12
    # the shipped file holds exactly this fit
    assert list(shipped.features) == names
    assert np.array_equal(shipped.coef, model.coef)
    assert np.array_equal(shipped.intercept, model.intercept)
    # the shipped scores: softmax(gamma z + delta), tone = p+ - p-
    z = estimator.decision_function(x)
    assert np.abs(shipped.scores(rows) - tone_training.scored(z, **rule)).max() < 1e-12


def test_training_is_deterministic(tmp_path):
    config = {"C": [0.03], "class_weight": ["balanced"], "min_df": [3], "newsmtsc": [0.0],
              "written": [0.5]}
    first = tone_training.train(grid=config, newsmtsc=False, log=lambda *a: None)
    second = tone_training.train(grid=config, newsmtsc=False, log=lambda *a: None)
    assert first == second
    doc = json.loads(first)
    assert doc["trained"]["corpus_sha256"] == tone_data.file_digest(tone_data.CORPUS)
    assert doc["trained"]["written_sha256"] == tone_data.file_digest(tone_data.WRITTEN)
    assert len(doc["weights"]) == doc["trained"]["features"] > 100


def test_written_pairs_are_training_only():
    """The written pairs join the fitting folds only: no written sentence is a corpus sentence
    (so none is in a scoring fold or the test split), and each is marked as written."""
    written = tone_data.read_written()
    pairs = tone_data.read_pairs()
    assert (written["source"] == "written").all() and len(written) > 3000
    assert not set(written["sentence"]) & set(pairs["sentence"])
    assert set(written["label"]) == {-1, 0, 1}


def test_the_test_split_is_whole_reports_of_every_country():
    pairs = tone_data.read_pairs()
    test = tone_data.test_reports(pairs["report_id"])
    assert test == tone_data.test_reports(sorted(pairs["report_id"], reverse=True))
    countries = {tone_data.country(r) for r in pairs["report_id"]}
    assert {tone_data.country(r) for r in test} == countries
    share = len(test) / pairs["report_id"].nunique()
    assert 0.15 < share < 0.25


def test_agreement_is_read_from_the_model_file():
    validation = load_tone_model().validation
    agreement = tone_agreement()
    assert agreement.macro_f1 == validation["test"]["model"]["macro_f1"]
    assert agreement.accuracy == validation["test"]["model"]["accuracy"]
    assert agreement.n_test == validation["test"]["n"] > 300
    assert agreement.baseline_macro_f1 == validation["test"]["sentence_vader"]["macro_f1"]
    assert agreement.kappa == validation["kappa"] > 0.6 and agreement.held_out
    line = agreement.sentence()
    assert f"macro-F1 {agreement.macro_f1:.2f}" in line and "Cohen's kappa" in line
    # the threshold reading of tone gives the model's own class on at least 95% of test pairs
    assert validation["test"]["model"]["consistent"] >= 0.95


def test_bad_model_files_are_refused_naming_the_file(tmp_path):
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({**doc, "words_sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"other\.json: trained with other word lists"):
        load_tone_model(other)
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"junk\.json: not a tone model"):
        load_tone_model(junk)


def test_a_user_model_replaces_the_shipped_one_and_changes_the_digest(tmp_path):
    doc = json.loads(SHIPPED.read_text(encoding="utf-8"))
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({**doc, "intercept": [5.0, 0.0, 0.0]}), encoding="utf-8")
    knowledge = load_knowledge(tone_model=mine)
    assert knowledge.tone_model.intercept.tolist() == [5.0, 0.0, 0.0]
    shipped = load_knowledge()
    assert knowledge.digest("tone_model") != shipped.digest("tone_model")
    assert knowledge.digest("gazetteer") == shipped.digest("gazetteer")
