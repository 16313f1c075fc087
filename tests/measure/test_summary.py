"""The comparison in words (analysis.measure.summary): headlines first, the family beside every
adjusted p, the tone measure's agreement from its one source."""

from corpus_fixture import samples

from analysis.knowledge.tone_model import tone_agreement
from analysis.measure.compare import compare
from analysis.measure.headlines import headlines
from analysis.measure.summary import summary

PAIR = {"baseline": "russia-2021-11", "target": "russia-2024-03"}
FAMILY = ["China", "North Korea", "Japan"]


def test_summary_leads_with_the_headlines_of_the_table():
    corpus = samples()
    table = compare(corpus, actors=["China", "Japan"], family=FAMILY, **PAIR)
    note = f"{tone_agreement().sentence()} Codebook: docs/tone-codebook.md."
    text = summary(table, corpus, **PAIR, note=note)
    lines = text.splitlines()
    assert lines[0] == ("Comparison: Russian press, Nov 2021 vs Mar 2024 (baseline russia-2021-11; "
                        "target russia-2024-03)")
    assert "Holm's method over a family of 3 actors (China, North Korea, Japan)" in lines[1]
    assert lines[2] == note and note not in summary(table, corpus, **PAIR)
    heads = headlines(table, corpus.reports, **PAIR)
    start = lines.index("Headlines") + 1
    expected = [x for h in heads.itertuples() for x in (f"- {h.headline}", f"  method: {h.method}")]
    assert lines[start:start + len(expected)] == expected
    # the detail lines name the family beside the adjusted p, with the same numbers
    china = next(line for line in lines if line.startswith("  tone aimed at China"))
    shown = f"p = {table.set_index('actor').loc['China', 'tone_p_adjusted']:.3f}"
    assert f"Holm-adjusted over a family of 3 actors (China, North Korea, Japan) {shown}" in china
    assert shown in heads.iloc[1]["method"]
    assert "-0.00" not in text  # one number format: no "-0.00"
