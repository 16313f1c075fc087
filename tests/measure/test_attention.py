"""Attention (analysis.attention): counts by hand, Wilson against scipy.stats.binomtest, the
per_1k bootstrap against scipy.stats.bootstrap."""

import numpy as np
import pandas as pd
import pytest
from corpus_fixture import assert_unchanged, build_corpus, snapshot
from numpy.testing import assert_allclose
from scipy import stats

from analysis.measure.attention import attention, dispersion
from analysis.measure.groups import UnknownValueError
from analysis.measure.intervals import entry_bootstrap

A, B, D = "russia-2021-11", "russia-2024-03", "russia-2024-06"


@pytest.fixture
def corpus():
    return build_corpus()


def test_counts_by_hand(corpus):
    # Overviews excluded. Word tokens: A 8 + 8 + 5 = 21; B 13 + 2 + 10 + 5 = 30; D 5.
    # China: A e01 "China", e02 "China"; B e01 China, Beijing, Beijing, China; e02 China; D e01.
    got = attention(corpus)
    expected = pd.DataFrame(
        [
            (A, "China", 2, 21, 2, 3), (A, "Japan", 2, 21, 1, 3), (A, "North Korea", 2, 21, 1, 3),
            (B, "China", 5, 30, 2, 4), (B, "Japan", 2, 30, 1, 4), (B, "North Korea", 2, 30, 2, 4),
            (D, "China", 1, 5, 1, 1), (D, "Japan", 1, 5, 1, 1), (D, "North Korea", 0, 5, 0, 1),
        ],
        columns=["group", "actor", "mentions", "tokens", "entries", "n_entries"],
    )
    pd.testing.assert_frame_equal(got[expected.columns], expected)
    assert list(got.columns) == ["group", "actor", "mentions", "tokens", "per_1k", "per_1k_low",
                                 "per_1k_high", "entries", "n_entries", "share", "share_low",
                                 "share_high"]
    assert_allclose(got["per_1k"], 1000 * expected["mentions"] / expected["tokens"])
    assert_allclose(got["share"], expected["entries"] / expected["n_entries"])
    assert got.loc[0, "per_1k"] == pytest.approx(95.238095238)


def test_overview_by_year_and_actor_selection(corpus):
    with_overview = attention(corpus, actors="China", include_overview=True)
    # A's overview "China and Japan drew attention." adds 1 mention, 5 tokens, 1 entry.
    assert with_overview.loc[0, ["mentions", "tokens", "entries", "n_entries"]].tolist() == [
        3, 26, 3, 4]
    by_year = attention(corpus, by="year", actors=["north korea", "China"])
    assert by_year["group"].tolist() == ["2021", "2021", "2024", "2024"]
    assert by_year["actor"].tolist() == ["North Korea", "China"] * 2
    # 2024 = B + D: China mentions 5 + 1, tokens 35, entries 3 of 5.
    row = by_year.iloc[3]
    assert (row["mentions"], row["tokens"], row["entries"], row["n_entries"]) == (6, 35, 3, 5)
    assert row["share"] == pytest.approx(0.6)
    assert attention(corpus, by="period")["group"].unique().tolist() == [
        "2021-11", "2024-03", "2024-06"]


def test_share_interval_is_scipy_wilson(corpus):
    got = attention(corpus, ci=0.9).set_index(["group", "actor"])
    for group, actor, k, n in [(B, "China", 2, 4), (A, "Japan", 1, 3), (B, "North Korea", 2, 4),
                               (D, "North Korea", 0, 1), (D, "China", 1, 1)]:
        ref = stats.binomtest(k, n).proportion_ci(confidence_level=0.9, method="wilson")
        row = got.loc[(group, actor)]
        assert (row["entries"], row["n_entries"]) == (k, n)
        assert_allclose([row["share_low"], row["share_high"]], [ref.low, ref.high], atol=1e-12)
    # an entry mentioning the actor: the lower bound is above 0 (a bootstrap's was 0 here)
    assert got.loc[(A, "Japan"), "share_low"] > 0.05


