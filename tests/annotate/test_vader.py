"""Tone: our VADER with vaderSentiment 3.3.2's lexicon and rules; masking actor names."""

from __future__ import annotations

import random
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

from analysis.annotate.mentions import mentions
from analysis.annotate.sentence_tone import PLACEHOLDER, add_tone, mask
from analysis.annotate.sentences import sentences
from analysis.annotate.vader import Vader332, analyzer, compounds
from analysis.annotate.vader import compound as tone
from analysis.corpus import load_corpus


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference()


def test_lexicon_is_the_wheel_lexicon(reference):
    assert analyzer().lexicon == reference.lexicon
    assert len(analyzer().lexicon) == 7506
    assert analyzer().emojis == reference.emojis and len(analyzer().emojis) == 3570


def test_analyzer_is_built_once():
    first = analyzer()
    analyzer.cache_clear()
    second = analyzer()
    assert first is not second and analyzer() is second


def test_vader_imports_no_nltk():
    code = ("import sys, analysis.annotate.vader as v, analysis.annotate.vader_batch; "
            "v.compounds(['A good day.']); print(sorted(m for m in sys.modules if 'nltk' in m))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"


# Each sentence is scored differently by stock NLTK 3.10's VADER and vaderSentiment 3.3.2 (the
# rule that makes the difference is named), and ours follows 3.3.2.
RULE_FIXTURES = [
    ("Protestations did no good.", -0.3412),  # 1: "no" negates the next lexicon word
    ("There is no prospect of peace.", 0.3843),  # 1
    ("no good or bad", 0.1139),  # 1: "no ... or/nor"
    ("Not a b c good.", 0.4404),  # 2: one-letter words keep their place
    ("good good not good", 0.5258),  # 3: each word's own position
    ("The plan was good and the outcome was not good.", 0.1265),  # 3
    ("It was never so good.", 0.6626),  # 4: never so x1.25
    ("without doubt good", 0.6136),  # 4: "without doubt"
    ("That Was The Bomb.", 0.6124),  # 4: idioms ignore case
    ("A major success.", 0.6115),  # 5: more boosters
    ("A slight success.", 0.5279),  # 5: more dampeners
    ("I love it 😀", 0.7717),  # 6: emoji descriptions
    ("nice but okay", 0.3291),  # 7: "but" with 3.3.2's list.index bookkeeping
]


@pytest.mark.parametrize(("text", "expected"), RULE_FIXTURES)
def test_rules_of_vadersentiment_332(text, expected, reference):
    assert reference.polarity_scores(text)["compound"] == expected
    assert tone(text) == expected
    assert compounds([text, text]).tolist() == [expected, expected]


def test_equals_vadersentiment_on_random_tricky_sentences(reference):
    vocab = [
        "no", "not", "never", "so", "this", "but", "good", "bad", "great", "GOOD", "BAD", "very",
        "kind", "of", "sort", "least", "at", "without", "doubt", "the", "shit", "bomb", "bus",
        "stop", "to", "die", "for", "a", "I", "!", "?", ",", ".", ":)", ":-(", "😀", "💔",
        "major", "slight", "extremely", "hardly", "nor", "or", "isn't", "didn't", "Great",
        "united", "security", "peace", "war", "nothing", "hope", "love", "hate.", "good!",
        "(great)", "“good”", "x", "kiss", "death", "beating", "heart", "badass",
    ]
    rng = random.Random(20140601)
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    expected = [reference.polarity_scores(t)["compound"] for t in texts]
    assert [t for t, e in zip(texts, expected, strict=True) if tone(t) != e] == []
    assert compounds(texts).tolist() == expected
    assert [analyzer().polarity_scores(t) for t in texts[:500]] == [
        reference.polarity_scores(t) for t in texts[:500]]


@pytest.fixture(scope="module")
def sample_tables(samples_dir):
    entries = load_corpus(samples_dir, annotate=False).entries
    sents = sentences(entries)
    return sents, mentions(sents, entries)


def test_tone_equals_vadersentiment_on_every_sample_sentence(sample_tables, reference):
    sents, found = sample_tables
    scored = add_tone(sents, found)
    expected = [reference.polarity_scores(t)["compound"] for t in sents["text"]]
    assert scored["tone"].tolist() == expected
    spans = {}
    for e, i, a, b in zip(found.entry_id, found.sentence_idx, found.start, found.end, strict=True):
        spans.setdefault((e, i), []).append((a, b))
    hidden = [mask(t, [(a - start, b - start) for a, b in spans.get((e, i), [])])
              for e, i, t, start in zip(sents.entry_id, sents.sentence_idx, sents.text, sents.start,
                                        strict=True)]
    masked = [reference.polarity_scores(t)["compound"] for t in hidden]
    assert scored["tone_masked"].tolist() == masked
    assert sum(m != e for m, e in zip(masked, expected, strict=True)) == 12


def test_a_new_lexicon_starts_the_lookups_afresh():
    """clause_tone.domain_analyzer copies the analyzer's attributes and sets another lexicon:
    the token look-ups and the batch vocabulary made with the old lexicon must not be used."""
    base = analyzer()
    text = "It was a bad deal."
    assert base.compound(text) == compounds([text])[0] == -0.5423
    domain = Vader332.__new__(Vader332)
    domain.__dict__.update(base.__dict__)
    domain.lexicon = {**base.lexicon, "bad": 1.0, "a": 2.0}
    assert domain.token("bad.")[4] == 1.0 and base.token("bad.")[4] == -2.5
    reference = Reference()
    reference.lexicon = domain.lexicon
    assert domain.compound(text) == reference.polarity_scores(text)["compound"] == 0.6124
    assert base.compound(text) == compounds([text])[0] == -0.5423


def test_mask_replaces_words_one_for_one():
    text = "Beyond the United States and NATO’s Sino-US talks."
    spans = [(7, 24), (29, 33), (36, 40), (41, 43)]
    assert mask(text, spans) == "Beyond Actor Actor Actor and ACTOR’s Actor-ACTOR talks."
    assert len(mask(text, spans).split()) == len(text.split())
    assert mask(text, []) == text
    assert tone(PLACEHOLDER) == 0.0 and PLACEHOLDER.lower() not in analyzer().lexicon


def test_tone_masked_removes_the_valence_of_names(reference):
    text = "The United States and the Security Council discussed the plan."
    entries = pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": [text]})
    sents = sentences(entries)
    found = mentions(sents, entries)
    assert found["alias"].tolist() == ["United States", "Security Council"]
    before = sents.copy()
    scored = add_tone(sents, found)
    pd.testing.assert_frame_equal(sents, before)
    assert list(scored.columns) == [*sents.columns, "tone", "tone_masked"]
    # united 1.8 + security 1.4 = 3.2 -> 3.2 / sqrt(3.2^2 + 15) = 0.6369; masked: nothing left
    assert scored["tone"].iloc[0] == reference.polarity_scores(text)["compound"] == 0.6369
    masked = "The Actor Actor and the Actor Actor discussed the plan."
    assert scored["tone_masked"].iloc[0] == reference.polarity_scores(masked)["compound"] == 0.0
    assert scored["tone"].dtype == "float64" and scored["tone_masked"].dtype == "float64"


def test_without_mentions_tone_masked_is_tone():
    entries = pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"],
                            "text": ["A great success. A bad failure."]})
    scored = add_tone(sentences(entries))
    # x / sqrt(x^2 + 15) with great 3.1 + success 2.7, bad -2.5 + failure -2.3
    assert scored["tone"].tolist() == scored["tone_masked"].tolist() == [0.8316, -0.7783]
    empty = add_tone(sentences(entries.iloc[:0]))
    assert len(empty) == 0 and empty["tone"].dtype == "float64"


