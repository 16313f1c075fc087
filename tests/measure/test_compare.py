"""The headline table (analysis.compare) agrees with the measures it gathers."""

import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from scipy import stats

from analysis.measure.attention import attention
from analysis.measure.compare import compare, evidence
from analysis.measure.groups import UnknownValueError
from analysis.measure.keyness import distinctive, keyness
from analysis.measure.tone import tone_change

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.fixture(scope="module")
def corpus():
    return build_corpus()


@pytest.fixture(scope="module")
def result(corpus):
    before = snapshot(corpus)
    out = compare(corpus, baseline=A, target=B, top_n=3)
    assert_unchanged(corpus, before)
    return out


def test_one_row_per_actor_by_attention(result):
    # entries on both sides: China 2 + 2, North Korea 1 + 2, Japan 1 + 1
    assert result["actor"].tolist() == ["China", "North Korea", "Japan"]


def test_attention_and_tone_columns_match_the_measures(corpus, result):
    att = attention(corpus).set_index(["group", "actor"])
    change = tone_change(corpus, baseline=A, target=B).set_index("actor")
    for row in result.itertuples(index=False):
        for side, report in (("baseline", A), ("target", B)):
            ref = att.loc[(report, row.actor)]
            for col in ("entries", "n_entries", "share", "share_low", "share_high", "per_1k"):
                assert getattr(row, f"{col}_{side}") == pytest.approx(ref[col])
        assert row.share_change == pytest.approx(row.share_target - row.share_baseline)
        assert row.per_1k_change == pytest.approx(row.per_1k_target - row.per_1k_baseline)
        assert row.tone_change == pytest.approx(change.loc[row.actor, "difference"])
        assert row.tone_p_value == pytest.approx(change.loc[row.actor, "p_value"], nan_ok=True)
        assert row.tone_reliable == change.loc[row.actor, "reliable"]
    china = result.set_index("actor").loc["China"]
    assert (china["share_baseline"], china["share_target"]) == (pytest.approx(2 / 3), 0.5)
    # Newcombe's interval of 2/4 - 2/3 (independent: Newcombe 1998 method 10 from the two
    # Wilson intervals of scipy)
    lo1, hi1 = stats.binomtest(2, 3).proportion_ci(method="wilson")
    lo2, hi2 = stats.binomtest(2, 4).proportion_ci(method="wilson")
    d = 0.5 - 2 / 3
    assert china["share_change_low"] == pytest.approx(d - ((0.5 - lo2) ** 2 + (hi1 - 2 / 3) ** 2) ** 0.5)
    assert china["share_change_high"] == pytest.approx(d + ((hi2 - 0.5) ** 2 + (2 / 3 - lo1) ** 2) ** 0.5)
    # tone: mean over entries of the targeted tone (tone_masked + 0.2 in the fixture)
    assert (china["tone_baseline"], china["tone_target"]) == (
        pytest.approx(0.5), pytest.approx((0.5 / 3 + 0.2 + 0.3) / 2))
    assert (china["tone_entries_baseline"], china["tone_entries_target"]) == (2, 2)
    assert (china["sentences_baseline"], china["sentences_target"]) == (2, 4)
    # two entries a side: too few for a test (min_entries = 3)
    assert not china["tone_reliable"] and pd.isna(china["tone_p_value"])
    assert pd.isna(china["tone_change_low"]) and pd.isna(china["tone_low_target"])


def test_min_entries_lowered_gives_the_test(corpus):
    got = compare(corpus, baseline=A, target=B, actors="China", min_entries=2).iloc[0]
    change = tone_change(corpus, baseline=A, target=B, actors="China", min_entries=2).iloc[0]
    assert got["tone_reliable"] and got["tone_p_value"] == pytest.approx(change["p_value"])
    assert got["tone_p_value"] == pytest.approx(1 / 3)
    assert got["tone_change_low"] == pytest.approx(change["difference_low"])


def test_evidence_and_terms(corpus, result):
    china = result.set_index("actor").loc["China"]
    # B: e01 mentions China 4 times, e02 once; A: e01 and e02 once each (tie: by id)
    assert china["evidence_target"] == [f"{B}-e01", f"{B}-e02"]
    assert china["evidence_baseline"] == [f"{A}-e01", f"{A}-e02"]
    terms = distinctive(keyness(corpus, target=B, baseline=A, actor="China"))
    assert china["terms_target"] == terms.loc[terms["z"] > 0, "term"].head(3).tolist()
    assert china["terms_baseline"] == terms.loc[terms["z"] < 0, "term"].iloc[::-1].head(3).tolist()
    assert len(china["terms_target"]) <= 3


