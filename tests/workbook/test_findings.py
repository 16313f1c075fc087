"""What a page leads with (issue 20): the corpus as a sentence, the headlines beside the figure,
the findings table; every text escaped, the tone note from its one source."""

from __future__ import annotations

import base64
import html
import re

import pandas as pd
import pytest

from analysis import compare, load_corpus
from analysis.knowledge.tone_model import tone_agreement
from analysis.measure.headlines import headlines
from analysis.workbook.findings import FINDINGS_MIME, corpus_summary, findings_table, lead, say
from analysis.workbook.setup import Setup

FAMILY = ["China", "North Korea", "Japan"]
PAIR = {"baseline": ["russia-2021-11"], "target": ["russia-2024-03"]}


@pytest.fixture(scope="module")
def corpus(samples_dir):
    return load_corpus(samples_dir)


@pytest.fixture(scope="module")
def table(corpus):
    return compare(corpus, actors=FAMILY, family=FAMILY, **PAIR)


def test_the_corpus_is_a_sentence_counting_entries_as_the_index(corpus):
    assert corpus_summary(corpus) == (
        "2 reports, 24 entries from 11 outlets: Russia, Nov 2021 and Mar 2024 (russia-2021-11, "
        "russia-2024-03); 12 entries a report; no problem reading the files.")
    assert (corpus.entries["kind"] == "entry").sum() == 24 < len(corpus.entries)  # overviews
    run = Setup(corpus=corpus, actor="China", actors=[], family=FAMILY, **PAIR)
    assert "Corpus(" not in repr(run) and repr(run).startswith("2 reports, 24 entries")


def test_said_words_are_escaped_paragraphs_and_items():
    shown = say("20 authors; <b>merged</b> for 1:\n  Aleksandr Lomanov: A / B")._repr_html_()
    assert shown == ('<p class="wb-said">20 authors; &lt;b&gt;merged&lt;/b&gt; for 1:</p>'
                     "<ul><li>Aleksandr Lomanov: A / B</li></ul>")
    assert repr(say("x")) == "x"


def test_the_lead_holds_the_headlines_in_order_and_embeds_its_figure(corpus, table, tmp_path):
    out = lead(table, corpus, figure=tmp_path / "findings", **PAIR)
    bundle = out._repr_mimebundle_()
    page, payload = bundle["text/html"], bundle[FINDINGS_MIME]
    heads = headlines(table, corpus.reports, **PAIR)
    shown = [html.unescape(t) for t in
             re.findall(r'<span class="wb-headline-text">(.*?)</span>', page)]
    assert shown == heads["headline"].tolist()
    assert page.count('<details class="wb-method"><summary>method</summary>') == 6
    png = (tmp_path / "findings.png").read_bytes()
    assert (tmp_path / "findings.svg").is_file()
    assert f'src="data:image/png;base64,{base64.b64encode(png).decode()}"' in page
    assert payload["figure"] == "data:image/png;base64," + base64.b64encode(png).decode()
    assert payload["title"] == "Russian press, Nov 2021 vs Mar 2024"
    assert payload["family"] == FAMILY and [a["actor"] for a in payload["actors"]] == FAMILY
    assert [h["headline"] for a in payload["actors"] for h in a["headlines"]] == shown
    assert html.escape(tone_agreement().sentence()) in page and 'href="tone-codebook.html"' in page


def test_findings_table_one_row_per_actor_with_the_headline_numbers(corpus, table):
    page = findings_table(table, corpus, **PAIR)._repr_html_()
    assert "Holm-adjusted p over a family of 3 actors: China, North Korea, Japan" in page
    assert html.escape(tone_agreement().sentence()) in page
    assert "<code>docs/tone-codebook.md</code>" in page and 'href="tone-codebook.html"' in page
    assert "92% (11 of 12; 65% to 99%)" in page and "-33 points (-61 to +2)" in page
    row = table.set_index("actor").loc["China"]
    cell = (f"{row['tone_change']:+.2f} ({row['tone_change_low']:+.2f} to "
            f"{row['tone_change_high']:+.2f}; Holm p = {row['tone_p_adjusted']:.3f} over 3)")
    assert cell.replace("-0.00", "+0.00") in page
    assert 'href="01_corpus_overview.html#entry-russia-2021-11-e06"' in page
    assert "and 8 more" in page and "NaN" not in page and "['" not in page


def test_names_in_a_findings_table_are_data(corpus, table):
    hostile = table.iloc[:1].assign(actor="<img src=x onerror=alert(1)>")
    page = findings_table(hostile, corpus, **PAIR)._repr_html_()
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_a_lead_with_too_few_entries_says_so(tmp_path):
    from corpus_fixture import build_corpus

    small = build_corpus()
    got = compare(small, baseline="russia-2021-11", target="russia-2024-03", actors=["Japan"],
                  n_resamples=99, n_boot=99)
    page = lead(got, small, baseline="russia-2021-11", target="russia-2024-03",
                figure=tmp_path / "f")._repr_mimebundle_()["text/html"]
    assert 'data-verdict="too few entries"' in page and "too few entries about it" in page
    assert not pd.isna(got.iloc[0]["share_change"])
