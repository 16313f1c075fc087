"""Heatmaps: which actors each source writes about, which frames each actor's sentences evoke.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.style import canvas, heatmap, ordered, styled

__all__ = ['plot_frame_shares', 'plot_source_actors']


@styled
def plot_source_actors(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Heatmap of :func:`analysis.sources.source_actors`: sources by actors, colour = share of
    the source's entries mentioning the actor, cells labelled ``entries/n_entries``."""
    source = table.columns[0]
    sources, actors = ordered(table[source]), ordered(table["actor"])
    fig, (ax,) = canvas(ax, size=(6.4, max(2.5, 0.3 * len(sources) + 1.5)))
    cell = table.set_index([source, "actor"])
    values = np.array([[cell.at[(s, a), "share"] for a in actors] for s in sources], dtype=float)
    text = [[f"{cell.at[(s, a), 'entries']}/{cell.at[(s, a), 'n_entries']}" for a in actors]
            for s in sources]
    heatmap(ax, values.reshape(len(sources), len(actors)), text, sources, actors)
    ax.set_title(f"Which actors each {source} writes about (entries)")
    return fig


@styled
def plot_frame_shares(table: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Heatmap of :func:`analysis.frames.frame_shares`: one row per actor and group, one column
    per frame; colour = share of the entries about the actor that evoke the frame in a sentence
    about it (blank when none), each cell labelled entries/n entries."""
    actors, groups, frames = (ordered(table[c]) for c in ("actor", "group", "frame"))
    rows = [(a, g) for a in actors for g in groups]
    fig, (ax,) = canvas(ax, size=(6.4, max(2.5, 0.3 * len(rows) + 1.5)))
    cell = table.set_index(["actor", "group", "frame"])
    values = np.array([[cell.at[(a, g, f), "share"] for f in frames] for a, g in rows],
                      dtype=float).reshape(len(rows), len(frames))
    num, den = ("entries", "n_entries") if "n_entries" in table else ("sentences", "n_sentences")
    text = [[f"{cell.at[(a, g, f), num]}/{cell.at[(a, g, f), den]}"
             for f in frames] for a, g in rows]
    heatmap(ax, values, text, [f"{a} · {g}" for a, g in rows], frames)
    ax.set_title("Frames: share of the entries about each actor (entries/n)" if num == "entries"
                 else "Frames evoked in the sentences mentioning each actor")
    return fig
