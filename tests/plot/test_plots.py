"""Plot structure (analysis.plots): one Figure per result table, drawn from the table alone."""

import matplotlib
import numpy as np
import pytest
from corpus_fixture import build_corpus
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.container import BarContainer, ErrorbarContainer
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Text

from analysis.measure.attention import attention, dispersion
from analysis.measure.cooccurrence import cooccurrence
from analysis.measure.frames import frame_shares
from analysis.measure.keyness import keyness, keyness_by
from analysis.measure.sources import source_actors
from analysis.measure.tone import tone
from analysis.plot import layout
from analysis.plot.attention_plots import plot_attention, plot_dispersion
from analysis.plot.heatmaps import plot_frame_shares, plot_source_actors
from analysis.plot.keyness_plots import plot_keyness
from analysis.plot.network import EDGE_LABELS, plot_cooccurrence
from analysis.plot.tone_plots import plot_tone

matplotlib.use("Agg")
C = build_corpus()


def visible_axes(fig):
    return [ax for ax in fig.axes if ax.get_visible()]


def rendered(fig):
    """Lay the figure out on an Agg canvas (as save_figure's PNG does); its renderer."""
    canvas = FigureCanvasAgg(fig)
    fig.draw_without_rendering()
    return canvas.get_renderer()


def text_boxes(fig, texts):
    """Window extents of the texts themselves (an annotation's arrow left out), after layout."""
    renderer = rendered(fig)
    return [Text.get_window_extent(t, renderer) for t in texts]


def overlapping(boxes):
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]


def inside(box, outer, tol=0.5):
    return (box.x0 >= outer.x0 - tol and box.x1 <= outer.x1 + tol
            and box.y0 >= outer.y0 - tol and box.y1 <= outer.y1 + tol)


@pytest.fixture(scope="module")
def samples():
    from corpus_fixture import samples

    return samples()


def test_attention_bars():
    table = attention(C)
    before = table.copy()
    fig = plot_attention(table)
    assert table.equals(before)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert len(bars) == 3 and all(len(b) == 3 for b in bars)  # 3 groups x 3 actors
    assert [t.get_text() for t in ax.get_xticklabels()] == ["China", "Japan", "North Korea"]
    # each group names its n entries
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "russia-2021-11 (n = 3 entries)", "russia-2024-03 (n = 4 entries)",
        "russia-2024-06 (n = 1 entry)"]
    heights = [r.get_height() for r in bars[0]]
    assert heights == pytest.approx(table["share"].head(3).tolist())
    assert "Attention" in ax.get_title() and "share" in ax.get_ylabel()
    per_1k = plot_attention(table, value="per_1k").axes[0]
    assert "1,000" in per_1k.get_ylabel()
    with pytest.raises(ValueError, match="value"):
        plot_attention(table, value="mentions")


def test_attention_error_bars_for_both_values_and_legend_outside():
    table = attention(C)
    for value in ("share", "per_1k"):
        fig = plot_attention(table, value=value)
        (ax,) = fig.axes
        bars = [c for c in ax.containers if isinstance(c, BarContainer)]
        for group, container in zip(["russia-2021-11", "russia-2024-03", "russia-2024-06"], bars,
                                    strict=True):
            rows = table[table["group"] == group]
            segments = container.errorbar.lines[2][0].get_segments()
            assert [seg[0][1] for seg in segments] == pytest.approx(rows[f"{value}_low"].tolist())
            assert [seg[1][1] for seg in segments] == pytest.approx(rows[f"{value}_high"].tolist())
        assert ("Wilson interval" if value == "share" else "bootstrap interval") in ax.get_title()
        renderer = rendered(fig)
        legend = ax.get_legend().get_window_extent(renderer)
        assert legend.x0 >= ax.get_window_extent(renderer).x1  # right of the bars, never on them
        assert inside(legend, fig.bbox)
    # D: China once in 5 tokens, one entry: the interval is the point
    d = table[(table["group"] == "russia-2024-06") & (table["actor"] == "China")]
    assert d[["per_1k_low", "per_1k", "per_1k_high"]].values.tolist() == [[200.0] * 3]


def test_tone_dots_with_intervals():
    table = tone(C)
    fig = plot_tone(table)
    (ax,) = fig.axes
    dots = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(dots) == 3
    # D has no North Korea sentence: 3 + 3 + 2 points
    assert [len(d.lines[0].get_xdata()) for d in dots] == [3, 3, 2]
    assert list(dots[0].lines[0].get_xdata()) == pytest.approx(table["mean"].head(3).tolist())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["China", "Japan", "North Korea"]
    assert "compound" in ax.get_xlabel() and "Tone" in ax.get_title()


