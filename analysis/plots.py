"""One ``plot_<result>`` per result table: the table in, unchanged, a matplotlib Figure out.

Every function builds on :class:`matplotlib.figure.Figure` (never pyplot's global state), takes
``ax=None`` (draw into a given Axes instead of a new figure; tables with several groups need a
new figure and refuse ``ax``), applies :data:`STYLE` with :func:`matplotlib.rc_context`, computes
no statistic and never shows or saves (:func:`analysis.figures.save_figure` does).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import matplotlib as mpl
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["STYLE", "plot_attention", "plot_cooccurrence", "plot_dispersion",
           "plot_frame_shares", "plot_keyness", "plot_source_actors", "plot_tone"]

#: Okabe-Ito colours (colour-blind safe), in cycle order.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
GREY = "#9a9a9a"

STYLE = {
    "font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 10,
    "axes.labelsize": 9, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "grid.linewidth": 0.5, "legend.frameon": False,
    "axes.prop_cycle": cycler(color=PALETTE), "image.cmap": "Blues", "figure.dpi": 100,
    "savefig.dpi": 150,
}
Z_CUTOFF = 1.96
#: Panels with more edges than this show widths only, no count labels.
EDGE_LABELS = 15


def _styled(func: Callable[..., Figure]) -> Callable[..., Figure]:
    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> Figure:
        with mpl.rc_context(STYLE):
            return func(*args, **kwargs)
    return wrapper


def _canvas(ax: Axes | None, n: int = 1, *, size=(6.4, 4.0)) -> tuple[Figure, list[Axes]]:
    if ax is not None:
        if n != 1:
            raise ValueError(f"the table has {n} groups: pass ax=None, or one group's rows")
        return ax.get_figure(root=True), [ax]
    fig = Figure(figsize=(size[0] * min(n, 3), size[1] * -(-n // 3)), layout="constrained")
    axes = fig.subplots(-(-n // 3), min(n, 3), squeeze=False).ravel().tolist()
    for extra in axes[n:]:
        extra.set_visible(False)
    return fig, axes[:n]


def _ordered(values: pd.Series) -> list:
    return list(dict.fromkeys(values.tolist()))


@_styled
def plot_attention(table: pd.DataFrame, *, value: str = "share", ax: Axes | None = None) -> Figure:
    """Side-by-side bars of :func:`analysis.attention.attention`: actors on x, one bar per group.

    ``value="share"`` (share of entries, with its bootstrap interval as error bars) or
    ``"per_1k"`` (mentions per 1,000 tokens).
    """
    if value not in ("share", "per_1k"):
        raise ValueError(f"value must be 'share' or 'per_1k', not {value!r}")
    fig, (ax,) = _canvas(ax)
    groups, actors = _ordered(table["group"]), _ordered(table["actor"])
    x = np.arange(len(actors))
    width = 0.8 / max(len(groups), 1)
    for i, group in enumerate(groups):
        rows = table[table["group"] == group].set_index("actor").reindex(actors)
        heights = rows[value].to_numpy(dtype=float)
        yerr = None
        if value == "share":
            yerr = np.clip([heights - rows["share_low"], rows["share_high"] - heights], 0, None)
        ax.bar(x + (i - (len(groups) - 1) / 2) * width, heights, width, yerr=yerr,
               capsize=2, label=str(group), error_kw={"elinewidth": 0.8})
    ax.set_xticks(x, actors, rotation=30 if len(actors) > 4 else 0, ha="right"
                  if len(actors) > 4 else "center")
    ax.set_ylabel("share of entries mentioning the actor" if value == "share"
                  else "mentions per 1,000 tokens")
    ax.set_title("Attention" + (" (lines: bootstrap interval over entries)"
                                if value == "share" else ""))
    ax.legend(title="group")
    return fig


@_styled
def plot_tone(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Dot plot of :func:`analysis.tone.tone`: mean compound per actor and group, with interval."""
    fig, (ax,) = _canvas(ax)
    groups, actors = _ordered(table["group"]), _ordered(table["actor"])
    step = 0.7 / max(len(groups), 1)
    for i, group in enumerate(groups):
        rows = table[(table["group"] == group) & table["mean"].notna()]
        y = rows["actor"].map({a: k for k, a in enumerate(actors)}).to_numpy(dtype=float)
        y = y + (i - (len(groups) - 1) / 2) * step
        mean = rows["mean"].to_numpy(dtype=float)
        xerr = np.clip([mean - rows["mean_low"], rows["mean_high"] - mean], 0, None)
        ax.errorbar(mean, y, xerr=xerr, fmt="o", capsize=2, label=str(group))
    ax.axvline(0, color=GREY, linewidth=0.8)
    ax.set_yticks(np.arange(len(actors)), actors)
    ax.invert_yaxis()
    ax.set_xlabel("mean VADER compound of sentences mentioning the actor")
    ax.set_title("Tone (lines: bootstrap interval over entries)")
    ax.legend(title="group")
    return fig