def test_groups_actor_order_and_determinism(corpus):
    got = compare(corpus, baseline="2021", target="2024", actors=["japan", "China"])
    assert got["actor"].tolist() == ["Japan", "China"]
    japan = got.iloc[0]
    # 2024 = B + D: Japan in B e03 and D e01, 2 of 5 entries
    assert (japan["entries_target"], japan["n_entries_target"]) == (2, 5)
    assert japan["evidence_target"] == [f"{B}-e03", f"{D}-e01"]
    again = compare(corpus, baseline="2021", target="2024", actors=["japan", "China"])
    assert got.to_json() == again.to_json()


def test_errors(corpus):
    with pytest.raises(UnknownValueError, match="russia-2019-01"):
        compare(corpus, baseline="russia-2019-01", target=B)
    with pytest.raises(UnknownValueError, match="Atlantis"):
        compare(corpus, baseline=A, target=B, actors=["Atlantis"])
    with pytest.raises(ValueError, match="share reports"):
        compare(corpus, baseline="2024", target=B)


EVIDENCE_COLUMNS = ["side", "entry_id", "report_id", "outlet", "issue", "pub_date", "authors",
                    "mentions"]


def test_evidence_table_by_hand(corpus):
    before = snapshot(corpus)
    got = evidence(corpus, baseline=A, target=B, actor="china")
    assert_unchanged(corpus, before)
    # A: e01 "... with China." and e02 "China backs ..." once each (tie: by id);
    # B: e01 China, Beijing, Beijing, China (4), e02 "China modernizes." (1)
    expected = pd.DataFrame({
        "side": ["baseline", "baseline", "target", "target"],
        "entry_id": [f"{A}-e01", f"{A}-e02", f"{B}-e01", f"{B}-e02"],
        "report_id": [A, A, B, B],
        "outlet": ["Vzgliad", "Valdai Club", "Interfax", "MEiMO"],
        "issue": [None, None, None, None],
        "pub_date": pd.to_datetime([pd.NaT] * 4).astype("datetime64[ns]"),
        "authors": [["Gevorg Mirzaian"], ["Andrei Lankov"], ["Aleksandr Lomanov"],
                    ["Olga N. Borokh", "Alexandr V. Lomanov"]],
        "mentions": [1, 1, 4, 1],
    })
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert list(got.columns) == EVIDENCE_COLUMNS
    assert got["mentions"].dtype == "int64"
    pd.testing.assert_frame_equal(got, evidence(corpus, baseline=A, target=B, actor="China"))


def test_evidence_is_compares_ranking(corpus, result):
    got = evidence(corpus, baseline=A, target=B, actor="North Korea")
    row = result.set_index("actor").loc["North Korea"]
    for side in ("baseline", "target"):
        assert got.loc[got["side"] == side, "entry_id"].tolist() == row[f"evidence_{side}"]
    # years as ints; 2024 = B + D: Japan twice in B e03 ("Japan", "Tokyo"), once in D e01
    japan = evidence(corpus, baseline=2021, target=2024, actor="Japan")
    assert japan[["side", "entry_id", "mentions"]].values.tolist() == [
        ["baseline", f"{A}-e01", 2], ["target", f"{B}-e03", 2], ["target", f"{D}-e01", 1]]


def test_evidence_overview_empty_and_errors(corpus):
    # the overviews "China and Japan drew attention." (A) and "China dominated." (B) count too
    got = evidence(corpus, baseline=A, target=B, actor="China", include_overview=True)
    assert got[["entry_id", "mentions"]].values.tolist() == [
        [f"{A}-e00", 1], [f"{A}-e01", 1], [f"{A}-e02", 1],
        [f"{B}-e01", 4], [f"{B}-e00", 1], [f"{B}-e02", 1]]
    none = evidence(corpus, baseline=A, target=B, actor="Taiwan")  # never mentioned
    assert none.empty and list(none.columns) == EVIDENCE_COLUMNS
    with pytest.raises(UnknownValueError, match="Atlantis"):
        evidence(corpus, baseline=A, target=B, actor="Atlantis")
    with pytest.raises(ValueError, match="share reports"):
        evidence(corpus, baseline="2024", target=B, actor="China")


