"""Co-occurrence network: actors named in the same sentences, one panel per group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.layout import edge_label_spots, network_layout
from analysis.plot.style import PALETTE, canvas, ordered, styled

__all__ = ['EDGE_LABELS', 'plot_cooccurrence']


#: The heaviest edges of a network panel that carry their count (the others: width only).
EDGE_LABELS = 15


@styled
def plot_cooccurrence(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Network of :func:`analysis.cooccurrence.cooccurrence`, one panel per group.

    Nodes on a circle (the same place in every panel; an actor present in every pair, as in
    ``cooccurrence(..., actor=...)``, at the centre), names outside the circle. Edge width gives
    the sentences in which both actors appear; the ``EDGE_LABELS`` heaviest edges of a panel
    carry that count, each label at a point of its edge away from the other labels. Node area
    grows with the actor's total in the panel.
    """
    groups = ordered(table["group"])
    fig, axes = canvas(ax, max(len(groups), 1), size=(5.5, 5.5))
    pos = network_layout(table)
    nodes = sorted(pos)
    top = table["sentences"].max() if len(table) else 1
    for panel, group in zip(axes, groups or [None], strict=True):
        rows = table[table["group"] == group].sort_values(
            ["sentences", "actor_a", "actor_b"], ascending=[False, True, True], kind="stable")
        degree = dict.fromkeys(nodes, 0)
        for r in rows.itertuples(index=False):
            (x0, y0), (x1, y1) = pos[r.actor_a], pos[r.actor_b]
            panel.plot([x0, x1], [y0, y1], color=PALETTE[0], alpha=0.45,
                       linewidth=0.8 + 5 * r.sentences / top, solid_capstyle="round")
            degree[r.actor_a] += r.sentences
            degree[r.actor_b] += r.sentences
        labelled = rows.head(EDGE_LABELS)
        spots = edge_label_spots([(pos[a], pos[b]) for a, b in
                                   zip(labelled["actor_a"], labelled["actor_b"], strict=True)],
                                  [pos[n] for n in nodes])
        for (x, y), count in zip(spots, labelled["sentences"], strict=True):
            panel.text(x, y, str(count), fontsize=7, ha="center", va="center", color="#222222",
                       zorder=4, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                       "edgecolor": "none", "alpha": 0.85})
        if len(rows) > len(labelled):
            panel.text(0.5, 0.02, f"counts on the {len(labelled)} heaviest of {len(rows)} edges",
                       transform=panel.transAxes, ha="center", va="bottom", fontsize=7,
                       color="#666666")
        if nodes:
            xy = np.array([pos[n] for n in nodes])
            most = max(max(degree.values()), 1)
            panel.scatter(xy[:, 0], xy[:, 1], s=[20 + 300 * degree[n] / most for n in nodes],
                          color=PALETTE[1], zorder=3)
        for n in nodes:
            x, y = pos[n]
            if (x, y) == (0.0, 0.0):  # the hub: above its node, over the edges
                panel.annotate(n, (x, y), xytext=(0, 12), textcoords="offset points",
                               ha="center", va="bottom", fontsize=8, fontweight="bold", zorder=5,
                               bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                     "edgecolor": "none", "alpha": 0.85})
                continue
            ha = "left" if x > 0.2 else "right" if x < -0.2 else "center"
            va = "bottom" if y > 0.2 else "top" if y < -0.2 else "center"
            panel.annotate(n, (x, y), xytext=(12 * x, 12 * y), textcoords="offset points",
                           ha=ha, va=va, fontsize=8)
        panel.set_xlim(-1.75, 1.75)
        panel.set_ylim(-1.35, 1.35)
        panel.set_aspect("equal")
        panel.set_axis_off()
        panel.set_title(f"Co-occurrence in sentences: {group}" if group is not None
                        else "Co-occurrence: no pairs")
    return fig