@_styled
def plot_keyness(table: pd.DataFrame, *, top_n: int = 10, ax: Axes | None = None) -> Figure:
    """Fightin' Words plot of :func:`analysis.keyness.keyness` (or ``keyness_by``).

    z against log10 frequency (target + baseline); terms beyond |z| = 1.96 coloured, the
    ``top_n`` highest and lowest z labelled; one panel per group for ``keyness_by``.
    """
    panels = ([(g, table[table["group"] == g]) for g in _ordered(table["group"])]
              if "group" in table else [(None, table)])
    fig, axes = _canvas(ax, len(panels))
    for panel, (group, rows) in zip(axes, panels, strict=True):
        freq = np.log10((rows["n_target"] + rows["n_baseline"]).to_numpy(dtype=float))
        z = rows["z"].to_numpy(dtype=float)
        colour = np.where(z >= Z_CUTOFF, PALETTE[0], np.where(z <= -Z_CUTOFF, PALETTE[1], GREY))
        panel.scatter(freq, z, c=colour, s=12, linewidths=0)
        for cut in (Z_CUTOFF, -Z_CUTOFF):
            panel.axhline(cut, color=GREY, linewidth=0.8, linestyle="--")
        ordered = rows.assign(freq=freq).sort_values(["z", "term"], ascending=[False, True])
        label = pd.concat([ordered[ordered["z"] > 0].head(top_n),
                           ordered[ordered["z"] < 0].tail(top_n)])
        spots: dict[tuple[float, float], list[str]] = {}  # terms on one point share a label
        for r in label.itertuples(index=False):
            spots.setdefault((round(r.freq, 9), round(r.z, 9)), []).append(r.term)
        for (x, y), terms in spots.items():
            panel.annotate(", ".join(terms), (x, y), xytext=(3, 0), textcoords="offset points",
                           fontsize=7, va="center")
        panel.set_xlabel("log10 frequency (target + baseline)")
        panel.set_ylabel("z (log-odds, informative Dirichlet prior)")
        panel.set_title("Keyness" + (f": {group} vs the rest" if group is not None
                                  else ": target (up) vs baseline (down)"))
    return fig


@_styled
def plot_dispersion(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Lexical dispersion of :func:`analysis.attention.dispersion`: one row per report and actor,
    a tick at each mention's relative position in the report."""
    fig, (ax,) = _canvas(ax, size=(6.4, 0.35 * max(len(table[["report_id", "actor"]]
                                                        .drop_duplicates()), 4)))
    rows = list(dict.fromkeys(zip(table["report_id"], table["actor"], strict=True)))
    colours = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(_ordered(table["actor"]))}
    for k, (rid, actor) in enumerate(rows):
        x = table.loc[(table["report_id"] == rid) & (table["actor"] == actor), "relative"]
        ax.plot(x, np.full(len(x), k), linestyle="none", marker="|", markersize=10,
                color=colours[actor])
    ax.set_yticks(np.arange(len(rows)), [f"{rid} · {actor}" for rid, actor in rows])
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("relative position in the report (word tokens)")
    ax.set_title("Dispersion of actor mentions")
    return fig


