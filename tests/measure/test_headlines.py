"""Headlines in plain words (issue 20): each wording rule on a table that produces it.

The rules (analysis.measure.headlines): a clear rise, a clear fall, no clear change (the
interval holds 0: "within chance"; or, for tone, the interval excludes 0 but the Holm-adjusted p
over the family does not pass), too few entries, and the same share; every headline names the
unit (entries) and its n. Tables are compare tables built from counts with the project's own
Wilson and Newcombe intervals, so their numbers hang together.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from corpus_fixture import build_corpus, samples

from analysis.measure.compare import compare
from analysis.measure.headlines import (
    VERDICTS,
    PairLabels,
    attention_headline,
    findings,
    headlines,
    month_label,
    pair_labels,
    points,
    signed,
    tone_headline,
)
from analysis.measure.intervals import newcombe, wilson

LABELS = PairLabels("Nov 2021", "Mar 2024", False, "Russian press, Nov 2021 vs Mar 2024")
FAMILY = ["China", "North Korea", "Japan"]


def row(k_b=11, n_b=12, k_t=7, n_t=12, *, m_b=11, m_t=7, tone_b=0.06, tone_t=0.02,
        change_ci=(-0.11, 0.04), p=0.37, p_adjusted=0.741, reliable=True, family=FAMILY,
        actor="China") -> dict:
    """One compare row: attention from counts (Wilson, Newcombe), tone as given."""
    out = {"actor": actor, "tone_family": list(family)}
    for side, k, n, m, mean in (("baseline", k_b, n_b, m_b, tone_b),
                                ("target", k_t, n_t, m_t, tone_t)):
        low, high = wilson(k, n)
        out.update({f"entries_{side}": k, f"n_entries_{side}": n, f"share_{side}": k / n,
                    f"share_low_{side}": float(low), f"share_high_{side}": float(high),
                    f"per_1k_{side}": 10.0, f"tone_entries_{side}": m, f"tone_{side}": mean,
                    f"tone_low_{side}": mean - 0.05 if m >= 3 else float("nan"),
                    f"tone_high_{side}": mean + 0.05 if m >= 3 else float("nan"),
                    f"evidence_{side}": [f"r-2021-11-e{i:02d}" for i in range(1, k + 1)]})
    low, high = newcombe(k_b, n_b, k_t, n_t)
    out.update({"share_change": k_t / n_t - k_b / n_b, "share_change_low": float(low),
                "share_change_high": float(high), "tone_change": tone_t - tone_b,
                "tone_change_low": change_ci[0] if reliable else float("nan"),
                "tone_change_high": change_ci[1] if reliable else float("nan"),
                "tone_p_value": p if reliable else float("nan"),
                "tone_p_adjusted": p_adjusted if reliable else float("nan"),
                "tone_reliable": reliable})
    return out


def has_unit_and_n(text: str, *ns: int) -> bool:
    return "entries" in text and all(re.search(rf"\b{n}\b", text) for n in ns)


# -- attention ---------------------------------------------------------------------------------

def test_attention_no_clear_change_says_why_with_n_and_interval():
    verdict, text, method = attention_headline(row(), LABELS)
    assert verdict == "no clear change"
    assert text == ("China: named in 11 of 12 entries in Nov 2021 and 7 of 12 in Mar 2024 (down "
                    "33 points; with 12 entries a side, a fall this size is within chance: 95% CI "
                    "-61 to +2)")
    assert "Wilson" in method and "Newcombe" in method and "92% (65% to 99%" in method


def test_attention_clear_rise():
    verdict, text, _ = attention_headline(row(k_b=1, k_t=11), LABELS)
    assert verdict == "clear rise"
    assert text.startswith("China: named in 1 of 12 entries in Nov 2021 and 11 of 12 in Mar 2024")
    assert "(up 83 points, a clear rise: 95% CI +" in text and has_unit_and_n(text, 1, 11, 12)


def test_attention_clear_fall_with_unequal_sides():
    verdict, text, _ = attention_headline(row(k_b=20, n_b=20, k_t=2, n_t=15), LABELS)
    assert verdict == "clear fall"
    assert "named in 20 of 20 entries in Nov 2021 and 2 of 15 in Mar 2024" in text
    assert "(down 87 points, a clear fall: 95% CI -" in text


def test_attention_same_share_is_no_clear_change():
    verdict, text, _ = attention_headline(row(k_b=4, k_t=4), LABELS)
    assert verdict == "no clear change"
    assert "(the same share; with 12 entries a side, 95% CI -34 to +34)" in text


def test_attention_too_few_entries_names_the_side():
    verdict, text, _ = attention_headline(row(k_b=1, n_b=2), LABELS)
    assert verdict == "too few entries"
    assert text == ("China: named in 1 of 2 entries in Nov 2021 and 7 of 12 in Mar 2024 (too few "
                    "entries to tell a change: fewer than 3 in Nov 2021)")


# -- tone --------------------------------------------------------------------------------------

def test_tone_no_clear_change_within_chance():
    verdict, text, method = tone_headline(row(), LABELS)
    assert verdict == "no clear change"
    assert text == ("China: tone toward it averaged +0.06 over 11 entries in Nov 2021 and +0.02 "
                    "over 7 in Mar 2024 (down 0.04 on the -1 to +1 scale; with 11 and 7 entries, "
                    "a fall this size is within chance: 95% CI -0.11 to +0.04)")
    assert ("p = 0.370, Holm-adjusted over a family of 3 actors (China, North Korea, Japan) "
            "p = 0.741") in method


def test_tone_clear_rise_needs_interval_and_adjusted_p():
    clear = row(tone_b=-0.2, tone_t=0.3, change_ci=(0.2, 0.8), p=0.001, p_adjusted=0.003)
    verdict, text, _ = tone_headline(clear, LABELS)
    assert verdict == "clear rise"
    assert "(up 0.50 on the -1 to +1 scale, a clear rise: 95% CI +0.20 to +0.80)" in text
    assert has_unit_and_n(text, 11, 7)


def test_tone_clear_fall():
    verdict, text, _ = tone_headline(row(tone_b=0.4, tone_t=-0.1, change_ci=(-0.8, -0.2),
                                         p=0.002, p_adjusted=0.006), LABELS)
    assert verdict == "clear fall" and "(down 0.50 on the -1 to +1 scale, a clear fall" in text


def test_tone_interval_clear_but_not_after_holm_is_no_clear_change():
    verdict, text, _ = tone_headline(row(tone_b=0.0, tone_t=0.2, change_ci=(0.01, 0.4),
                                         p=0.03, p_adjusted=0.09), LABELS)
    assert verdict == "no clear change"
    assert ("its 95% CI +0.01 to +0.40 excludes 0, but with 3 actors tested together a rise "
            "this size can be chance") in text


def test_tone_too_few_entries():
    verdict, text, method = tone_headline(row(m_b=2, reliable=False), LABELS)
    assert verdict == "too few entries"
    assert text == ("China: tone toward it averaged +0.06 over 2 entries in Nov 2021 and +0.02 over "
                    "7 in Mar 2024 (too few entries about it to tell a change: fewer than 3 in "
                    "Nov 2021)")
    assert "no interval and no test below 3 entries" in method
    verdict, text, _ = tone_headline(row(m_b=0, tone_b=float("nan"), reliable=False), LABELS)
    assert verdict == "too few entries"
    assert text.startswith("China: no entry about it in Nov 2021; tone toward it averaged +0.02 "
                           "over 7 entries in Mar 2024")


# -- tables ------------------------------------------------------------------------------------

def test_headlines_of_a_table_one_per_actor_and_measure_with_unit_and_n():
    table = pd.DataFrame([row(), row(k_b=1, k_t=11, actor="Japan"),
                          row(k_b=1, n_b=2, m_b=2, reliable=False, actor="India")])
    reports = pd.DataFrame({"report_id": ["russia-2021-11", "russia-2024-03"],
                            "country": ["Russia", "Russia"], "period": ["2021-11", "2024-03"]})
    got = headlines(table, reports, baseline="2021", target="2024")
    assert got.attrs["title"] == "Russian press, Nov 2021 vs Mar 2024"
    assert got[["actor", "measure"]].values.tolist() == [
        ["China", "attention"], ["China", "tone"], ["Japan", "attention"], ["Japan", "tone"],
        ["India", "attention"], ["India", "tone"]]
    assert got["verdict"].tolist() == ["no clear change", "no clear change", "clear rise",
                                       "no clear change", "too few entries", "too few entries"]
    assert set(got["verdict"]) <= set(VERDICTS)
    assert all("entries" in h and re.search(r"\d", h) for h in got["headline"])
    table_rows = findings(table, reports, baseline="2021", target="2024")
    china = table_rows.iloc[0]
    assert china["attention_baseline"] == "92% (11 of 12; 65% to 99%)"
    assert china["attention_change"] == "-33 points (-61 to +2)"
    assert china["tone_change"] == "-0.04 (-0.11 to +0.04; Holm p = 0.741 over 3)"
    assert table_rows.iloc[2]["tone_baseline"] == "+0.06 (2 entries; too few entries)"
    # every number of a headline (its size, unsigned) is in the findings row of its actor
    def numbers(text: str) -> set[str]:
        text = text.replace("Nov 2021", "").replace("Mar 2024", "").replace("-1 to +1", "")
        return set(re.findall(r"\d+(?:\.\d+)?", text.replace("95% CI", "")))

    for actor, text in zip(got["actor"], got["headline"], strict=True):
        cells = " ".join(map(str, table_rows.set_index("actor").loc[actor]))
        assert numbers(text) <= numbers(cells) | {"3"}, (actor, text)  # 3: min_entries


def test_the_issue_example_on_the_samples():
    corpus = samples()
    table = compare(corpus, baseline="russia-2021-11", target="russia-2024-03", actors=["China"],
                    family=FAMILY)
    got = headlines(table, corpus.reports, baseline="russia-2021-11", target="russia-2024-03")
    assert got.iloc[0]["headline"] == (
        "China: named in 11 of 12 entries in Nov 2021 and 7 of 12 in Mar 2024 (down 33 points; "
        "with 12 entries a side, a fall this size is within chance: 95% CI -61 to +2)")
    p_adjusted = table.iloc[0]["tone_p_adjusted"]  # Holm over the family, not the one asked
    assert p_adjusted != table.iloc[0]["tone_p_value"]
    assert ("Holm-adjusted over a family of 3 actors (China, North Korea, Japan) "
            f"p = {p_adjusted:.3f}") in got.iloc[1]["method"]


def test_too_few_entries_from_a_real_table():
    corpus = build_corpus()
    table = compare(corpus, baseline="russia-2021-11", target="russia-2024-03",
                    actors=["Japan"], n_resamples=99, n_boot=99)
    got = headlines(table, corpus.reports, baseline="russia-2021-11", target="russia-2024-03")
    assert got["verdict"].tolist() == ["no clear change", "too few entries"]
    assert got.iloc[0]["headline"].startswith(
        "Japan: named in 1 of 3 entries in Nov 2021 and 1 of 4 in Mar 2024")


# -- labels and numbers ------------------------------------------------------------------------

def test_a_cross_country_comparison_is_named_as_such():
    reports = pd.DataFrame({"report_id": ["russia-2021-11", "japan-2023-05", "japan-2023-09"],
                            "country": ["Russia", "Japan", "Japan"],
                            "period": ["2021-11", "2023-05", "2023-09"]})
    labels = pair_labels(reports, ["russia-2021-11"], ["japan-2023-05", "japan-2023-09"])
    assert labels.cross_country
    assert labels.baseline == "Russian press in Nov 2021"
    assert labels.target == "Japanese press in May to Sep 2023 (2 reports)"
    assert labels.title.startswith("Russian press in Nov 2021 vs Japanese press in May to Sep "
                                   "2023 (2 reports): different countries' press")
    table = pd.DataFrame([row()])
    text = headlines(table, reports, baseline="2021", target="2023").iloc[0]["headline"]
    assert "in Russian press in Nov 2021 and 7 of 12 in Japanese press in May to Sep 2023" in text
    same = pair_labels(reports, ["japan-2023-05"], ["japan-2023-09"])
    assert not same.cross_country and same.title == "Japanese press, May 2023 vs Sep 2023"
    other = pd.DataFrame({"report_id": ["x-2020-01", "y-2020-02"], "country": ["Atlantis", "Oz"],
                          "period": ["2020-01", "2020-02"]})
    assert pair_labels(other, ["x-2020-01"], ["y-2020-02"]).baseline == (
        "the press of Atlantis in Jan 2020")


@pytest.mark.parametrize(("value", "expected"), [
    (-1 / 3, "-33"), (0.004, "0"), (0.02, "+2"), (float("nan"), "n/a")])
def test_points(value, expected):
    assert points(value) == expected


def test_signed_has_no_negative_zero_and_months_read_as_words():
    assert signed(-0.001) == "+0.00" and signed(0.0213) == "+0.02" and signed(-0.115) == "-0.12"
    assert month_label("2021-11") == "Nov 2021" and month_label("2024-03") == "Mar 2024"
