"""The findings figure (issue 20): small multiples, attention and tone side by side, shared axes,
n on each panel, drawn from a compare table alone."""

import matplotlib
import numpy as np
import pytest
from corpus_fixture import build_corpus, samples
from matplotlib.container import ErrorbarContainer
from matplotlib.figure import Figure

from analysis.measure.compare import compare
from analysis.plot.findings_plots import plot_findings
from analysis.plot.save import save_figure

matplotlib.use("Agg")
FAMILY = ["China", "North Korea", "Japan"]


@pytest.fixture(scope="module")
def table():
    return compare(samples(), baseline="russia-2021-11", target="russia-2024-03", actors=FAMILY)


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_one_row_of_two_panels_per_actor_with_shared_axes(table):
    before = table.copy(deep=True)
    fig = plot_findings(table, labels=("Nov 2021", "Mar 2024"))
    assert table.equals(before)  # drawn as given
    assert isinstance(fig, Figure) and len(fig.axes) == 6
    left, right = fig.axes[0::2], fig.axes[1::2]
    assert [ax.get_title(loc="left") for ax in left] == [
        f"{a}: share of entries naming it" for a in FAMILY]
    assert [ax.get_title(loc="left") for ax in right] == [f"{a}: tone toward it" for a in FAMILY]
    assert {ax.get_xlim() for ax in left} == {(0.0, 100.0)}
    assert len({ax.get_xlim() for ax in right}) == 1  # one tone range for every actor
    lo, hi = right[0].get_xlim()
    shown = table[["tone_low_baseline", "tone_high_baseline", "tone_low_target",
                   "tone_high_target"]].to_numpy()
    assert lo < np.nanmin(shown) and hi > np.nanmax(shown) and lo < 0 < hi
    assert [t.get_text() for t in left[0].get_yticklabels()] == ["Nov 2021", "Mar 2024"]


def test_every_panel_says_its_n_and_draws_the_intervals(table):
    fig = plot_findings(table, labels=("Nov 2021", "Mar 2024"))
    china_a, china_t = fig.axes[0], fig.axes[1]
    assert texts(china_a) == ["11 of 12 entries", "7 of 12 entries"]
    assert texts(china_t) == ["n = 11 entries", "n = 7 entries"]
    bars = [c for c in china_a.containers if isinstance(c, ErrorbarContainer)]
    (x,), _ = bars[0].lines[0].get_data()
    assert x == pytest.approx(100 * 11 / 12)
    segment = bars[0].lines[2][0].get_segments()[0]  # the interval line of the baseline point
    assert segment[:, 0] == pytest.approx(100 * np.array(
        [table.loc[0, "share_low_baseline"], table.loc[0, "share_high_baseline"]]))


def test_too_few_entries_draw_no_interval_and_say_so():
    corpus = build_corpus()
    small = compare(corpus, baseline="russia-2021-11", target="russia-2024-03",
                    actors=["China", "Taiwan"], n_resamples=99, n_boot=99)
    fig = plot_findings(small)
    assert texts(fig.axes[1]) == ["n = 2 (too few for an interval)"] * 2
    assert texts(fig.axes[3]) == ["no entry about it", "no entry about it"]  # never mentioned
    assert not [c for c in fig.axes[1].containers if isinstance(c, ErrorbarContainer)]


def test_sized_for_a_page_and_byte_identical(table, tmp_path):
    fig = plot_findings(table.iloc[:1], width=6.4)
    assert fig.get_size_inches() == pytest.approx((6.4, 1.9))
    assert plot_findings(table).get_size_inches()[1] == pytest.approx(0.8 + 3 * 1.1)
    first = [p.read_bytes() for p in save_figure(fig, tmp_path / "a")]
    again = [p.read_bytes() for p in save_figure(plot_findings(table.iloc[:1], width=6.4),
                                                 tmp_path / "a")]
    assert first == again