def test_tone_one_actor_limits_and_legend():
    table = tone(C, actors=["Japan"], min_entries=1)
    fig = plot_tone(table)
    (ax,) = fig.axes
    assert ax.get_ylim() == (0.5, -0.5)  # one row, not stretched to the frame
    low, high = ax.get_xlim()
    lows, highs = table["mean_low"].dropna(), table["mean_high"].dropna()
    assert low < min(lows.min(), -0.05) and high > max(highs.max(), 0.05)
    assert -1.05 <= low and high <= 1.05
    assert fig.get_figheight() == pytest.approx(2.4)
    renderer = rendered(fig)
    assert ax.get_legend().get_window_extent(renderer).x0 >= ax.get_window_extent(renderer).x1


def test_keyness_plot_single_and_by_group():
    # names kept, so that "beijing" is a term (each actor mention one term)
    table = keyness(C, target="2024", baseline="2021", min_count=1, drop_names=False)
    fig = plot_keyness(table, top_n=2)
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
    by = plot_keyness(keyness_by(C, min_count=1))
    assert len(visible_axes(by)) == 3
    assert next(ax.get_title() for ax in visible_axes(by)) == "Keyness: russia-2021-11 vs the rest"


def test_place_labels_by_hand():
    spans = np.array([(0.0, 1.0)] * 3)
    # 2.0 keeps its place (largest |z|); 1.95 collides: 2.15 is still too near, 1.75 is free;
    # -1.0 is far from both
    got = layout.place_labels(np.array([1.95, 2.0, -1.0]), spans, 0.2, -3.0, 3.0)
    assert got.tolist() == pytest.approx([1.75, 2.0, -1.0])
    apart = np.array([(0.0, 1.0), (2.0, 3.0), (0.5, 1.5)])  # the first two do not meet
    # the third meets only the first: 2.1 is too near it, 1.7 is free
    got = layout.place_labels(np.array([2.0, 1.95, 1.9]), apart, 0.2, -3.0, 3.0)
    assert got.tolist() == pytest.approx([2.0, 1.95, 1.7])
    # on one point, the second label moves away from zero first
    got = layout.place_labels(np.array([2.0, 2.0, -2.0, -2.0]), spans[[0, 0, 0, 0]], 0.2,
                              -3.0, 3.0)
    assert got.tolist() == pytest.approx([2.0, 2.2, -2.0, -2.2])
    # bounded: a label never leaves [lo, hi]
    got = layout.place_labels(np.array([2.9, 2.85]), spans, 0.2, -3.0, 2.9)
    assert got.tolist() == pytest.approx([2.9, 2.65])


def test_keyness_labels_on_the_samples_do_not_overlap(samples):
    table = keyness(samples, target="russia-2024-03", baseline="russia-2021-11")
    for top_n in (10, 15):
        fig = plot_keyness(table, top_n=top_n)
        (ax,) = fig.axes
        boxes = text_boxes(fig, ax.texts)
        assert len(boxes) >= top_n  # shared points make fewer labels than 2 * top_n
        assert overlapping(boxes) == []
        frame = ax.get_window_extent()
        assert all(inside(b, frame) for b in boxes), "a label is clipped by the axes"
        (points,) = [c for c in ax.collections if isinstance(c, PathCollection)]
        assert np.allclose(points.get_offsets()[:, 1], table["z"])
    actor = keyness(samples, target="russia-2024-03", baseline="russia-2021-11", actor="China")
    fig = plot_keyness(actor)
    boxes = text_boxes(fig, fig.axes[0].texts)
    assert overlapping(boxes) == [] and all(inside(b, fig.axes[0].get_window_extent())
                                             for b in boxes)


def test_dispersion_rows():
    table = dispersion(C)
    fig = plot_dispersion(table)
    (ax,) = fig.axes
    pairs = table[["report_id", "actor"]].drop_duplicates()
    assert len(ax.lines) == len(pairs) == 8
    assert sum(len(line.get_xdata()) for line in ax.lines) == len(table)
    assert ax.get_yticklabels()[0].get_text() == "russia-2021-11 · China"
    assert ax.get_xlim() == (-0.02, 1.02)


def test_cooccurrence_network():
    table = cooccurrence(C)
    fig = plot_cooccurrence(table)
    axes = visible_axes(fig)
    assert len(axes) == 3
    assert [len(ax.lines) for ax in axes] == [2, 1, 1]  # one edge per pair
    names = {t.get_text() for t in axes[0].texts}
    assert {"China", "Japan", "North Korea", "1"} <= names
    assert axes[0].get_title() == "Co-occurrence in sentences: russia-2021-11"
    empty = plot_cooccurrence(cooccurrence(C, min_count=5))
    assert visible_axes(empty)[0].get_title() == "Co-occurrence: no pairs"


