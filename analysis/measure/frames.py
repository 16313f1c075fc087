"""Frames: the share of an actor's sentences that evoke each frame, per group of reports.

The frames table (from :mod:`analysis.framing`) has one row per lexicon hit in a sentence; a
sentence evokes a frame when it holds at least one of the frame's terms. The denominator is the
number of sentences mentioning the actor, so one sentence can count for several frames and the
shares of an actor need not sum to one. The frame list is the frames found anywhere in the
corpus (a frame never evoked does not appear).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.measure.groups import actor_sentences, group_labels, group_order, resolve_actors

__all__ = ["frame_shares"]

FRAME_SHARE_COLUMNS = ["group", "actor", "frame", "sentences", "n_sentences", "share"]


def frame_shares(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
                 include_overview: bool = False) -> pd.DataFrame:
    """Share of the sentences mentioning each actor that evoke each frame.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``mentions``, ``frames``
    by : {"report_id", "period", "year", "country"}
    actors : actors in output order; all mentioned actors (sorted) by default
    include_overview : count the overviews' sentences too

    Returns
    -------
    DataFrame, one row per group, actor and frame (every combination), sorted by group
    (chronological), actor (in order), frame: group, actor, frame, sentences (the actor's
    sentences evoking the frame), n_sentences (the actor's sentences in the group),
    share (``sentences / n_sentences``; NaN when n_sentences is 0).
    """
    labels = group_labels(corpus.reports, by=by)
    names = resolve_actors(corpus, actors)
    pairs = actor_sentences(corpus, names, include_overview=include_overview)
    pairs = pairs.assign(group=pairs["report_id"].map(labels)).dropna(subset=["group"])
    evoked = corpus.frames[["entry_id", "sentence_idx", "frame"]].drop_duplicates()
    hits = pairs.merge(evoked, on=["entry_id", "sentence_idx"])
    n_sent = pairs.groupby(["group", "actor"]).size()
    n_hit = hits.groupby(["group", "actor", "frame"]).size()
    frame_names = sorted(corpus.frames["frame"].dropna().astype(str).unique())
    rows = []
    for group in group_order(corpus.reports, labels):
        for actor in names:
            total = int(n_sent.get((group, actor), 0))
            for frame in frame_names:
                k = int(n_hit.get((group, actor, frame), 0))
                rows.append((group, actor, frame, k, total, k / total if total else np.nan))
    return pd.DataFrame(rows, columns=FRAME_SHARE_COLUMNS)