def test_per_1k_interval_matches_scipy_ratio_bootstrap(corpus):
    got = attention(corpus, n_boot=999, ci=0.9, seed=7).set_index(["group", "actor"])
    # entries in entry_id order: (mentions of the actor, word tokens of the entry)
    for group, actor, mentions, tokens in [
        (B, "China", [4, 1, 0, 0], [13, 2, 10, 5]),
        (A, "North Korea", [0, 2, 0], [8, 8, 5]),
        (B, "Japan", [0, 0, 2, 0], [13, 2, 10, 5]),
    ]:
        ref = stats.bootstrap((np.array(mentions, float), np.array(tokens, float)),
                              lambda m, t, axis=-1: 1000 * m.sum(axis) / t.sum(axis),
                              paired=True, vectorized=True, n_resamples=999,
                              confidence_level=0.9, method="percentile",
                              rng=np.random.default_rng(7)).confidence_interval
        row = got.loc[(group, actor)]
        assert_allclose([row["per_1k_low"], row["per_1k_high"]], [ref.low, ref.high], rtol=1e-12)
    # D has one entry (China once in 5 tokens): every resample is that entry
    d = got.loc[(D, "China")]
    assert (d["per_1k_low"], d["per_1k"], d["per_1k_high"]) == (200.0, 200.0, 200.0)


def test_per_1k_resamples_by_hand(corpus):
    # B's entries in entry_id order; China: mentions [4, 1, 0, 0] over tokens [13, 2, 10, 5]
    got = attention(corpus, actors="China", n_boot=50, ci=0.8, seed=3).set_index("group")
    idx = np.random.default_rng(3).integers(0, 4, (50, 4))
    mentions, tokens = (np.array(v, float) for v in ([4, 1, 0, 0], [13, 2, 10, 5]))
    per_1k = 1000 * mentions[idx].sum(axis=1) / tokens[idx].sum(axis=1)
    assert_allclose(got.loc[B, ["per_1k_low", "per_1k_high"]].to_numpy(dtype=float),
                    np.quantile(per_1k, [0.1, 0.9]), rtol=1e-12)


def test_entry_bootstrap_matches_scipy_for_means_and_ratios():
    rng = np.random.default_rng(1)
    x = rng.normal(size=40)
    low, high = entry_bootstrap(x, np.ones_like(x), n_boot=1500, ci=0.95, seed=3)
    ref = stats.bootstrap((x,), np.mean, n_resamples=1500, method="percentile",
                          rng=np.random.default_rng(3)).confidence_interval
    assert_allclose([low, high], [ref.low, ref.high], rtol=1e-12)
    num, den = rng.normal(size=25), rng.integers(1, 5, size=25).astype(float)
    low, high = entry_bootstrap(num, den, n_boot=800, ci=0.8, seed=5)
    ref = stats.bootstrap((num, den), lambda a, b, axis=-1: a.sum(axis) / b.sum(axis),
                          paired=True, vectorized=True, n_resamples=800, confidence_level=0.8,
                          method="percentile", rng=np.random.default_rng(5)).confidence_interval
    assert_allclose([low, high], [ref.low, ref.high], rtol=1e-12)
    empty_low, empty_high = entry_bootstrap(np.zeros(0), np.zeros(0))
    assert np.isnan(empty_low) and np.isnan(empty_high)


def test_invariants(corpus):
    before = snapshot(corpus)
    first = attention(corpus)
    second = attention(corpus)
    assert_unchanged(corpus, before)
    assert first.to_csv().encode() == second.to_csv().encode()
    assert first["share"].between(0, 1).all()
    assert (first["share_low"] <= first["share"] + 1e-12).all()
    assert (first["share"] <= first["share_high"] + 1e-12).all()
    assert first[["share_low", "share_high"]].stack().between(0, 1).all()
    assert (first["per_1k_low"] <= first["per_1k"] + 1e-9).all()
    assert (first["per_1k"] <= first["per_1k_high"] + 1e-9).all()
    assert (first["per_1k_low"] >= 0).all()


def test_unknown_values(corpus):
    with pytest.raises(UnknownValueError, match="Atlantis"):
        attention(corpus, actors=["Atlantis"])
    never = attention(corpus, actors=["Taiwan"])  # in the gazetteer, not in this corpus
    assert never[["mentions", "entries", "share"]].sum().tolist() == [0, 0, 0]
    assert never["n_entries"].tolist() == [3, 4, 1]
    with pytest.raises(UnknownValueError, match="report_id"):
        attention(corpus, by="section")


