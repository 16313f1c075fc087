"""Keyness plot: the Fightin' Words scatter of z against frequency, labels without overlaps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.layout import CHAR_PT, LABEL_PT, axes_size_pt, place_labels
from analysis.plot.style import GREY, PALETTE, Z_CUTOFF, canvas, ordered, styled

__all__ = ['plot_keyness']


@styled
def plot_keyness(table: pd.DataFrame, *, top_n: int = 10, ax: Axes | None = None) -> Figure:
    """Fightin' Words plot of :func:`analysis.keyness.keyness` (or ``keyness_by``).

    z against log10 frequency (target + baseline), as Monroe, Colaresi & Quinn (2008, fig. 3);
    terms beyond |z| = 1.96 coloured when the table marks them ``reliable`` (grey otherwise), the
    ``top_n`` highest and lowest z labelled (terms on one point share a label). No two labels
    overlap: each keeps its point's x (the label to the right of the point, or to the left in
    the right part of the panel) and takes the y nearest
    its point's z that leaves a line of room to the labels placed before it (the most
    distinctive first), with a thin leader line when it moved. One panel per group for
    ``keyness_by``.
    """
    panels = ([(g, table[table["group"] == g]) for g in ordered(table["group"])]
              if "group" in table else [(None, table)])
    n_labels = 2 * top_n
    height = max(4.0, 1.3 + (n_labels + 2) * LABEL_PT / 72)
    given = ax
    fig, axes = canvas(ax, len(panels), size=(6.4, height))
    for panel, (group, rows) in zip(axes, panels, strict=True):
        freq = np.log10((rows["n_target"] + rows["n_baseline"]).to_numpy(dtype=float))
        z = rows["z"].to_numpy(dtype=float)
        # only terms the table marks reliable (enough entries) are coloured
        ok = (rows["reliable"].fillna(False).to_numpy(dtype=bool) if "reliable" in rows
              else np.ones(len(rows), dtype=bool))
        colour = np.where(ok & (z >= Z_CUTOFF), PALETTE[0],
                          np.where(ok & (z <= -Z_CUTOFF), PALETTE[1], GREY))
        panel.scatter(freq, z, c=colour, s=12, linewidths=0)
        for cut in (Z_CUTOFF, -Z_CUTOFF):
            panel.axhline(cut, color=GREY, linewidth=0.8, linestyle="--")
        by_z = rows.assign(freq=freq).sort_values(["z", "term"], ascending=[False, True])
        label = pd.concat([by_z[by_z["z"] > 0].head(top_n),
                           by_z[by_z["z"] < 0].tail(top_n)])
        spots: dict[tuple[float, float], list[str]] = {}  # terms on one point share a label
        unreliable = set(label.loc[~label["reliable"].fillna(False).astype(bool), "term"]
                         if "reliable" in label else ())
        for r in label.itertuples(index=False):
            spots.setdefault((round(r.freq, 9), round(r.z, 9)), []).append(r.term)
        ylo = min([*z, -Z_CUTOFF]) - 0.3
        yhi = max([*z, Z_CUTOFF]) + 0.3
        xs = freq if len(freq) else np.array([0.0, 1.0])
        xspan = max(xs.max() - xs.min(), 0.5)
        xlo, xhi = xs.min() - 0.06 * xspan, xs.max() + 0.06 * xspan
        panel.set_xlim(xlo, xhi)
        panel.set_ylim(ylo, yhi)
        width_pt, height_pt = axes_size_pt(given, fig)
        gap = (yhi - ylo) * LABEL_PT / max(height_pt, 1.0)
        per_pt = (xhi - xlo) / max(width_pt, 1.0)  # data units of x per point
        flip = xs.min() + 0.6 * xspan  # right of this, a label goes left of its point
        texts = [", ".join(terms) for terms in spots.values()]
        left = [x > flip for x, _ in spots]
        spans = np.array([(x - (4 + CHAR_PT * len(t)) * per_pt, x) if lft
                          else (x, x + (4 + CHAR_PT * len(t)) * per_pt)
                          for (x, _), t, lft in zip(spots, texts, left, strict=True)])
        placed = place_labels(np.array([y for _, y in spots]), spans, gap,
                               ylo + gap / 2, yhi - gap / 2)
        for (x, y), text, lft, y_text in zip(spots, texts, left, placed, strict=True):
            colour = ("#444444" if unreliable.issuperset(text.split(", "))
                      else PALETTE[0] if y >= Z_CUTOFF else PALETTE[1] if y <= -Z_CUTOFF
                      else "#444444")
            moved = abs(y_text - y) > 0.25 * gap
            panel.annotate(text, (x, y), xytext=(-4 if lft else 4, y_text),
                           textcoords=("offset points", "data"), fontsize=7, va="center",
                           ha="right" if lft else "left", color=colour,
                           arrowprops={"arrowstyle": "-", "color": GREY, "linewidth": 0.5,
                                       "shrinkA": 0, "shrinkB": 2} if moved else None)
        panel.set_xlabel("log10 frequency (target + baseline)")
        panel.set_ylabel("z (log-odds, informative Dirichlet prior)")
        panel.set_title("Keyness" + (f": {group} vs the rest" if group is not None
                                  else ": target (up) vs baseline (down)"))
    return fig
