"""The model's tone of each mention (analysis.annotate.model_tone): one score per (sentence,
actor) pair, probabilities that sum to one, the lexicon score kept, the label read from tone
agreeing with the model's class, the same result whatever else is annotated beside it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.annotate.clause_tone import add_targeted_tone
from analysis.annotate.mentions import mentions
from analysis.annotate.model_tone import PROBABILITY_COLUMNS, add_model_tone
from analysis.annotate.report import annotate
from analysis.annotate.sentence_tone import add_tone
from analysis.annotate.sentences import sentences
from analysis.knowledge.tone_lexicon import load_tone
from analysis.knowledge.tone_model import load_tone_model

TEXT = ("China is a good partner of Russia, while Beijing's rivals fail. "
        "The United States aims to harm Russia and China.")


def one_report(text: str, report: str = "r") -> dict[str, pd.DataFrame]:
    return annotate(pd.DataFrame({"entry_id": [f"{report}-e01"], "report_id": [report],
                                  "text": [text]}), tokens=False)


def test_columns_and_the_expected_score():
    m = one_report(TEXT)["mentions"]
    assert list(m.columns[-5:]) == ["tone", *PROBABILITY_COLUMNS, "tone_lexicon"]
    p = m[list(PROBABILITY_COLUMNS)].to_numpy()
    assert (p >= 0).all() and np.abs(p.sum(axis=1) - 1).max() < 1e-12
    assert np.array_equal(m["tone"].to_numpy(), p[:, 2] - p[:, 0])
    assert m["tone"].between(-1, 1).all()


def test_every_mention_of_a_pair_has_the_pair_score():
    m = one_report(TEXT)["mentions"]
    china = m[(m["actor"] == "China") & (m["sentence_idx"] == 0)]
    assert len(china) == 2  # "China", "Beijing"
    assert china["tone"].nunique() == 1 and china["p_neutral"].nunique() == 1
    assert china["tone_lexicon"].nunique() == 2  # the lexicon scores each mention on its own


def test_the_lexicon_score_is_the_clause_score():
    entries = pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": [TEXT]})
    sents = sentences(entries)
    found = mentions(sents, entries)
    scored = add_model_tone(found, add_tone(sents, found), load_tone(), load_tone_model())
    lexicon = add_targeted_tone(found, sents, load_tone())["tone"]
    assert scored["tone_lexicon"].tolist() == lexicon.tolist()
    assert list(scored.columns[:len(found.columns)]) == list(found.columns)


def test_the_score_of_a_pair_depends_on_its_sentence_only():
    alone = one_report("The United States aims to harm Russia and China.")["mentions"]
    beside = one_report(TEXT, report="s")["mentions"]
    beside = beside[beside["sentence_idx"] == 1]
    cols = ["actor", "tone", *PROBABILITY_COLUMNS]
    assert alone[cols].values.tolist() == beside[cols].values.tolist()


def test_no_mentions_keeps_the_columns():
    m = one_report("Nothing happened here.")["mentions"]
    assert len(m) == 0
    assert all(m[c].dtype == "float64" for c in ["tone", *PROBABILITY_COLUMNS, "tone_lexicon"])


@pytest.mark.parametrize("text, actor, sign", [
    ("The United States aims to harm Russia and China.", "United States", -1),
    pytest.param("Pyongyang launched another ballistic missile over Japan.", "North Korea", -1,
                 marks=pytest.mark.xfail(strict=True, reason="the shipped model misreads it")),
    ("BRICS lacks political solidarity and cannot resolve a lot of problems.", "BRICS", -1),
])
def test_written_cases_of_the_codebook(text, actor, sign):
    """Examples of the codebook, read as coded (the label from tone), or marked where the
    shipped model misreads them."""
    tone = one_report(text)["mentions"].groupby("actor")["tone"].mean()
    assert np.sign(round(tone[actor], 2)) == sign


def test_victims_score_above_their_attacker():
    """Rule 1, relative: the one who harms is portrayed worse than those it harms."""
    tone = one_report("The United States aims to harm Russia and China.")["mentions"] \
        .groupby("actor")["tone"].mean()
    assert tone["United States"] < tone["Russia"] and tone["United States"] < tone["China"]


def test_the_label_read_from_tone_is_the_model_class_on_the_samples():
    from corpus_fixture import samples

    m = samples().mentions
    p = m[list(PROBABILITY_COLUMNS)].to_numpy()
    own = np.array([-1, 0, 1])[p.argmax(axis=1)]
    read = np.where(m["tone"] >= 0.05, 1, np.where(m["tone"] <= -0.05, -1, 0))
    assert (read == own).mean() >= 0.95