@_styled
def plot_cooccurrence(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Network of :func:`analysis.cooccurrence.cooccurrence`, circular layout, one panel per
    group: edge width gives the sentences in which both actors appear (and a label does, when
    a panel has at most ``EDGE_LABELS`` edges); node area grows with the actor's total."""
    groups = _ordered(table["group"])
    fig, axes = _canvas(ax, max(len(groups), 1), size=(5.5, 5.5))
    nodes = sorted(set(table["actor_a"]) | set(table["actor_b"]))
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(nodes)) / max(len(nodes), 1)
    pos = {n: (np.cos(a), np.sin(a)) for n, a in zip(nodes, angle, strict=True)}
    top = table["sentences"].max() if len(table) else 1
    for panel, group in zip(axes, groups or [None], strict=True):
        rows = table[table["group"] == group]
        degree = dict.fromkeys(nodes, 0)
        for r in rows.itertuples(index=False):
            (x0, y0), (x1, y1) = pos[r.actor_a], pos[r.actor_b]
            panel.plot([x0, x1], [y0, y1], color=PALETTE[0], alpha=0.5,
                       linewidth=0.8 + 5 * r.sentences / top, solid_capstyle="round")
            if len(rows) <= EDGE_LABELS:
                panel.text((x0 + x1) / 2, (y0 + y1) / 2, str(r.sentences), fontsize=7,
                           ha="center", va="center", color="#333333")
            degree[r.actor_a] += r.sentences
            degree[r.actor_b] += r.sentences
        if nodes:
            xy = np.array([pos[n] for n in nodes])
            most = max(max(degree.values()), 1)
            panel.scatter(xy[:, 0], xy[:, 1], s=[20 + 300 * degree[n] / most for n in nodes],
                          color=PALETTE[1], zorder=3)
        for n in nodes:
            x, y = pos[n]
            ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
            panel.text(1.1 * x, 1.1 * y, n, ha=ha, va="center", fontsize=7)
        panel.set_xlim(-1.6, 1.6)
        panel.set_ylim(-1.3, 1.3)
        panel.set_aspect("equal")
        panel.set_axis_off()
        panel.set_title(f"Co-occurrence in sentences: {group}" if group is not None
                        else "Co-occurrence: no pairs")
    return fig


def _heatmap(ax: Axes, values: np.ndarray, text: list[list[str]], rows: list[str],
             cols: list[str]) -> None:
    image = ax.imshow(np.ma.masked_invalid(values), vmin=0, vmax=1, aspect="auto")
    for i in range(len(rows)):
        for j in range(len(cols)):
            dark = np.isfinite(values[i, j]) and values[i, j] > 0.6
            ax.text(j, i, text[i][j], ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(np.arange(len(cols)), cols, rotation=30, ha="right")
    ax.set_yticks(np.arange(len(rows)), rows)
    ax.grid(False)
    ax.get_figure(root=True).colorbar(image, ax=ax, label="share")


@_styled
def plot_source_actors(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Heatmap of :func:`analysis.sources.source_actors`: sources by actors, colour = share of
    the source's entries mentioning the actor, cells labelled ``entries/n_entries``."""
    source = table.columns[0]
    sources, actors = _ordered(table[source]), _ordered(table["actor"])
    fig, (ax,) = _canvas(ax, size=(6.4, max(2.5, 0.3 * len(sources) + 1.5)))
    cell = table.set_index([source, "actor"])
    values = np.array([[cell.at[(s, a), "share"] for a in actors] for s in sources], dtype=float)
    text = [[f"{cell.at[(s, a), 'entries']}/{cell.at[(s, a), 'n_entries']}" for a in actors]
            for s in sources]
    _heatmap(ax, values.reshape(len(sources), len(actors)), text, sources, actors)
    ax.set_title(f"Which actors each {source} writes about (entries)")
    return fig


@_styled
def plot_frame_shares(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Heatmap of :func:`analysis.frames.frame_shares`: one row per actor and group, one column
    per frame; colour = share of the actor's sentences evoking the frame (blank when none)."""
    actors, groups, frames = (_ordered(table[c]) for c in ("actor", "group", "frame"))
    rows = [(a, g) for a in actors for g in groups]
    fig, (ax,) = _canvas(ax, size=(6.4, max(2.5, 0.3 * len(rows) + 1.5)))
    cell = table.set_index(["actor", "group", "frame"])
    values = np.array([[cell.at[(a, g, f), "share"] for f in frames] for a, g in rows],
                      dtype=float).reshape(len(rows), len(frames))
    text = [[f"{cell.at[(a, g, f), 'sentences']}/{cell.at[(a, g, f), 'n_sentences']}"
             for f in frames] for a, g in rows]
    _heatmap(ax, values, text, [f"{a} · {g}" for a, g in rows], frames)
    ax.set_title("Frames evoked in the sentences mentioning each actor")
    return fig
