"""Trends (issue 14): with three or more reports, measures per actor on a time axis.

The folder is generated here: six reports of two countries recombined from the sample entries,
written in the published layout (title line, overview, entries).
"""

from __future__ import annotations

import random
from pathlib import Path

import matplotlib
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from analysis.corpus import load_corpus
from analysis.measure.attention import attention
from analysis.measure.frames import frame_shares
from analysis.measure.tone import tone
from analysis.plot.trends import plot_trend

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parents[2]
REPORTS = [("Russia", "November", 2021), ("Russia", "June", 2022), ("Russia", "May", 2023),
           ("Russia", "March", 2024), ("Japan", "June", 2022), ("Japan", "March", 2024)]
MONTHS = {"March": 3, "May": 5, "June": 6, "November": 11}


def write_reports(folder: Path) -> None:
    samples = load_corpus(ROOT / "reports_raw", annotate=False).entries
    bodies = samples.loc[samples["kind"] == "entry", "text"].tolist()
    overview = samples.loc[samples["kind"] == "overview", "text"].iloc[0]
    rng = random.Random(3)
    for country, month, year in REPORTS:
        blocks = [f"Country Report: {country} ({month} {year})", overview,
                  *rng.sample(bodies, 8)]
        name = f"{country.lower()}-{year}-{MONTHS[month]:02d}.txt"
        (folder / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("six-reports")
    write_reports(folder)
    return load_corpus(folder, jobs=1)


def lines_of(fig: Figure) -> dict[str, int]:
    """Per panel title, the number of data lines (with markers) drawn."""
    return {ax.get_title(): sum(1 for line in ax.get_lines() if line.get_marker() == "o")
            for ax in fig.axes if ax.get_visible()}


def test_the_folder_has_six_reports_of_two_countries(corpus):
    assert len(corpus.reports) == 6
    assert set(corpus.reports["country"]) == {"Russia", "Japan"}


def test_attention_trend_one_line_per_country_with_intervals(corpus):
    table = attention(corpus, actors=["China", "United States"], n_boot=50)
    fig = plot_trend(table, value="share", reports=corpus.reports, title="Attention, 6 reports")
    assert isinstance(fig, Figure)
    assert lines_of(fig) == {"China": 2, "United States": 2}
    china = fig.axes[0]
    assert sum(isinstance(c, PolyCollection) for c in china.collections) == 2  # interval bands
    assert {t.get_text() for t in china.get_legend().get_texts()} == {"Russia", "Japan"}
    assert fig.get_suptitle() == "Attention, 6 reports"
    russia = china.get_lines()[0]
    assert len(russia.get_xdata()) == 4  # four Russian reports on the time axis


def test_tone_trend_by_period_pools_countries(corpus):
    table = tone(corpus, by="period", actors=["China"], n_boot=50)
    fig = plot_trend(table, value="mean")
    assert lines_of(fig) == {"China": 1}
    assert len(fig.axes[0].get_lines()[0].get_xdata()) == len(table)


def test_frame_trend_one_line_per_frame(corpus):
    table = frame_shares(corpus, by="period", actors=["China"])
    fig = plot_trend(table, value="share")
    assert lines_of(fig) == {"China": table["frame"].nunique()}
