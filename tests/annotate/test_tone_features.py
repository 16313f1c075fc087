"""The features of (sentence, actor) pairs (analysis.annotate.tone_features, tone_roles): the
codebook's rules on written cases, side and distance of words, negation scope, pooling."""

from __future__ import annotations

import pytest

from analysis.annotate.mentions import find_mentions
from analysis.annotate.tone_features import pair_features, sentence_units
from analysis.annotate.vader import compound
from analysis.knowledge.tone_lexicon import load_tone
from analysis.knowledge.tone_words import load_tone_words
from analysis.text.tokenize import tokenize

LEX, WORDS = load_tone(), load_tone_words()


def features(text: str) -> dict[str, dict[str, float]]:
    found = [(m.actor, m.start, m.end) for m in find_mentions(text)]
    return pair_features(text, found, lexicon=LEX, words=WORDS)


def test_victims_are_not_blamed():
    """Rule 1: "The United States aims to harm Russia and China": US -1, Russia 0, China 0."""
    got = features("The United States aims to harm Russia and China.")
    assert list(got) == ["United States", "Russia", "China"]
    us, russia, china = got.values()
    assert us["subj"] == us["act_after"] == 1.0 and "victim" not in us
    assert us["lexR-"] == pytest.approx(2.5 / 4)  # "harm" (-2.5) counts against the one who harms
    for victim in (russia, china):
        assert victim["victim"] == 1.0
        assert "lex-" not in victim and victim["v_near"] == 0.0  # the act done to it is left out
    assert "act_after" not in russia and russia["paired"] == 1.0


def test_passive_victim_and_agent():
    got = features("Japan was attacked by North Korea.")
    assert got["Japan"]["act_passive"] == 1.0 and "act_after" not in got["Japan"]
    assert got["North Korea"]["by_agent"] == 1.0 and got["North Korea"]["prep:by"] == 1.0


def test_negated_negative_and_negated_positive():
    """Rule 4: "China will not become a hegemonic power" +1; "Tokyo is not a reliable partner" -1."""
    china = features("China will not become a hegemonic power.")["China"]
    assert china["negnegR"] == 1.0 and china["neg_clause"] == 1.0
    assert china["lexR+"] > 0 and "lexR-" not in china  # -1.8 negated: -1.8 * -0.74 / 4
    assert china["lexR+"] == pytest.approx(1.8 * 0.74 / 4)
    assert china["w:not_hegemon"] == 1.0 and "w:hegemon" not in china  # in the scope of "not"
    japan = features("Tokyo is not a reliable partner.")["Japan"]
    assert japan["negposR"] == 1.0 and "lexR-" in japan


def test_cooperation_between_two_actors():
    """Rule 6: both partners of a positively framed cooperation; a troubled relationship."""
    got = features("Russia and China deepened their strategic partnership.")
    for actor in ("Russia", "China"):
        assert got[actor]["coop_two"] == got[actor]["paired"] == 1.0
        assert got[actor]["other_in_clause"] == 1.0 and got[actor]["lex+"] > 0
    troubled = features("Relations between Tokyo and Seoul remain strained.")
    for actor in ("Japan", "South Korea"):
        assert troubled[actor]["conflict_two"] == troubled[actor]["relation_two"] == 1.0
    assert troubled["Japan"]["between"] == 1.0
    assert features("Sino-Russian ties grew.")["China"]["hyphen_pair"] == 1.0


def test_counterfactuals_and_threats():
    """Rule 3: a hypothetical is not the actor's; "could strike" is a threat of the actor."""
    got = features("If Washington attacked, China would suffer.")
    assert got["United States"]["cond_clause"] == got["United States"]["cond:if"] == 1.0
    assert got["China"]["hedge_after"] == 1.0 and "cond_clause" not in got["China"]
    assert features("Were Russia to lose, Europe would gain.")["Russia"]["cond:were"] == 1.0
    assert features("North Korea could strike at any time.")["North Korea"]["hedge_after"] == 1.0


def test_place_names_are_not_actors():
    """Rule 7: "South China Sea", "Korean Peninsula" make no pair (the gazetteer's [ignore]);
    a name before a noun of place is marked as a place, one after "in" by its preposition."""
    assert features("The article was devoted to the South China Sea.") == {}
    assert features("Tension on the Korean Peninsula grew.") == {}
    assert features("The Chinese mainland grew.")["China"]["place_next"] == 1.0
    assert "place_next" not in features("The Chinese navy grew.")["China"]
    assert features("The talks were held in India.")["India"]["prep:in"] == 1.0


