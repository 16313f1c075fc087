"""The tone aimed at each actor (analysis.annotate.clause_tone) and its lexicon
(analysis.knowledge.tone_lexicon): clauses, masking, victims, near words, domain valences."""

from unittest import mock

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.annotate import clause_tone
from analysis.annotate.clause_tone import aimed_tone, clause_of, domain_analyzer, targeted_text
from analysis.annotate.report import annotate
from analysis.annotate.vader import compound
from analysis.knowledge.tone_lexicon import load_tone

LEX = load_tone()


def aimed(text: str, actors: list[str]) -> dict[str, float]:
    """The targeted tone of each named actor in a one-sentence report."""
    tables = annotate(pd.DataFrame({"entry_id": ["r-e01"], "report_id": ["r"], "text": [text]}))
    m = tables["mentions"]
    return {a: float(m.loc[m["actor"] == a, "tone_lexicon"].mean()) for a in actors}


def test_clauses_end_at_marks_and_contrast_words():
    text = "Seoul hesitates; Tokyo acts, while Beijing offers talks although Moscow waits."
    pieces = [text[slice(*clause_of(text, text.index(w), LEX))].strip()
              for w in ("Seoul", "Tokyo", "Beijing", "Moscow")]
    assert pieces == ["Seoul hesitates", "Tokyo acts,", "while Beijing offers talks",
                      "although Moscow waits."]
    # a sentence opening with a subordinator: its clause ends at the first comma
    text = "Although Tokyo protested, Moscow welcomed the deal."
    assert text[slice(*clause_of(text, text.index("Moscow"), LEX))].strip() == \
        "Moscow welcomed the deal."


def test_each_actor_gets_its_own_clause():
    got = aimed("Washington threatens Seoul with tariffs, while Beijing offers friendly talks.",
                ["United States", "China"])
    assert got["United States"] < -0.05 < 0.05 < got["China"]


def test_victims_of_hostile_acts_are_not_blamed():
    text = "The United States aims to harm Russia, China and its own allies."
    got = aimed(text, ["United States", "Russia", "China"])
    assert got["United States"] < -0.05
    assert got["Russia"] == 0.0 and got["China"] == 0.0
    # judgement words are not acts: the target of blame is portrayed by it
    assert aimed("Putin blamed Tokyo for the crisis.", ["Japan"])["Japan"] < -0.05
    # the neutralized word is named in the scored text
    own = (text.index("Russia"), text.index("Russia") + 6)
    others = [(4, 17), (text.index("China"), text.index("China") + 5)]
    scored, _ = targeted_text(text, own, others, LEX)
    assert "harm" not in scored and "Actor" in scored


def test_near_words_only():
    text = ("Japan signed the treaty in Osaka last spring after many rounds of talks that "
            "were, by every account, a disaster.")
    scored, where = targeted_text(text, (0, 5), [], LEX)
    assert where == (0, 0)
    assert aimed_tone(scored, where, LEX) == 0.0  # "disaster" is 18 words away
    assert compound(text) < -0.05


def test_domain_lexicon_overrides_vader():
    vader = domain_analyzer(LEX).lexicon
    assert vader["sanctions"] == -1.5 and vader["security"] == 0.0 and vader["stressed"] == 0.0
    assert compound("He stressed the point.") < 0  # VADER reads "stressed" as strain
    assert aimed("Moscow stressed the point.", ["Russia"])["Russia"] == 0.0
    # "no less" is not a negation
    assert compound("Of no less importance is Japan.") < 0
    assert aimed("No less important is Japan.", ["Japan"])["Japan"] > 0.05


