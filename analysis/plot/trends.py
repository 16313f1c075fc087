"""Trends: a measure per actor on a time axis, with its interval, one line per country (or frame).
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.plot.style import GREY, PALETTE, canvas, legend_outside, ordered, styled

__all__ = ["TREND_MIN_REPORTS", "plot_trend", "wrap_title"]

#: Fewest reports (time points) for which a trend is drawn by the notebooks.
TREND_MIN_REPORTS = 3

_YLABELS = {"share": "share", "per_1k": "mentions per 1,000 tokens", "mean": "mean tone (compound)"}


def wrap_title(text: str, fig: Figure, *, size: float = 12.0) -> str:
    """``text`` wrapped to lines that fit ``fig``'s width at ``size`` points (a figure title;
    matplotlib draws ``suptitle`` at "large", 12 points with the package style)."""
    import textwrap

    chars = max(30, int(fig.get_figwidth() * 72 / (0.58 * size)))
    return "\n".join(textwrap.wrap(text, chars))


def _periods(table: pd.DataFrame, reports: pd.DataFrame | None) -> pd.DataFrame:
    """``table`` with ``_when`` (the first day of the period) and ``_country``: from ``reports``
    when the groups are report ids, else the group read as a period (``by="period"``)."""
    out = table.copy()
    if reports is not None and set(out["group"]) <= set(reports["report_id"]):
        meta = reports.set_index("report_id")
        out["_period"] = out["group"].map(meta["period"])
        out["_country"] = out["group"].map(meta["country"])
    else:
        out["_period"] = out["group"].astype(str)
        out["_country"] = None
    out["_when"] = pd.PeriodIndex(out["_period"], freq="M").to_timestamp()
    return out.sort_values(["_when", "group"], kind="stable")


@styled
def plot_trend(table: pd.DataFrame, *, value: str = "share", reports: pd.DataFrame | None = None,
               series: str | None = None, title: str | None = None,
               ax: Axes | None = None) -> Figure:
    """``value`` of a per-group table (``attention``, ``tone``, ``frame_shares``) over time.

    One panel per actor; x is the report's period (``reports`` maps report-id groups to their
    period and country; without it the groups must be periods, as ``by="period"`` gives). One
    line per ``series``: ``"country"`` by default when the reports are of several countries,
    ``"frame"`` for a frame-shares table, else one line. ``<value>_low`` and ``<value>_high``,
    when the table has them, are drawn as a band and error bars. ``title`` is the figure's title
    (the panels are titled by actor).
    """
    data = _periods(table, reports)
    if series is None:
        series = ("frame" if "frame" in data else
                  "_country" if data["_country"].nunique(dropna=True) > 1 else None)
    elif series == "country":
        series = "_country"
    actors = ordered(data["actor"]) if "actor" in data else [None]
    fig, axes = canvas(ax, max(len(actors), 1), size=(6.4, 3.8))
    lows = {f"{value}_low", f"{value}_high"} <= set(data.columns)
    for panel, actor in zip(axes, actors, strict=True):
        rows = data if actor is None else data[data["actor"] == actor]
        lines = ordered(rows[series]) if series else [None]
        for i, name in enumerate(lines):
            line = rows if name is None else rows[rows[series] == name]
            colour = PALETTE[i % len(PALETTE)]
            y = line[value].to_numpy(dtype=float)
            panel.plot(line["_when"], y, marker="o", color=colour, linewidth=1.5,
                       label=str(name) if name is not None else None)
            if lows:
                lo, hi = (line[f"{value}_low"].to_numpy(dtype=float),
                          line[f"{value}_high"].to_numpy(dtype=float))
                panel.fill_between(line["_when"], lo, hi, color=colour, alpha=0.15,
                                   linewidth=0)
                panel.errorbar(line["_when"], y, yerr=[(y - lo).clip(0), (hi - y).clip(0)],
                               fmt="none", ecolor=colour, elinewidth=0.8, capsize=2)
        if value == "mean":
            panel.axhline(0, color=GREY, linewidth=0.8)
        if value.startswith("share"):
            panel.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        panel.set_ylabel(_YLABELS.get(value, value.replace("_", " ")))
        panel.set_xlabel("period of the report")
        panel.set_title(str(actor) if actor is not None else value)
        for label in panel.get_xticklabels():
            label.set_rotation(30)
            label.set_ha("right")
        if series and len(lines) > 1 or series == "frame":
            legend_outside(panel, "country" if series == "_country" else series)
    if title:
        fig.suptitle(wrap_title(title, fig))
    return fig
