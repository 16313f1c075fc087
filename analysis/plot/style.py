"""The style every ``plot_<result>`` shares: colours, rc settings, the canvas, the legend.

Every plot function builds on :class:`matplotlib.figure.Figure` (never pyplot's global state),
takes ``ax=None`` (draw into a given Axes instead of a new figure; tables with several groups
need a new figure and refuse ``ax``), applies :data:`STYLE` with :func:`matplotlib.rc_context`
(the :func:`styled` decorator), computes no statistic and never shows or saves
(:func:`analysis.plot.save.save_figure` does).
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

__all__ = ["GREY", "NEUTRAL", "PALETTE", "STYLE", "Z_CUTOFF", "canvas", "heatmap",
           "legend_outside", "ordered", "styled"]

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
#: VADER's neutral band on the compound score (as ``analysis.tone.POSITIVE``).
NEUTRAL = 0.05


def styled(func: Callable[..., Figure]) -> Callable[..., Figure]:
    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> Figure:
        with mpl.rc_context(STYLE):
            return func(*args, **kwargs)
    return wrapper


def canvas(ax: Axes | None, n: int = 1, *, size=(6.4, 4.0)) -> tuple[Figure, list[Axes]]:
    if ax is not None:
        if n != 1:
            raise ValueError(f"the table has {n} groups: pass ax=None, or one group's rows")
        return ax.get_figure(root=True), [ax]
    fig = Figure(figsize=(size[0] * min(n, 3), size[1] * -(-n // 3)), layout="constrained")
    axes = fig.subplots(-(-n // 3), min(n, 3), squeeze=False).ravel().tolist()
    for extra in axes[n:]:
        extra.set_visible(False)
    return fig, axes[:n]


def ordered(values: pd.Series) -> list:
    return list(dict.fromkeys(values.tolist()))


def legend_outside(ax: Axes, title: str) -> None:
    """The legend right of the axes, top-aligned: it never covers data or error bars."""
    ax.legend(title=title, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
              alignment="left")


def heatmap(ax: Axes, values: np.ndarray, text: list[list[str]], rows: list[str],
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
