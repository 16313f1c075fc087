"""Saving figures: the one place (with the batch runner) that writes outputs.

``save_figure`` writes byte-identical files for the same figure: PNG without the ``Software``
metadata, SVG without the ``Date`` and with a hash salt fixed per figure name (matplotlib
otherwise salts SVG ids at random), glyphs as paths, DejaVu Sans (shipped with matplotlib). Each
file is written atomically (:mod:`analysis.store.atomic`), so a reader never sees half a figure.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

from analysis.store.atomic import atomic_file

__all__ = ["FORMATS", "save_figure"]

#: Formats ``save_figure`` writes, with the metadata that keeps their bytes reproducible.
FORMATS = {"png": {"Software": None}, "svg": {"Date": None}}

_RC = {"font.family": "DejaVu Sans", "svg.fonttype": "path", "savefig.dpi": 150,
       "savefig.bbox": None, "path.simplify": True}


def save_figure(fig: Figure, path_stem: str | os.PathLike[str], *,
                formats: tuple[str, ...] = ("png", "svg"), dpi: int = 150) -> list[Path]:
    """Write ``fig`` as ``<path_stem>.<format>`` for each format and return the paths.

    Parameters
    ----------
    fig : the Figure (from a ``plot_*`` function)
    path_stem : path without extension, e.g. ``figures/attention``; its folder is created
    formats : any of ``"png"``, ``"svg"``
    dpi : resolution of the PNG

    Returns
    -------
    list of Path, one per format, in the order of ``formats``.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown figure formats {unknown}; valid: {sorted(FORMATS)}")
    stem = Path(path_stem)
    written = []
    for fmt in formats:
        target = stem.with_name(f"{stem.name}.{fmt}")
        with atomic_file(target) as handle, mpl.rc_context({**_RC, "svg.hashsalt": stem.name}):
            fig.savefig(handle, format=fmt, dpi=dpi, metadata=FORMATS[fmt])
        written.append(target)
    return written
