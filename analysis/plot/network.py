"""Co-occurrence network: actors named in the same sentences, one panel per group.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.layout import network_layout
from analysis.plot.style import PALETTE, canvas, ordered, styled

__all__ = ['EDGE_LABELS', 'edge_spots', 'plot_cooccurrence']


#: The heaviest edges of a network panel that carry their count (the others: width only).
EDGE_LABELS = 15
#: Fractions along an edge tried for its label, the middle first.
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75, 0.2, 0.8)
#: Clearance (in layout units) a label wants from other edges, labels and nodes.
_ROOM = 0.16


def _segment_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> float:
    d = b - a
    t = 0.0 if not d.any() else float(np.clip(np.dot(p - a, d) / np.dot(d, d), 0.0, 1.0))
    return float(np.linalg.norm(p - (a + t * d)))


def edge_spots(labelled: list[tuple[np.ndarray, np.ndarray]],
               edges: list[tuple[np.ndarray, np.ndarray]],
               nodes: list[np.ndarray]) -> list[tuple[float, float]]:
    """A point on each labelled edge, away from every other edge (not at a crossing), from the
    labels placed before it and from the nodes: the first of ``_ALONG`` with ``_ROOM`` of
    clearance, else the clearest."""
    taken: list[np.ndarray] = []
    for a, b in labelled:
        others = [(c, d) for c, d in edges if not (np.allclose(c, a) and np.allclose(d, b))]
        best, best_room = None, -1.0
        for t in _ALONG:
            p = a + t * (b - a)
            room = min([_segment_distance(p, c, d) for c, d in others]
                       + [float(np.linalg.norm(p - q)) / 1.5 for q in [*taken, *nodes]]
                       + [np.inf])
            if room >= _ROOM:
                best = p
                break
            if room > best_room:
                best, best_room = p, room
        taken.append(best)
    return [(float(x), float(y)) for x, y in taken]


@styled
def plot_cooccurrence(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Network of :func:`analysis.cooccurrence.cooccurrence`, one panel per group.

    Nodes on a circle (the same place in every panel; an actor present in every pair, as in
    ``cooccurrence(..., actor=...)``, at the centre), names outside the circle. Edge width gives
    the sentences in which both actors appear; the ``EDGE_LABELS`` heaviest edges of a panel
    carry that count, written along the edge at a point of it away from the other edges (never at
    a crossing, where it could be read for either), the other labels and the nodes. Node area
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
        arr = {n: np.asarray(pos[n], dtype=float) for n in nodes}
        pairs = [(arr[a], arr[b]) for a, b in zip(labelled["actor_a"], labelled["actor_b"],
                                                  strict=True)]
        spots = edge_spots(pairs, [(arr[a], arr[b]) for a, b in
                                   zip(rows["actor_a"], rows["actor_b"], strict=True)],
                           list(arr.values()))
        for (x, y), count, (a, b) in zip(spots, labelled["sentences"], pairs, strict=True):
            angle = float(np.degrees(np.arctan2(b[1] - a[1], b[0] - a[0])))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            angle = 0.0 if abs(angle) > 60 else angle  # steep edges: upright text reads better
            panel.text(x, y, str(count), fontsize=7, ha="center", va="center", color="#222222",
                       rotation=angle, rotation_mode="anchor", zorder=4,
                       bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                             "edgecolor": PALETTE[0], "linewidth": 0.5, "alpha": 0.9})
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
