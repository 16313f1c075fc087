"""Layout helpers for :mod:`analysis.plots`: label placement without overlaps, network layout.

Pure geometry: no statistics, no drawing of data. Kept apart so that ``plots.py`` holds only the
``plot_<result>`` functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["axes_size_pt", "clearance", "edge_label_spots", "network_layout", "place_labels"]

#: Vertical room of one keyness label line (font size 7), in points.
LABEL_PT = 9.5
#: Width of one character of a keyness label (font size 7), in points (generous).
CHAR_PT = 4.4
#: Where an edge's label may sit (fractions of the edge, in order of preference), and the
#: smallest distance (data units; the circle has radius 1) between two labels or a label and a node.
EDGE_SPOTS = (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8)
EDGE_ROOM = 0.17


def place_labels(wanted: np.ndarray, spans: np.ndarray, gap: float, lo: float,
                  hi: float) -> np.ndarray:
    """A y for each label, as near its point as the labels placed before it allow.

    ``wanted`` are the points' y, ``spans`` the labels' horizontal extents ``(x0, x1)``, all in
    data units; two labels collide when their extents overlap and their y are less than ``gap``
    apart. Labels are placed one by one, the largest ``|wanted|`` first (the most distinctive
    term keeps its exact place; ties in the given order); each takes the first free y of
    ``wanted + k * gap`` for k = 0, 1, -1, 2, -2 ... (positive k away from zero) within
    [lo, hi], or the one farthest from a collision when none is free. Deterministic.
    """
    wanted = np.asarray(wanted, dtype=float)
    placed: dict[int, float] = {}
    steps = [0] + [k for j in range(1, 2 * len(wanted) + 2) for k in (j, -j)]
    for i in sorted(range(len(wanted)), key=lambda i: (-abs(wanted[i]), i)):
        away = 1.0 if wanted[i] >= 0 else -1.0
        rivals = [placed[j] for j in placed
                  if spans[j][0] < spans[i][1] and spans[i][0] < spans[j][1]]
        best, best_room = None, -1.0
        for k in steps:
            y = wanted[i] + away * k * gap
            if not lo <= y <= hi:
                continue
            room = min((abs(y - r) for r in rivals), default=np.inf)
            if room >= gap:
                best = y
                break
            if room > best_room:
                best, best_room = y, room
        placed[i] = float(np.clip(wanted[i], lo, hi) if best is None else best)
    return np.array([placed[i] for i in range(len(wanted))])


def axes_size_pt(ax: Axes | None, fig: Figure) -> tuple[float, float]:
    """Width and height of a panel in points, before layout (slight underestimates for new
    figures: the margins for tick labels, axis labels and title are taken off)."""
    if ax is None:
        axes = [a for a in fig.axes if a.get_visible()]
        rows = len({a.get_subplotspec().rowspan.start for a in axes}) if axes else 1
        cols = len({a.get_subplotspec().colspan.start for a in axes}) if axes else 1
        return ((fig.get_figwidth() / cols - 0.9) * 72, (fig.get_figheight() / rows - 0.9) * 72)
    box = ax.get_position()
    return box.width * fig.get_figwidth() * 72, box.height * fig.get_figheight() * 72


def network_layout(table: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Node positions: a circle, clockwise from the top in name order; an actor that is in every
    pair (the table of one actor's partners) sits at the centre instead."""
    nodes = sorted(set(table["actor_a"]) | set(table["actor_b"]))
    hubs = [n for n in nodes if ((table["actor_a"] == n) | (table["actor_b"] == n)).all()]
    hub = hubs[0] if len(hubs) == 1 and len(nodes) >= 3 else None
    ring = [n for n in nodes if n != hub]
    angle = np.pi / 2 - 2 * np.pi * np.arange(len(ring)) / max(len(ring), 1)
    pos = {n: (float(np.cos(a)), float(np.sin(a))) for n, a in zip(ring, angle, strict=True)}
    if hub is not None:
        pos[hub] = (0.0, 0.0)
    return pos


def clearance(p: tuple[float, float], others: list[tuple[float, float]]) -> float:
    """Distance from ``p`` to the nearest of ``others`` (inf when there is none)."""
    return min((float(np.hypot(p[0] - q[0], p[1] - q[1])) for q in others), default=np.inf)


def edge_label_spots(edges: list[tuple[tuple[float, float], tuple[float, float]]],
                      avoid: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A point on each edge for its label, greedily (edges in the given order): the first of
    ``EDGE_SPOTS`` (fractions along the edge) at least ``EDGE_ROOM`` from every label placed so
    far and from the nodes (``avoid``), else the one farthest from them."""
    taken: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in edges:
        spots = [(x0 + t * (x1 - x0), y0 + t * (y1 - y0)) for t in EDGE_SPOTS]
        room = [clearance(p, [*taken, *avoid]) for p in spots]
        fits = [p for p, r in zip(spots, room, strict=True) if r >= EDGE_ROOM]
        taken.append(fits[0] if fits else spots[int(np.argmax(room))])
    return taken
