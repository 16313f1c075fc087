"""Frames: the share of the entries about an actor that frame it in each way, per group.

The frames table (from :mod:`analysis.annotate.mentions`) has one row per lexicon hit in a
sentence; a sentence evokes a frame when it holds at least one of the frame's terms, and an
entry frames an actor in a way when one of its sentences about the actor evokes that frame. The
unit is the entry (one summarized publication): the share is of the entries with a sentence
about the actor, with its Wilson score interval (:func:`analysis.measure.intervals.wilson`). One
entry can count for several frames, so the shares of an actor need not sum to one. The frame
list is the frames found anywhere in the corpus (a frame never evoked does not appear).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.measure.groups import actor_sentences, group_labels, group_order, resolve_actors
from analysis.measure.intervals import wilson
from analysis.tables import plain_result

__all__ = ["frame_shares"]

FRAME_SHARE_COLUMNS = ["group", "actor", "frame", "entries", "n_entries", "share", "share_low",
                       "share_high", "sentences", "n_sentences"]


@plain_result
def frame_shares(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
                 include_overview: bool = False, ci: float = 0.95) -> pd.DataFrame:
    """Share of the entries about each actor that frame it in each way.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``mentions``, ``frames``
    by : {"report_id", "period", "year", "country"}
    actors : actors in output order; all mentioned actors (sorted) by default
    include_overview : count the overviews' sentences too
    ci : level of the Wilson interval

    Returns
    -------
    DataFrame, one row per group, actor and frame (every combination), sorted by group
    (chronological), actor (in order), frame: group, actor, frame, entries (entries with a
    sentence about the actor evoking the frame), n_entries (entries with a sentence about the
    actor in the group), share (``entries / n_entries``; NaN when n_entries is 0), share_low,
    share_high (Wilson score interval), sentences, n_sentences (the same counted in sentences,
    for reading; the measures' unit is the entry).
    """
    labels = group_labels(corpus.reports, by=by)
    names = resolve_actors(corpus, actors)
    pairs = actor_sentences(corpus, names, include_overview=include_overview)
    pairs = pairs.assign(group=pairs["report_id"].astype(str).map(labels),
                         actor=pairs["actor"].astype(str)).dropna(subset=["group"])
    evoked = corpus.frames[["entry_id", "sentence_idx", "frame"]].drop_duplicates()
    evoked = evoked.assign(frame=evoked["frame"].astype(str))
    hits = pairs.merge(evoked, on=["entry_id", "sentence_idx"])
    n_sent = pairs.groupby(["group", "actor"], observed=True).size()
    n_hit = hits.groupby(["group", "actor", "frame"], observed=True).size()
    n_ent = pairs.groupby(["group", "actor"], observed=True)["entry_id"].nunique()
    e_hit = hits.groupby(["group", "actor", "frame"], observed=True)["entry_id"].nunique()
    frame_names = sorted(corpus.frames["frame"].dropna().astype(str).unique())
    order = group_order(corpus.reports, labels)
    # Every (group, actor, frame), in that order: the counts reindexed, zeros where none.
    cells = pd.MultiIndex.from_product([order, names, frame_names])
    two = pd.MultiIndex.from_product([order, names])
    per_frame = len(frame_names)
    entries = np.repeat(n_ent.reindex(two, fill_value=0).to_numpy(dtype=np.int64), per_frame)
    k = e_hit.reindex(cells, fill_value=0).to_numpy(dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(entries > 0, k / np.where(entries > 0, entries, 1), np.nan)
    low, high = wilson(k, entries, ci=ci)
    out = pd.DataFrame({
        "group": cells.get_level_values(0).astype(object).tolist(),
        "actor": cells.get_level_values(1).astype(object).tolist(),
        "frame": cells.get_level_values(2).astype(object).tolist(),
        "entries": k, "n_entries": entries, "share": share, "share_low": low,
        "share_high": high,
        "sentences": n_hit.reindex(cells, fill_value=0).to_numpy(dtype=np.int64),
        "n_sentences": np.repeat(n_sent.reindex(two, fill_value=0).to_numpy(dtype=np.int64),
                                 per_frame)}, columns=FRAME_SHARE_COLUMNS)
    return out
