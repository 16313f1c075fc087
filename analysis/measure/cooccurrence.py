"""Co-occurrence: which actors are mentioned together in the same sentence.

A sentence that mentions China, Japan and North Korea contributes one to each of the three pairs;
mentioning an actor twice in a sentence counts once. The counts are the edge weights of the
co-occurrence network (:func:`analysis.plots.plot_cooccurrence`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.measure.groups import actor_sentences, group_labels, group_order, resolve_actors
from analysis.tables import plain_result

__all__ = ["cooccurrence"]

COOCCURRENCE_COLUMNS = ["group", "actor_a", "actor_b", "sentences", "entries"]


@plain_result
def cooccurrence(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
                 actor: str | None = None, min_count: int = 1,
                 include_overview: bool = False) -> pd.DataFrame:
    """Actor pairs mentioned in the same sentence, per group of reports.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``mentions``
    by : {"report_id", "period", "year", "country"}
    actors : restrict to pairs of these actors; all actors by default
    actor : keep only the pairs that include this actor (its partners), any case; with
        ``actors`` too, the pairs of ``actor`` with one of ``actors`` (``actor`` need not be
        listed there). An unknown name raises :class:`analysis.groups.UnknownValueError`.
    min_count : keep pairs co-occurring in at least this many sentences of the group
    include_overview : count the overviews' sentences too

    Returns
    -------
    DataFrame with columns group, actor_a, actor_b (``actor_a < actor_b``), sentences (sentences
    mentioning both), entries (entries holding such a sentence); sorted by group (chronological),
    sentences descending, actor_a, actor_b. Pairs that never co-occur are absent.
    """
    labels = group_labels(corpus.reports, by=by)
    names = resolve_actors(corpus, actors)
    focal = None
    if actor is not None:
        (focal,) = resolve_actors(corpus, [actor])
        names = names if focal in names else [*names, focal]
    pairs = actor_sentences(corpus, names, include_overview=include_overview)
    pairs = pairs[pairs["report_id"].isin(labels.keys())]
    # Every two actors of a sentence (each once per sentence), the first before the second.
    pairs = pairs.assign(report_id=pairs["report_id"].astype(str),
                         entry_id=pairs["entry_id"].astype(str), actor=pairs["actor"].astype(str))
    both = pairs.merge(pairs, on=["report_id", "entry_id", "sentence_idx"], suffixes=("_a", "_b"))
    both = both[both["actor_a"] < both["actor_b"]]
    found = pd.DataFrame({"group": both["report_id"].map(labels), "actor_a": both["actor_a"],
                          "actor_b": both["actor_b"], "entry_id": both["entry_id"],
                          "sentence_idx": both["sentence_idx"]})
    out = (found.groupby(["group", "actor_a", "actor_b"], observed=True)
           .agg(sentences=("sentence_idx", "size"), entries=("entry_id", "nunique"))
           .reset_index())
    out = out[out["sentences"] >= min_count]
    if focal is not None:
        out = out[(out["actor_a"] == focal) | (out["actor_b"] == focal)]
    rank = {g: i for i, g in enumerate(group_order(corpus.reports, labels))}
    out = out.assign(_g=out["group"].map(rank)).sort_values(
        ["_g", "sentences", "actor_a", "actor_b"], ascending=[True, False, True, True])
    out = out[COOCCURRENCE_COLUMNS].reset_index(drop=True)
    return out.astype({"sentences": "int64", "entries": "int64"})