def test_user_lexicon_extends_and_checks(tmp_path):
    mine = tmp_path / "tone.toml"
    mine.write_text('[valence]\nbrilliant = -3\n[scope]\nwindow = 0\n', encoding="utf-8")
    lex = load_tone(mine)
    assert dict(lex.valence)["brilliant"] == -3.0 and dict(lex.valence)["sanctions"] == -1.5
    assert lex.window == 0 and lex.sources[-1] == str(mine)
    bad = tmp_path / "bad.toml"
    bad.write_text('[valence]\nhope = "high"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.toml.*hope"):
        load_tone(bad)
    odd = tmp_path / "odd.toml"
    odd.write_text('[valences]\nhope = 1\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown table"):
        load_tone(odd)


def test_samples_mentions_carry_tone():
    from corpus_fixture import samples

    corpus = samples()
    m = corpus.mentions
    assert m["tone_lexicon"].dtype == "float64" and m["tone_lexicon"].notna().all()
    assert m["tone_lexicon"].between(-1, 1).all()
    # "the United States aims to harm Russia, China and its own allies" (2024-03 e03)
    row = m[(m["entry_id"] == "russia-2024-03-e03") & (m["sentence_idx"] == 3)]
    by_actor = row.groupby("actor")["tone_lexicon"].mean()
    assert by_actor["United States"] < -0.05
    assert by_actor["Russia"] == 0.0 and by_actor["China"] == 0.0


_TONE_WORDS = ["Actor", "good", "bad", "(good)", "war.", "no", "not", "very", "but", "sanctions",
               "ties", "warm", "the", "and", "!", "?", "a", "ok", "😀", "—", "talks", "Item", "hostile"]


@given(st.lists(st.sampled_from(_TONE_WORDS), min_size=1, max_size=14), st.data())
@settings(max_examples=1000, deadline=None, derandomize=True)
def test_unscored_mentions_get_the_score_they_would_get(words, data):
    """A mention with no lexicon word near it gets 0 without VADER: always what VADER gives."""
    from analysis.knowledge.tone_lexicon import load_tone

    lexicon = load_tone()
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    text = " ".join(words)
    assert aimed_tone.__wrapped__(text, (first, last), lexicon) == \
        clause_tone._scored(text, (first, last), lexicon)


def _tones(sentence: str, spans: list[tuple[int, int]], lexicon) -> list[float]:
    from analysis.annotate.clause_tone import add_targeted_tone

    sentences = pd.DataFrame({"entry_id": ["e"], "sentence_idx": [0], "text": [sentence],
                              "start": [0]})
    mentions = pd.DataFrame({"entry_id": ["e"] * len(spans), "sentence_idx": [0] * len(spans),
                             "start": [a for a, _ in spans], "end": [b for _, b in spans]})
    return add_targeted_tone(mentions, sentences, lexicon)["tone"].tolist()


_SENTENCE_WORDS = ["China", "Japan", "Korea", "good", "bad", "sanctions", "no", "less", "doubt",
                   "great", "power", "while", "but", ";", "(", ")", "—", "-", "ties-good", "warm:",
                   "talks", "the", "and", "against", "harm", "Actor", "item", "😀", "x:(", ","]


@given(st.lists(st.sampled_from(_SENTENCE_WORDS), min_size=1, max_size=14), st.data())
@settings(max_examples=600, deadline=None, derandomize=True)
def test_sentences_without_lexicon_words_score_as_scored(words, data):
    """A sentence found to have no word that can score gives every mention what scoring each
    mention in full gives (0)."""

    lexicon = load_tone()
    sentence = " ".join(words)
    starts = [sum(len(w) + 1 for w in words[:k]) for k in range(len(words))]
    picks = sorted(set(data.draw(st.lists(st.integers(0, len(words) - 1), min_size=1, max_size=3))))
    spans = [(starts[k], starts[k] + len(words[k])) for k in picks]
    fast = _tones(sentence, spans, lexicon)
    with mock.patch.object(clause_tone, "_unscored", lambda text, lexicon: False):
        assert fast == _tones(sentence, spans, lexicon)


def test_a_rewrite_that_brings_in_a_lexicon_word_is_scored(tmp_path):
    """A sentence with no lexicon word still scores when a user's rewrite puts one in, and a
    lexicon that scores the placeholder words turns the shortcut off."""

    mine = tmp_path / "tone.toml"
    mine.write_text('[rewrite]\n"red line" = "terrible"\n', encoding="utf-8")
    lexicon = load_tone(mine)
    sentence = "Tokyo crossed a red line -red line"
    assert not clause_tone._unscored(sentence, lexicon)
    assert _tones(sentence, [(0, 5)], lexicon)[0] < 0
    assert clause_tone._unscored("Tokyo crossed a line", lexicon)
    odd = tmp_path / "odd.toml"
    odd.write_text('[valence]\nactor = 2\n', encoding="utf-8")
    assert not clause_tone._placeholders_unscored(load_tone(odd))
