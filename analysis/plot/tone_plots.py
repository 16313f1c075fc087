"""Tone plot: mean compound score per actor and group, with its interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.style import GREY, NEUTRAL, canvas, legend_outside, ordered, styled

__all__ = ['plot_tone']


@styled
def plot_tone(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Dot plot of :func:`analysis.measure.tone.tone`: mean tone per actor and group, with its
    interval over entries (none below ``min_entries``), each dot labelled with its n entries.

    The shaded band is VADER's neutral range (-0.05, 0.05); the x axis spans the intervals and 0,
    padded; the legend sits right of the axes.
    """
    groups, actors = ordered(table["group"]), ordered(table["actor"])
    rows_shown = max(len(actors) * max(len(groups), 1), 1)
    fig, (ax,) = canvas(ax, size=(6.4, min(max(2.4, 1.4 + 0.28 * rows_shown), 9.0)))
    step = 0.7 / max(len(groups), 1)
    for i, group in enumerate(groups):
        rows = table[(table["group"] == group) & table["mean"].notna()]
        y = rows["actor"].map({a: k for k, a in enumerate(actors)}).to_numpy(dtype=float)
        y = y + (i - (len(groups) - 1) / 2) * step
        mean = rows["mean"].to_numpy(dtype=float)
        xerr = np.clip([mean - rows["mean_low"], rows["mean_high"] - mean], 0, None)
        bars = ax.errorbar(mean, y, xerr=xerr, fmt="o", capsize=2, label=str(group))
        if "entries" in rows:
            for x, yy, n in zip(mean, y, rows["entries"], strict=True):
                ax.annotate(f"n={int(n)}", (x, yy), xytext=(4, 3), textcoords="offset points",
                            fontsize=6, color=bars.lines[0].get_color())
    ax.axvspan(-NEUTRAL, NEUTRAL, color=GREY, alpha=0.15, linewidth=0, zorder=0)
    ax.axvline(0, color=GREY, linewidth=0.8)
    shown = table[["mean", "mean_low", "mean_high"]].to_numpy(dtype=float)
    shown = shown[np.isfinite(shown)]
    lo, hi = min([*shown, -2 * NEUTRAL]), max([*shown, 2 * NEUTRAL])
    pad = 0.08 * (hi - lo)
    ax.set_xlim(max(lo - pad, -1.05), min(hi + pad, 1.05))
    ax.set_yticks(np.arange(len(actors)), actors)
    ax.set_ylim(len(actors) - 0.5, -0.5)
    ax.set_xlabel("tone aimed at the actor, mean over entries (VADER compound)\n"
                  f"(shaded: neutral, |compound| < {NEUTRAL}; n: entries)")
    ax.set_title("Tone (lines: bootstrap interval over entries, none below 3 entries)")
    if groups:
        legend_outside(ax, "group")
    return fig