def test_abandoned_negatives_do_not_count_against_the_actor():
    """Rule 5: "Seoul ended its hostile policy": "hostile" (-1.8 in VADER) is left out."""
    seoul = features("Seoul ended its hostile policy.")["South Korea"]
    assert seoul["overcome_neg"] == 1.0
    assert "lex-" not in seoul and "lexR-" not in seoul
    plain = features("Seoul kept its hostile policy.")["South Korea"]
    assert "overcome_neg" not in plain and plain["lexR-"] > 0


def test_judging_and_reporting_verbs():
    """Rule 10: the one blamed is portrayed; the accuser is not."""
    got = features("Lavrov accused Washington of sabotaging the talks with Pyongyang.")
    assert got["Russia"]["judge_neg_by"] == 1.0 and "judged_neg" not in got["Russia"]
    assert got["United States"]["judged_neg"] == 1.0
    assert got["North Korea"]["prep:with"] == 1.0
    said = features("Putin said that Japan had lost its way.")
    assert said["Russia"]["speaker"] == 1.0 and said["Japan"]["reported"] == 1.0


def test_words_by_side_and_distance():
    japan = features("Japan signed the treaty in Osaka last spring after many talks.")["Japan"]
    assert japan["wR1:sign"] == japan["wR:sign"] == japan["w:sign"] == 1.0
    assert japan["wR2:osaka"] == 1.0 and japan["wR3:talk"] == 1.0
    assert japan["p1:^"] == japan["n1:sign"] == japan["n2:sign the"] == 1.0
    assert not any(k.startswith("wL") for k in japan)


def test_clauses_bound_the_words():
    got = features("Washington threatens Seoul, while Beijing offers friendly talks.")
    assert "w:friend" in got["China"] and "w:friend" not in got["United States"]
    assert got["United States"]["lexR-"] > 0 and got["China"]["lexR+"] > 0


def test_the_vader_scores_are_features():
    text = "Beijing offers friendly talks."
    china = features(text)["China"]
    assert china["v_sent"] == compound(text)
    assert china["v_masked"] == compound("Actor offers friendly talks.")
    assert china["v_near"] > 0 and china["v_near:+"] == 1.0


def test_a_pair_pools_its_mentions():
    """Two mentions of one actor make one pair: indicators by the largest value, VADER scores
    by the mean over the mentions."""
    text = "China and Beijing's allies were praised."
    found = [(m.actor, m.start, m.end) for m in find_mentions(text)]
    assert [a for a, _, _ in found] == ["China", "China"]
    both = pair_features(text, found, lexicon=LEX, words=WORDS)["China"]
    aimed = [0.5, -0.25]
    given = pair_features(text, found, lexicon=LEX, words=WORDS, aimed=aimed)["China"]
    assert given["v_near"] == pytest.approx(0.125)
    assert both["mentions:2"] == 1.0 and both["poss"] == 1.0


def test_units_follow_the_workbook_tokenizer():
    text = "China’s 1 ½ months, Sino-US “deals” (U.S.) don't fail."
    units = sentence_units(text, (), LEX, WORDS).units
    words = [u.norm for u in units if u.norm[:1].isalnum()]
    assert words == [t.norm for t in tokenize(text)]
    assert "'s" in [u.norm for u in units] and "," in [u.norm for u in units]


def test_evaluative_phrases_count_as_one_word():
    """analysis/data/tone_phrases.toml: "lost its way" is one negative word (-2.0) on its first
    word, its other words none; stems match other forms ("losing its way"); "~" may be absent."""
    units = sentence_units("Japan has lost its way and Seoul is losing ground.", (), LEX,
                           WORDS).units
    valence = {u.norm: u.valence for u in units}
    assert valence["lost"] == -2.0 and valence["way"] == 0.0 and valence["losing"] == -2.0
    india = features("India punches above its weight.")["India"]
    assert india["lexR+"] == pytest.approx(2.0 / 4)  # no word of it has a valence of its own
    assert features("India punches above weight.")["India"]["lexR+"] == pytest.approx(0.5)
    negated = features("Tokyo did not lose face.")["Japan"]
    assert negated["negnegR"] == 1.0 and negated["lexR+"] == pytest.approx(2.0 * 0.74 / 4)


def test_words_nearer_another_actor_are_its_own():
    """``own+``/``own-``: the valences of the clause's words nearer this mention than any other
    actor's (the nearest actor owns an evaluative word)."""
    got = features("Generous Beijing helped Tokyo, and Seoul was furious.")
    assert got["China"]["own+"] > 0 and "own-" not in got["China"]
    assert "own+" not in got["Japan"]