# --- the shortcut: a mask that cannot change the score is not scored again -----------------

_WORDS = ["United", "States", "China", "Japan", "Korea", "North", "Great", "Britain", "Security",
          "Council", "no", "not", "but", "very", "least", "at", "kind", "of", "never", "so", "this",
          "good", "bad", "war", "peace", "hostile", "warm", "ties", "WAR", "CHINA", "U.S.", "isn't",
          "!", "?", "Red", "Cross", "the", "bomb", "without", "doubt", "and", "or", "nor", "yeah",
          "right", "😀", "🇨🇳", "Kim's", "DPRK", "(Japan)", "US", "—", "", "x"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12),
       st.lists(st.integers(0, 11), max_size=4))
@settings(max_examples=1500, deadline=None, derandomize=True)
def test_same_score_is_never_wrong(words, masked):
    """Whenever ``same_score`` says a mask cannot change the score, it does not."""
    text = " ".join(words)
    starts, pos = [], 0
    for w in words:
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1
    spans = [starts[i] for i in masked if i < len(starts)]
    hidden = mask(text, spans)
    if analyzer().same_score(text, hidden):
        assert tone(hidden) == tone(text), (text, hidden)


def test_same_score_spares_most_sample_sentences(sample_tables):
    """On the samples most masked sentences need no second score, and the shortcut agrees
    with scoring them (the golden digests check the whole tables)."""
    sents, found = sample_tables
    sents = sents.set_index(["entry_id", "sentence_idx"])
    spared = total = 0
    for (entry, idx), group in found.groupby(["entry_id", "sentence_idx"]):
        text, start = sents.loc[(entry, idx), ["text", "start"]]
        hidden = mask(text, [(a - start, b - start) for a, b in zip(group.start, group.end)])
        total += 1
        if analyzer().same_score(text, hidden):
            spared += 1
            assert tone(hidden) == tone(text)
    assert total == 294 and spared == 263
    assert not analyzer().same_score("The United States aims.", "The Actor Actor aims.")
    assert not analyzer().same_score("Korea WAR", "Korea Actor")  # capitals differ


@given(st.lists(st.sampled_from(_WORDS), max_size=14))
@settings(max_examples=800, deadline=None, derandomize=True)
def test_compound_is_the_compound_of_polarity_scores(words):
    text = " ".join(words)
    assert analyzer().compound(text) == analyzer().polarity_scores(text)["compound"]
