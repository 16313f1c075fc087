"""Tables for people (issue 14): the display layer of every notebook."""

import numpy as np
import pandas as pd

from analysis.workbook.display import MISSING, cell, label, record, show, tidy


def test_cells_read_as_words_and_numbers():
    assert cell(None) == cell(np.nan) == cell(pd.NaT) == cell("") == cell([]) == MISSING
    assert cell(["Gevorg Mirzaian", "Ivan Zuenko"], "authors") == "Gevorg Mirzaian, Ivan Zuenko"
    assert cell(0.916667, "share") == "92%" and cell(0.25, "share_low_target") == "25%"
    assert cell(-0.333, "share_change") == "-33 pts"
    assert cell(0.054053, "mean") == "0.05" and cell(-0.1234, "tone_target") == "-0.12"
    assert cell(12.0, "n_entries") == "12" and cell(4165, "tokens") == "4,165"
    assert cell(0.0256, "p_value") == "0.026" and cell(0.00001, "q_value") == "<0.001"
    assert cell(True, "reliable") == "yes" and cell(pd.Timestamp("2021-09-29")) == "2021-09-29"
    assert cell("<b>x</b>", "text") == "&lt;b&gt;x&lt;/b&gt;"
    assert 'href="01_corpus_overview.html#entry-russia-2021-11-e01"' in cell(
        "russia-2021-11-e01", "entry_id")


def test_labels_in_words():
    assert label("per_1k") == "per 1,000 tokens"
    assert label("share_low_baseline") == "share, low (baseline)"
    assert label("report_id") == "report" and label("some_column") == "some column"


def test_tables_keep_their_rows_and_lose_their_index():
    table = pd.DataFrame({"side": ["a", "b"], "entry_id": ["r-2021-01-e01", "r-2021-01-e02"],
                          "mentions": [3, 1]}).set_index(["side", "entry_id"])
    out = tidy(table)
    assert list(out.columns) == ["side", "entry", "mentions"] and len(out) == 2
    wide = pd.DataFrame({"actor": ["China"], "share_baseline": [0.5], "share_target": [0.25]})
    assert record(wide).loc["share of entries (target)", "China"] == "25%"
    assert "<table" in show(wide, transpose=True)._repr_html_()


def test_long_tables_are_interactive_and_offline():
    long = pd.DataFrame({"term": [f"w{i}" for i in range(30)], "z": np.linspace(-3, 3, 30)})
    page = show(long)._repr_html_()
    assert show(long).interactive and not show(long.head(5)).interactive
    assert "new ITable(" in page and "itables.org" not in page and "unpkg" not in page
    assert show(long.head(0))._repr_html_() == "<p><em>none</em></p>"
