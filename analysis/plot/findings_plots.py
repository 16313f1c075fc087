"""The findings figure: attention and tone of each headline actor, side by side (small multiples).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.plot.style import GREY, NEUTRAL, PALETTE, styled

__all__ = ["plot_findings"]

_SIDES = ("baseline", "target")


def _tone_limits(table: pd.DataFrame) -> tuple[float, float]:
    cols = [f"{c}_{s}" for c in ("tone", "tone_low", "tone_high") for s in _SIDES]
    shown = table[cols].to_numpy(dtype=float)
    shown = shown[np.isfinite(shown)]
    lo, hi = min([*shown, -2 * NEUTRAL]), max([*shown, 2 * NEUTRAL])
    pad = 0.12 * (hi - lo)
    return max(lo - pad, -1.05), min(hi + pad, 1.05)


@styled
def plot_findings(table: pd.DataFrame, *, labels: Sequence[str] = ("baseline", "target"),
                  width: float = 9.0) -> Figure:
    """Small multiples of a :func:`analysis.measure.compare.compare` table: one row of panels
    per actor, attention on the left and tone on the right, the baseline above the target.

    Attention is the share of entries naming the actor with its Wilson 95% interval (x from 0
    to 100%, the same on every attention panel); tone is the mean over entries of the tone aimed
    at the actor with its entry bootstrap 95% interval (one x range for every tone panel,
    spanning the intervals and 0; shaded: VADER's neutral band), drawn hollow and without an
    interval below ``min_entries`` (the table's NaN bounds). Each point is labelled with its n:
    entries naming the actor of the side's entries, or the entries about it. ``labels`` names
    the two sides (``"Nov 2021"``, ``"Mar 2024"``); ``width`` is the figure's width in inches
    (its height grows with the actors, 1.1 inches each). The table is drawn as given.
    """
    actors = table["actor"].astype(str).tolist()
    rows = max(len(actors), 1)
    fig = Figure(figsize=(width, 0.8 + 1.1 * rows), layout="constrained")
    axes = fig.subplots(rows, 2, sharex="col", sharey=True, squeeze=False)
    tone_lim = _tone_limits(table) if len(table) else (-0.2, 0.2)
    y = np.array([1.0, 0.0])
    colours = [PALETTE[0], PALETTE[1]]
    for i, row in enumerate(table.to_dict("records")):
        left, right = axes[i]
        for j, side in enumerate(_SIDES):
            share = row[f"share_{side}"]
            err = [[max(share - row[f"share_low_{side}"], 0)],
                   [max(row[f"share_high_{side}"] - share, 0)]]
            left.errorbar([100 * share], [y[j]], xerr=100 * np.asarray(err), fmt="o",
                          color=colours[j], capsize=3, markersize=6)
            left.annotate(f"{row[f'entries_{side}']} of {row[f'n_entries_{side}']} entries",
                          (100 * share, y[j]), xytext=(0, 7), textcoords="offset points",
                          ha="center", fontsize=7, color=colours[j])
            n, mean = int(row[f"tone_entries_{side}"]), row[f"tone_{side}"]
            if n == 0 or pd.isna(mean):
                right.annotate("no entry about it", (0, y[j]), ha="center", va="center",
                               fontsize=7, color=GREY)
                continue
            low, high = row[f"tone_low_{side}"], row[f"tone_high_{side}"]
            if pd.isna(low):
                right.plot([mean], [y[j]], "o", markerfacecolor="white", color=colours[j],
                           markersize=6)
                text = f"n = {n} (too few for an interval)"
            else:
                right.errorbar([mean], [y[j]], xerr=[[max(mean - low, 0)], [max(high - mean, 0)]],
                               fmt="o", color=colours[j], capsize=3, markersize=6)
                text = f"n = {n} entr{'y' if n == 1 else 'ies'}"
            right.annotate(text, (mean, y[j]), xytext=(0, 7), textcoords="offset points",
                           ha="center", fontsize=7, color=colours[j])
        left.set_title(f"{actors[i]}: share of entries naming it", loc="left", fontsize=9)
        right.set_title(f"{actors[i]}: tone toward it", loc="left", fontsize=9)
        right.axvspan(-NEUTRAL, NEUTRAL, color=GREY, alpha=0.15, linewidth=0, zorder=0)
        right.axvline(0, color=GREY, linewidth=0.8, zorder=0)
    for left, right in axes:
        left.set_xlim(0, 100)
        right.set_xlim(*tone_lim)
        left.set_yticks(y, [str(labels[0]), str(labels[1])])
        left.set_ylim(-0.6, 1.75)
        for ax in (left, right):
            ax.grid(axis="y", visible=False)
    axes[-1][0].set_xlabel("share of entries naming the actor (%)\nlines: Wilson 95% CI")
    axes[-1][1].set_xlabel("mean tone over entries (-1 to +1)\nlines: bootstrap 95% CI; "
                           "shaded: neutral")
    return fig