def test_samples_headline():
    from corpus_fixture import samples

    corpus = samples()
    got = compare(corpus, baseline="russia-2021-11", target="russia-2024-03",
                  actors=["China", "North Korea", "Japan"]).set_index("actor")
    china = got.loc["China"]
    # hand counts (see test_attention): China in 11 of 12 entries, then 7 of 12
    assert (china["entries_baseline"], china["entries_target"]) == (11, 7)
    assert china["share_change"] == pytest.approx(7 / 12 - 11 / 12)
    assert set(china["evidence_baseline"]) == {f"russia-2021-11-e{i:02d}" for i in range(1, 13)
                                               if i != 4}
    assert set(china["evidence_target"]) == {f"russia-2024-03-e{i:02d}"
                                             for i in (1, 2, 3, 4, 5, 6, 12)}
    assert got.loc["Japan", "evidence_target"] == sorted(
        got.loc["Japan", "evidence_target"],
        key=lambda e: -int(((corpus.mentions["entry_id"] == e)
                            & (corpus.mentions["actor"] == "Japan")).sum()))
    for actor in got.index:
        row = got.loc[actor]
        # twelve entries a side: no term survives 270 tests at q < 0.05; leads may be listed
        assert row["terms_target"] == [] and row["terms_baseline"] == []
        assert len(row["leads_target"]) <= 5 and len(row["leads_baseline"]) <= 5
        assert bool(row["tone_reliable"]) and 0 <= row["tone_p_value"] <= 1
        assert row["tone_p_value"] <= row["tone_p_adjusted"] <= 1
        for side in ("baseline", "target"):
            assert row[f"tone_low_{side}"] <= row[f"tone_{side}"] <= row[f"tone_high_{side}"]
            assert row[f"tone_entries_{side}"] >= 3
    # actor aliases are not "distinctive terms" of the actor's own sentences
    assert "china" not in china["terms_target"] + china["terms_baseline"]
    again = compare(corpus, baseline="russia-2021-11", target="russia-2024-03",
                    actors=["China", "North Korea", "Japan"])
    assert again.to_json() == got.reset_index().to_json()
    table = evidence(corpus, baseline="russia-2021-11", target=2024, actor="Japan")
    assert table.loc[table["side"] == "target", "entry_id"].tolist() == list(
        got.loc["Japan", "evidence_target"])
    japan = corpus.mentions[(corpus.mentions["actor"] == "Japan")
                            & corpus.mentions["entry_id"].isin(table["entry_id"])]
    assert table["mentions"].sum() == len(japan)


def test_family_is_the_holm_family_wherever_the_comparison_is_asked():
    """Issue 20: the adjusted p is Holm's over the family (the plan's actors), so the actor alone
    and the actor among the family give one number; the family is a column."""
    from corpus_fixture import samples

    from analysis.measure.intervals import holm

    corpus = samples()
    family = ["China", "North Korea", "Japan"]
    pair = {"baseline": "russia-2021-11", "target": "russia-2024-03"}
    together = compare(corpus, actors=family, **pair).set_index("actor")
    alone = compare(corpus, actors=["China"], family=family, **pair).set_index("actor")
    pd.testing.assert_series_equal(alone.loc["China"], together.loc["China"])
    assert alone.loc["China", "tone_family"] == family
    assert together["tone_family"].map(tuple).nunique() == 1
    # Holm over the three p-values, by hand (Holm 1979): the k-th smallest times (4 - k), made
    # monotone, at most 1
    p = together["tone_p_value"].to_numpy()
    assert together["tone_p_adjusted"].tolist() == pytest.approx(holm(p).tolist())
    ordered = sorted(p)
    by_hand = [min(1.0, max((3 - i) * ordered[i] for i in range(k + 1))) for k in range(3)]
    assert together.loc["China", "tone_p_adjusted"] == pytest.approx(
        by_hand[ordered.index(together.loc["China", "tone_p_value"])])
    # without a family, the actors compared are the family: China alone is adjusted over 1
    single = compare(corpus, actors=["China"], **pair).iloc[0]
    assert single["tone_family"] == ["China"]
    assert single["tone_p_adjusted"] == pytest.approx(single["tone_p_value"])
    # an actor compared outside the family joins it; one without a test (India: 2 entries about
    # it in 2021) is not in the family tested
    extra = compare(corpus, actors=["India", "United States"], family=family, **pair)
    assert extra.iloc[0]["tone_family"] == [*family, "United States"]
    assert not extra.iloc[0]["tone_reliable"] and extra.iloc[1]["tone_reliable"]


def test_family_leaves_out_actors_without_a_test(corpus):
    got = compare(corpus, baseline=A, target=B, actors=["China"], family=["Japan", "China"],
                  n_resamples=99, n_boot=99)
    # two entries a side at most in the fixture: no actor has a test, the family tested is empty
    assert got.iloc[0]["tone_family"] == [] and not got.iloc[0]["tone_reliable"]
