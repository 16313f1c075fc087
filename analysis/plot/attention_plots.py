"""Attention plots: share of entries or mentions per 1,000 tokens, and the dispersion of mentions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.style import PALETTE, canvas, legend_outside, ordered, styled

__all__ = ['plot_attention', 'plot_dispersion']


@styled
def plot_attention(table: pd.DataFrame, *, value: str = "share", ax: Axes | None = None) -> Figure:
    """Side-by-side bars of :func:`analysis.attention.attention`: actors on x, one bar per group.

    ``value="share"`` (share of entries, with its Wilson interval) or ``"per_1k"`` (mentions per
    1,000 tokens, with its bootstrap interval over entries) as error bars; the legend (with each
    group's n entries) sits right of the axes.
    """
    if value not in ("share", "per_1k"):
        raise ValueError(f"value must be 'share' or 'per_1k', not {value!r}")
    groups, actors = ordered(table["group"]), ordered(table["actor"])
    fig, (ax,) = canvas(ax, size=(min(max(5.0, 2.6 + 1.3 * len(actors)), 12.8), 4.0))
    x = np.arange(len(actors))
    width = 0.8 / max(len(groups), 1)
    has_interval = {f"{value}_low", f"{value}_high"} <= set(table.columns)
    for i, group in enumerate(groups):
        rows = table[table["group"] == group].set_index("actor").reindex(actors)
        heights = rows[value].to_numpy(dtype=float)
        yerr = None
        if has_interval:
            yerr = np.clip([heights - rows[f"{value}_low"].to_numpy(dtype=float),
                            rows[f"{value}_high"].to_numpy(dtype=float) - heights], 0, None)
        label = str(group)
        if "n_entries" in rows and rows["n_entries"].notna().any():
            n = int(rows["n_entries"].max())
            label += f" (n = {n} entr{'y' if n == 1 else 'ies'})"
        ax.bar(x + (i - (len(groups) - 1) / 2) * width, heights, width, yerr=yerr,
               capsize=2, label=label, error_kw={"elinewidth": 0.8})
    ax.set_xticks(x, actors, rotation=30 if len(actors) > 4 else 0, ha="right"
                  if len(actors) > 4 else "center")
    ax.set_ylabel("share of entries mentioning the actor" if value == "share"
                  else "mentions per 1,000 tokens")
    kind = "Wilson interval" if value == "share" else "bootstrap interval over entries"
    ax.set_title("Attention" + (f" (lines: 95% {kind})" if has_interval else ""))
    if groups:
        legend_outside(ax, "group")
    return fig


@styled
def plot_dispersion(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Lexical dispersion of :func:`analysis.attention.dispersion`: one row per report and actor,
    a tick at each mention's relative position in the report."""
    fig, (ax,) = canvas(ax, size=(6.4, 0.35 * max(len(table[["report_id", "actor"]]
                                                        .drop_duplicates()), 4)))
    rows = list(dict.fromkeys(zip(table["report_id"], table["actor"], strict=True)))
    colours = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(ordered(table["actor"]))}
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
