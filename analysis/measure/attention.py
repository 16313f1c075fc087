"""Attention: how much each actor is talked about, per report or period, and where.

``attention`` counts the share of entries (summarized publications) that mention an actor, with
its Wilson score interval, and mentions per 1,000 word tokens, with a percentile bootstrap
interval over entries (the entry is the unit of evidence, see :mod:`analysis.measure.intervals`). ``dispersion`` places every mention along its
report, for the lexical-dispersion ("x-ray") plot.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.measure.groups import group_labels, group_order, resolve_actors, scope
from analysis.measure.intervals import entry_bootstrap, wilson

__all__ = ["attention", "dispersion"]

ATTENTION_COLUMNS = ["group", "actor", "mentions", "tokens", "per_1k", "per_1k_low",
                     "per_1k_high", "entries", "n_entries", "share", "share_low", "share_high"]


def attention(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
              include_overview: bool = False, n_boot: int = 2000, ci: float = 0.95,
              seed: int = 0) -> pd.DataFrame:
    """Attention to each actor per group of reports.

    Parameters
    ----------
    corpus : Corpus or any object with the tables ``reports``, ``entries``, ``tokens``, ``mentions``
    by : {"report_id", "period", "year", "country"}
        What forms a group; reports of the same period (or year) are pooled.
    actors : str or list of str, optional
        Actors to report, in this order; all actors of the mentions table (sorted) by default.
    include_overview : bool
        Count the report's overview paragraph as an entry (it is not a summarized publication).
    n_boot, ci, seed : bootstrap resamples, confidence level and seed of the per_1k interval
        (see `entry_bootstrap`); each group starts from ``seed``, so a group's interval does not
        depend on the others. ``ci`` is the level of the share's interval too.

    Returns
    -------
    DataFrame, one row per group and actor (every pair, zeros included), groups in
    chronological order then actors in order, with columns

    group : the value of ``by``; actor : canonical name;
    mentions : number of mentions; tokens : word tokens of the group (stop words included);
    per_1k : ``1000 * mentions / tokens``; per_1k_low, per_1k_high : its percentile bootstrap
    interval, a ratio of sums over the resampled entries (``1000 * sum(mentions) /
    sum(tokens)``);
    entries : entries mentioning the actor; n_entries : entries in the group;
    share : ``entries / n_entries``; share_low, share_high : its Wilson score interval
    (:func:`analysis.measure.intervals.wilson`, as ``scipy.stats.binomtest(entries,
    n_entries).proportion_ci(method="wilson")``): never [0, 0] when an entry mentions the actor.
    """
    return _attention(corpus, group_labels(corpus.reports, by=by), actors=actors,
                      include_overview=include_overview, n_boot=n_boot, ci=ci, seed=seed)


def _attention(corpus: Any, labels: dict[str, str], *, actors, include_overview: bool,
               n_boot: int, ci: float, seed: int) -> pd.DataFrame:
    names = resolve_actors(corpus, actors)
    keep = scope(corpus, include_overview=include_overview)
    entries = corpus.entries[corpus.entries["entry_id"].isin(keep)
                             & corpus.entries["report_id"].isin(labels.keys())]
    entries = entries.assign(group=entries["report_id"].map(labels)).sort_values("entry_id")
    tokens = corpus.tokens[corpus.tokens["entry_id"].isin(entries["entry_id"])]
    n_tokens = tokens["report_id"].map(labels).value_counts()
    entry_tokens = tokens.groupby("entry_id").size()
    mentions = corpus.mentions[corpus.mentions["entry_id"].isin(entries["entry_id"])
                               & corpus.mentions["actor"].isin(names)]
    counts = mentions.groupby(["entry_id", "actor"]).size()
    wide = counts.unstack("actor", fill_value=0) if len(counts) else pd.DataFrame()
    rows = []
    for group in group_order(corpus.reports, labels):
        ids = entries.loc[entries["group"] == group, "entry_id"].tolist()
        per_entry = wide.reindex(index=ids, columns=names, fill_value=0).to_numpy(dtype=float)
        hit = (per_entry > 0).astype(float)
        size = entry_tokens.reindex(ids, fill_value=0).to_numpy(dtype=float)[:, None]
        low, high = entry_bootstrap(per_entry, np.repeat(size, len(names), axis=1),
                                    n_boot=n_boot, ci=ci, seed=seed)
        share_low, share_high = wilson(hit.sum(axis=0), np.full(len(names), len(ids)), ci=ci)
        total = int(n_tokens.get(group, 0))
        for j, actor in enumerate(names):
            n_mentions = int(per_entry[:, j].sum())
            n_hit = int(hit[:, j].sum())
            rows.append((group, actor, n_mentions, total,
                         1000 * n_mentions / total if total else np.nan,
                         1000 * low[j], 1000 * high[j], n_hit, len(ids),
                         n_hit / len(ids) if ids else np.nan, float(share_low[j]),
                         float(share_high[j])))
    return pd.DataFrame(rows, columns=ATTENTION_COLUMNS)


def dispersion(corpus: Any, *, actors: str | list[str] | None = None,
               include_overview: bool = False) -> pd.DataFrame:
    """Where each mention falls in its report, in word tokens (lexical dispersion).

    Returns
    -------
    DataFrame, one row per mention, sorted by report (chronological), actor (in order), token,
    with columns report_id, entry_id, position, sentence_idx, actor, alias,
    token (0-based index of the mention's first token among the report's word tokens, entries in
    ``position`` order), n_tokens (word tokens of the report), relative (``token / n_tokens``,
    in [0, 1)). As quanteda's ``textplot_xray``.
    """
    names = resolve_actors(corpus, actors)
    keep = scope(corpus, include_overview=include_overview)
    entries = corpus.entries[corpus.entries["entry_id"].isin(keep)]
    entries = entries.sort_values(["report_id", "position"])
    tokens = corpus.tokens[corpus.tokens["entry_id"].isin(keep)].sort_values(
        ["entry_id", "token_idx"])
    starts = {eid: t["start"].to_numpy() for eid, t in tokens.groupby("entry_id")}
    size = {eid: len(s) for eid, s in starts.items()}
    offset: dict[str, int] = {}
    n_tokens: dict[str, int] = {}
    for rid, ents in entries.groupby("report_id"):
        total = 0
        for eid in ents["entry_id"]:
            offset[eid] = total
            total += size.get(eid, 0)
        n_tokens[rid] = total
    position = dict(zip(entries["entry_id"], entries["position"], strict=True))
    mentions = corpus.mentions[corpus.mentions["entry_id"].isin(keep)
                               & corpus.mentions["actor"].isin(names)]
    rows = []
    for m in mentions.itertuples(index=False):
        within = max(int(np.searchsorted(starts.get(m.entry_id, np.array([])), m.start,
                                         side="right")) - 1, 0)
        token = offset[m.entry_id] + within
        rows.append((m.report_id, m.entry_id, int(position[m.entry_id]), int(m.sentence_idx),
                     m.actor, m.alias, token, n_tokens[m.report_id],
                     token / n_tokens[m.report_id]))
    out = pd.DataFrame(rows, columns=["report_id", "entry_id", "position", "sentence_idx", "actor",
                                      "alias", "token", "n_tokens", "relative"])
    report_rank = {rid: i for i, rid in enumerate(
        group_order(corpus.reports, group_labels(corpus.reports)))}
    actor_rank = {a: i for i, a in enumerate(names)}
    out = out.assign(_r=out["report_id"].map(report_rank), _a=out["actor"].map(actor_rank))
    out = out.sort_values(["_r", "_a", "token"], kind="stable").drop(columns=["_r", "_a"])
    return out.reset_index(drop=True)
