"""Entries for the engine, cache and Dask tests (imported by tests; not collected by pytest).

``synthetic_entries`` recombines the entries of the two sample reports into more reports (fixed
seed, fresh report and entry ids), in memory; ``plain`` is the reference: the annotator called
report by report in this process and the tables concatenated, as ``load_corpus`` did before the
engine.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from analysis.annotate.parts import IDS, INT32, NOT_STORED
from analysis.annotate.report import annotate
from analysis.corpus import load_corpus
from analysis.store.annotations import TABLES

SAMPLES = Path(__file__).resolve().parents[1] / "reports_raw"


def sample_entries() -> pd.DataFrame:
    """The entries table of the two sample reports."""
    return load_corpus(SAMPLES, annotate=False).entries


def synthetic_entries(n_reports: int, *, per_report: int = 5, seed: int = 3) -> pd.DataFrame:
    """``n_reports`` reports of ``per_report`` sample entries each (and a sample overview)."""
    samples = sample_entries()
    rng = random.Random(seed)
    overviews = samples[samples["kind"] == "overview"]
    bodies = samples[samples["kind"] == "entry"]
    frames = []
    for i in range(n_reports):
        report_id = f"synthland-{2013 + i // 12}-{i % 12 + 1:02d}"
        picks = [rng.randrange(len(overviews))], rng.sample(range(len(bodies)), per_report)
        rows = pd.concat([overviews.iloc[picks[0]], bodies.iloc[picks[1]]], ignore_index=True)
        rows["report_id"] = report_id
        rows["position"] = range(len(rows))
        rows["entry_id"] = [f"{report_id}-e{k:02d}" for k in range(len(rows))]
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)


def plain(entries: pd.DataFrame, **options) -> dict[str, pd.DataFrame]:
    """The reference tables: one report at a time in this process, concatenated, in the form
    the engine keeps them (:func:`as_kept`)."""
    parts = [annotate(g, **options) for _, g in entries.groupby("report_id", sort=False)]
    return {name: as_kept(name, pd.concat([p[name] for p in parts], ignore_index=True))
            for name in TABLES}


def as_kept(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`annotate` as the engine keeps it, by pandas' own means: the ids as
    ``category`` (pandas sorts the categories), offsets and indexes int32, no sentence text."""
    table = table.drop(columns=list(NOT_STORED.get(name, ())))
    return table.astype({c: "category" for c in IDS[name]}
                        | {c: "int32" for c in INT32 if c in table.columns})


def assert_tables_equal(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    """Every table equal: values, order, index, column names and dtypes."""
    assert set(left) == set(right) == set(TABLES)
    for name in TABLES:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True, obj=name)
