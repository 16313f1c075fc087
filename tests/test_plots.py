"""Plot structure (analysis.plots): one Figure per result table, drawn from the table alone."""

import matplotlib
import numpy as np
import pytest
from corpus_fixture import build_corpus
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage

from analysis import plots
from analysis.attention import attention, dispersion
from analysis.cooccurrence import cooccurrence
from analysis.frames import frame_shares
from analysis.keyness import keyness, keyness_by
from analysis.sources import source_actors
from analysis.tone import tone

matplotlib.use("Agg")
C = build_corpus()


def visible_axes(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def test_attention_bars():
    table = attention(C)
    before = table.copy()
    fig = plots.plot_attention(table)
    assert table.equals(before)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 3 and all(len(b) == 3 for b in bars)  # 3 groups x 3 actors
    assert [t.get_text() for t in ax.get_xticklabels()] == ["China", "Japan", "North Korea"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "russia-2021-11", "russia-2024-03", "russia-2024-06"]
    heights = [r.get_height() for r in bars[0]]
    assert heights == pytest.approx(table["share"].head(3).tolist())
    assert "Attention" in ax.get_title() and "share" in ax.get_ylabel()
    per_1k = plots.plot_attention(table, value="per_1k").axes[0]
    assert "1,000" in per_1k.get_ylabel()
    with pytest.raises(ValueError, match="value"):
        plots.plot_attention(table, value="mentions")


def test_tone_dots_with_intervals():
    table = tone(C)
    fig = plots.plot_tone(table)
    (ax,) = fig.axes
    dots = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(dots) == 3
    # D has no North Korea sentence: 3 + 3 + 2 points
    assert [len(d.lines[0].get_xdata()) for d in dots] == [3, 3, 2]
    assert list(dots[0].lines[0].get_xdata()) == pytest.approx(table["mean"].head(3).tolist())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["China", "Japan", "North Korea"]
    assert "compound" in ax.get_xlabel() and "Tone" in ax.get_title()


def test_keyness_plot_single_and_by_group():
    table = keyness(C, target="2024", baseline="2021", min_count=1)
    fig = plots.plot_keyness(table, top_n=2)
    (ax,) = fig.axes
    (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(points.get_offsets()) == len(table)
    assert np.allclose(points.get_offsets()[:, 1], table["z"])
    assert np.allclose(points.get_offsets()[:, 0],
                       np.log10(table["n_target"] + table["n_baseline"]))
    labels = [t.get_text() for t in ax.texts]
    # the two highest and two lowest z; terms on the same point share one label
    assert table["term"].head(2).tolist() == ["beijing", "trade"]
    assert table["term"].tail(2).tolist() == ["tests", "war"]
    assert table.iloc[-1][["n_target", "n_baseline"]].tolist() == [0, 1]
    assert labels == ["beijing", "trade", "tests, war"]
    assert ax.get_ylabel().startswith("z") and "frequency" in ax.get_xlabel()
    by = plots.plot_keyness(keyness_by(C, min_count=1))
    assert len(visible_axes(by)) == 3
    assert next(ax.get_title() for ax in visible_axes(by)) == "Keyness: russia-2021-11 vs the rest"


def test_dispersion_rows():
    table = dispersion(C)
    fig = plots.plot_dispersion(table)
    (ax,) = fig.axes
    pairs = table[["report_id", "actor"]].drop_duplicates()
    assert len(ax.lines) == len(pairs) == 8
    assert sum(len(line.get_xdata()) for line in ax.lines) == len(table)
    assert ax.get_yticklabels()[0].get_text() == "russia-2021-11 · China"
    assert ax.get_xlim() == (-0.02, 1.02)


def test_cooccurrence_network():
    table = cooccurrence(C)
    fig = plots.plot_cooccurrence(table)
    axes = visible_axes(fig)
    assert len(axes) == 3
    assert [len(ax.lines) for ax in axes] == [2, 1, 1]  # one edge per pair
    names = {t.get_text() for t in axes[0].texts}
    assert {"China", "Japan", "North Korea", "1"} <= names
    assert axes[0].get_title() == "Co-occurrence in sentences: russia-2021-11"
    empty = plots.plot_cooccurrence(cooccurrence(C, min_count=5))
    assert visible_axes(empty)[0].get_title() == "Co-occurrence: no pairs"


def test_heatmaps():
    table = source_actors(C)
    fig = plots.plot_source_actors(table)
    assert len(fig.axes) == 2  # the heatmap and its colour bar
    ax = fig.axes[0]
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert image.get_array().shape == (5, 3)
    assert next(t.get_text() for t in ax.get_yticklabels()) == "Valdai Club"
    assert "2/3" in [t.get_text() for t in ax.texts]
    frames = frame_shares(C)
    fig = plots.plot_frame_shares(frames)
    ax = fig.axes[0]
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert image.get_array().shape == (9, 2)  # actor x group rows, frame columns
    assert image.get_array().mask.sum() == 2  # no North Korea sentence in D
    assert [t.get_text() for t in ax.get_xticklabels()] == ["economy", "security"]


def test_ax_parameter_and_style():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.plot_attention(attention(C), ax=ax) is fig
    assert len(fig.axes) == 1
    one = keyness_by(C, min_count=1)
    with pytest.raises(ValueError, match="3 groups"):
        plots.plot_keyness(one, ax=Figure().add_subplot())
    single = one[one["group"] == "russia-2024-03"]
    target = Figure().add_subplot()
    assert plots.plot_keyness(single, ax=target) is target.figure
    title = plots.plot_tone(tone(C)).axes[0].title
    assert title.get_fontfamily() == ["DejaVu Sans"]


def test_no_pyplot_state():
    import matplotlib.pyplot as plt

    plt.close("all")
    plots.plot_attention(attention(C))
    plots.plot_cooccurrence(cooccurrence(C))
    assert plt.get_fignums() == []