def test_edge_label_spots_by_hand():
    nodes = [(0.0, 1.0), (0.0, -1.0), (-1.0, 0.0), (1.0, 0.0)]
    # two diameters cross at the centre: the first label takes it, the second moves along
    # its edge to the first free fraction, 0.38: x = -1 + 0.38 * 2
    got = layout.edge_label_spots([((0.0, 1.0), (0.0, -1.0)), ((-1.0, 0.0), (1.0, 0.0))], nodes)
    assert got == [pytest.approx((0.0, 0.0)), pytest.approx((-0.24, 0.0))]


def test_cooccurrence_labels_on_the_samples(samples):
    network = ["China", "North Korea", "Japan", "Russia", "United States", "West", "India",
               "South Korea"]
    table = cooccurrence(samples, actors=network, min_count=2)
    fig = plot_cooccurrence(table)
    for ax, group in zip(visible_axes(fig), ["russia-2021-11", "russia-2024-03"], strict=True):
        rows = table[table["group"] == group]
        counts = [t for t in ax.texts if t.get_text().isdigit()]
        assert len(counts) == min(len(rows), EDGE_LABELS)
        assert sorted(int(t.get_text()) for t in counts) == sorted(
            rows["sentences"].nlargest(EDGE_LABELS).tolist())
        names = [t for t in ax.texts if t.get_text() in network]
        assert len(names) == len(network)
        boxes = text_boxes(fig, counts + names)
        assert overlapping(boxes) == []
        assert all(inside(b, fig.bbox) for b in boxes)
    # names sit outside the circle, aligned away from it: China at the top, Japan on the right
    ax = visible_axes(fig)[0]
    china = next(t for t in ax.texts if t.get_text() == "China")
    assert (china.get_ha(), china.get_va()) == ("center", "bottom")
    japan = next(t for t in ax.texts if t.get_text() == "Japan")
    assert (japan.get_ha(), japan.get_va()) == ("left", "center")
    # 2024-03 has more edges than labels: the panel says so
    notes = [t.get_text() for t in visible_axes(fig)[1].texts if "heaviest" in t.get_text()]
    heavy = (table["group"] == "russia-2024-03").sum()
    assert notes == [f"counts on the {EDGE_LABELS} heaviest of {heavy} edges"]


def test_cooccurrence_of_one_actor_is_a_star(samples):
    table = cooccurrence(samples, actor="China", min_count=2)
    fig = plot_cooccurrence(table)
    for ax in visible_axes(fig):
        (nodes,) = [c for c in ax.collections if isinstance(c, PathCollection)]
        xy = nodes.get_offsets()
        names = sorted(set(table["actor_a"]) | set(table["actor_b"]))
        hub = names.index("China")
        assert xy[hub].tolist() == [0.0, 0.0]
        ring = np.delete(xy, hub, axis=0)
        assert np.allclose(np.hypot(ring[:, 0], ring[:, 1]), 1.0)
        for line in ax.lines:  # every edge starts or ends at the centre
            ends = np.column_stack([line.get_xdata(), line.get_ydata()])
            assert np.isclose(np.hypot(*ends.T), 0).any()
        counts = [t for t in ax.texts if t.get_text().isdigit()]
        assert overlapping(text_boxes(fig, counts)) == []


def test_heatmaps():
    table = source_actors(C)
    fig = plot_source_actors(table)
    assert len(fig.axes) == 2  # the heatmap and its colour bar
    ax = fig.axes[0]
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert image.get_array().shape == (5, 3)
    assert next(t.get_text() for t in ax.get_yticklabels()) == "Valdai Club"
    assert "2/3" in [t.get_text() for t in ax.texts]
    frames = frame_shares(C)
    fig = plot_frame_shares(frames)
    ax = fig.axes[0]
    (image,) = [a for a in ax.get_children() if isinstance(a, AxesImage)]
    assert image.get_array().shape == (9, 2)  # actor x group rows, frame columns
    assert image.get_array().mask.sum() == 2  # no North Korea sentence in D
    assert [t.get_text() for t in ax.get_xticklabels()] == ["economy", "security"]


def test_ax_parameter_and_style():
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_attention(attention(C), ax=ax) is fig
    assert len(fig.axes) == 1
    one = keyness_by(C, min_count=1)
    with pytest.raises(ValueError, match="3 groups"):
        plot_keyness(one, ax=Figure().add_subplot())
    single = one[one["group"] == "russia-2024-03"]
    target = Figure().add_subplot()
    assert plot_keyness(single, ax=target) is target.figure
    title = plot_tone(tone(C)).axes[0].title
    assert title.get_fontfamily() == ["DejaVu Sans"]


def test_no_pyplot_state():
    import matplotlib.pyplot as plt

    plt.close("all")
    plot_attention(attention(C))
    plot_cooccurrence(cooccurrence(C))
    assert plt.get_fignums() == []
