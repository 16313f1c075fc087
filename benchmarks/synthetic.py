"""Synthetic corpora for the benchmark: the entries of the sample reports, recombined.

Each synthetic report is a real ``.txt`` file in the published layout: a title line
``Country Report: <Country> (<Month> <Year>)`` with a (country, period) pair of its own, one of
the sample overviews, then the sample entries drawn without replacement and shuffled, with a
section heading (taken from the samples) every few entries. The draw uses a fixed seed, so a
size always gives the same files; a report has as many entries as a sample report on average,
so time per report is comparable across sizes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

__all__ = ["COUNTRIES", "write_corpus"]

COUNTRIES = (
    "Russia", "China", "Japan", "India", "North Korea", "South Korea", "Mongolia", "Vietnam",
    "Indonesia", "Kazakhstan", "Uzbekistan", "Turkey", "Iran", "Pakistan", "Thailand",
    "Malaysia", "Philippines", "Singapore", "Australia", "Myanmar", "Laos", "Cambodia",
    "Bangladesh", "Nepal", "Sri Lanka", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Georgia",
    "Armenia", "Azerbaijan", "Belarus", "Ukraine", "Moldova", "Brazil", "Egypt", "Israel",
    "Saudi Arabia", "Taiwan", "New Zealand",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _slug(text: str) -> str:
    return "-".join(text.lower().split())


def write_corpus(entries: pd.DataFrame, n_reports: int, folder: str | Path, *, seed: int = 7,
                 per_report: int | None = None) -> list[Path]:
    """Write ``n_reports`` synthetic reports recombined from ``entries`` into ``folder``.

    Parameters
    ----------
    entries : the ``entries`` table of the sample reports (``load_corpus(annotate=False)``).
    n_reports : how many reports to write; each gets a unique country and period.
    folder : target folder (created).
    seed : seed of the draw; the same seed and size give byte-identical files.
    per_report : entries per report (default: the mean number of entries of a sample report).

    Returns
    -------
    The written paths, in order.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    overviews = entries.loc[entries["kind"] == "overview", "text"].tolist()
    bodies = entries.loc[entries["kind"] == "entry", "text"].tolist()
    headings = sorted({s for s in entries["section"].dropna()}) or ["Overview"]
    if per_report is None:
        per_report = max(1, round(len(bodies) / max(1, len(overviews))))
    per_report = min(per_report, len(bodies))
    paths = []
    for i in range(n_reports):
        country = COUNTRIES[i % len(COUNTRIES)]
        month = i // len(COUNTRIES)
        year, month = 2013 + month // 12, month % 12
        title = f"Country Report: {country} ({MONTHS[month]} {year})"
        blocks = [title, rng.choice(overviews)]
        for k, text in enumerate(rng.sample(bodies, per_report)):
            if k % 4 == 0:
                blocks.append(rng.choice(headings))
            blocks.append(text)
        path = folder / f"{_slug(country)}-{year:04d}-{month + 1:02d}.txt"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