def test_dispersion_by_hand(corpus):
    before = snapshot(corpus)
    got = dispersion(corpus, actors=["China"])
    assert_unchanged(corpus, before)
    # A: e01 "Japan seeks trade with China." China is token 4; e02 starts at token 8 and
    # "China backs Pyongyang." is its tokens 5-7, so China is token 8 + 5 = 13; A has 21 tokens.
    a = got[got["report_id"] == A]
    assert a["token"].tolist() == [4, 13]
    assert a["alias"].tolist() == ["China", "China"]
    assert_allclose(a["relative"], [4 / 21, 13 / 21])
    # B: e01 China (0), Beijing (4), Beijing (7), China (10); e02 starts at 13.
    assert got.loc[got["report_id"] == B, "token"].tolist() == [0, 4, 7, 10, 13]
    assert got["relative"].between(0, 1, inclusive="left").all()
    assert list(got.columns) == ["report_id", "entry_id", "position", "sentence_idx", "actor",
                                 "alias", "token", "n_tokens", "relative"]
    everyone = dispersion(corpus)
    assert len(everyone) == len(corpus.mentions) - 4  # the four overview mentions
    assert everyone.equals(dispersion(corpus))


# --- the shipped samples, counted by hand from reports_raw/*.txt ------------------------------
# November 2021: 12 entries; China (China, Chinese, Beijing, Sino-, Xi ...) is in all but e04
# (Lankov on "Kimjongunism"); North Korea in e03, e04, e05 (Lankov, Lankov, Vzglyad) and e08
# (Zavtra: "Vietnam, North Korea, and Laos"); Japan in e02 (Vzglyad), e06 (Shevchenko: "South
# Korea, Japan, India") and e10 (Forbes: "compared to Japan"). March 2024: 12 entries; China in
# e01-e06 and e12 (Barabanov: "Iran and China"); North Korea in e02 (its continuation paragraph
# on Kim Jong-un's visit), e07, e08, e09; Japan in e04, e06, e07.
SAMPLE_SHARES = {
    ("russia-2021-11", "China"): 11, ("russia-2021-11", "North Korea"): 4,
    ("russia-2021-11", "Japan"): 3, ("russia-2024-03", "China"): 7,
    ("russia-2024-03", "North Korea"): 4, ("russia-2024-03", "Japan"): 3,
}


def test_samples_entry_shares():
    from corpus_fixture import samples

    corpus = samples()
    got = attention(corpus, actors=["China", "North Korea", "Japan"]).set_index(["group", "actor"])
    for key, entries in SAMPLE_SHARES.items():
        assert got.loc[key, "n_entries"] == 12
        assert got.loc[key, "entries"] == entries
        assert got.loc[key, "share"] == pytest.approx(entries / 12)
    hit = corpus.mentions[(corpus.mentions["actor"] == "China")
                          & (corpus.mentions["report_id"] == "russia-2021-11")]
    assert "russia-2021-11-e04" not in set(hit["entry_id"])
    # the interval is Wilson's for 7 of the 12 entries: 31.95%-80.67%
    ids = sorted(corpus.entries.loc[(corpus.entries["report_id"] == "russia-2024-03")
                                    & (corpus.entries["kind"] == "entry"), "entry_id"])
    ref = stats.binomtest(7, 12).proportion_ci(method="wilson")
    row = got.loc[("russia-2024-03", "China")]
    assert_allclose([row["share_low"], row["share_high"]], [ref.low, ref.high], atol=1e-12)
    assert (round(row["share_low"], 4), round(row["share_high"], 4)) == (0.3195, 0.8067)
    # tokens are the word tokens of the 12 entries; per_1k follows
    n_tokens = corpus.tokens["entry_id"].isin(ids).sum()
    assert row["tokens"] == n_tokens
    assert row["per_1k"] == pytest.approx(1000 * row["mentions"] / n_tokens)
    m = corpus.mentions[corpus.mentions["actor"] == "China"].groupby("entry_id").size()
    num = m.reindex(ids, fill_value=0).to_numpy(dtype=float)
    den = corpus.tokens.groupby("entry_id").size().reindex(ids).to_numpy(dtype=float)
    ref = stats.bootstrap((num, den), lambda a, b, axis=-1: 1000 * a.sum(axis) / b.sum(axis),
                          paired=True, vectorized=True, n_resamples=2000, method="percentile",
                          rng=np.random.default_rng(0)).confidence_interval
    assert_allclose([row["per_1k_low"], row["per_1k_high"]], [ref.low, ref.high], rtol=1e-12)
