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
from analysis.measure.id_lookup import isin, positions
from analysis.measure.intervals import entry_bootstrap_groups, wilson
from analysis.tables import plain_result

__all__ = ["attention", "dispersion"]

ATTENTION_COLUMNS = ["group", "actor", "mentions", "tokens", "per_1k", "per_1k_low",
                     "per_1k_high", "entries", "n_entries", "share", "share_low", "share_high"]


@plain_result
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


def _entry_tokens(corpus: Any, ids: np.ndarray) -> np.ndarray:
    """Word tokens of each entry of ``ids``: the entries' ``n_words`` (the count of the tokens
    table, without building it), or counted in ``corpus.tokens`` when entries lack it."""
    if "n_words" in corpus.entries.columns:  # (the column alone: not a copy of the texts)
        counts = pd.Series(corpus.entries["n_words"].to_numpy(),
                           index=corpus.entries["entry_id"].astype(str))
    else:
        counts = corpus.tokens["entry_id"].astype(str).value_counts()
    return counts.reindex(ids, fill_value=0).to_numpy(dtype=float)


def _attention(corpus: Any, labels: dict[str, str], *, actors, include_overview: bool,
               n_boot: int, ci: float, seed: int) -> pd.DataFrame:
    names = resolve_actors(corpus, actors)
    keep = scope(corpus, include_overview=include_overview)
    entries = corpus.entries.loc[isin(corpus.entries["entry_id"], keep)  # ids, not texts
                                 & isin(corpus.entries["report_id"], labels.keys()),
                                 ["entry_id", "report_id"]]
    entries = entries.assign(group=entries["report_id"].astype(str).map(labels))
    entries = entries.sort_values("entry_id")
    ids = entries["entry_id"].astype(str).to_numpy()
    # One row per entry (in entry_id order) of mentions per actor and of word tokens.
    size = _entry_tokens(corpus, ids)
    m = corpus.mentions
    if len(labels) < len(corpus.reports):  # a few reports (compare's two sides): theirs alone
        m = m[m["report_id"].isin(list(labels))]
    mentions = m[isin(m["entry_id"], ids.tolist()) & isin(m["actor"], names)]
    counts = mentions.groupby([mentions["entry_id"].astype(str),
                               mentions["actor"].astype(str)], observed=True).size()
    wide = counts.unstack(fill_value=0) if len(counts) else pd.DataFrame()
    per_entry = wide.reindex(index=ids, columns=names, fill_value=0).to_numpy(dtype=float)
    order = group_order(corpus.reports, labels)
    rows_of = pd.Series(np.arange(len(ids))).groupby(entries["group"].to_numpy(),
                                                      sort=False).indices
    groups = [np.asarray(rows_of.get(g, []), dtype=np.int64) for g in order]
    low, high = entry_bootstrap_groups(per_entry, size, groups, n_boot=n_boot, ci=ci, seed=seed)
    k, shape = len(names), (len(groups), len(names))
    n_mentions, n_hit, total = np.zeros(shape), np.zeros(shape), np.zeros((len(groups), 1))
    for i, rows in enumerate(groups):
        n_mentions[i], n_hit[i] = per_entry[rows].sum(axis=0), (per_entry[rows] > 0).sum(axis=0)
        total[i] = size[rows].sum()
    n_entries = np.array([len(g) for g in groups], dtype=np.int64)[:, None]
    share_low, share_high = wilson(n_hit, np.repeat(n_entries, k, axis=1), ci=ci)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_1k = np.where(total > 0, 1000 * n_mentions / total, np.nan)
        share = np.where(n_entries > 0, n_hit / n_entries, np.nan)
    return pd.DataFrame({
        "group": np.repeat(np.array(order, dtype=object), k).tolist(),
        "actor": list(names) * len(groups),
        "mentions": n_mentions.astype(np.int64).ravel(),
        "tokens": np.broadcast_to(total, shape).astype(np.int64).ravel(),
        "per_1k": per_1k.ravel(), "per_1k_low": (1000 * low).ravel(),
        "per_1k_high": (1000 * high).ravel(), "entries": n_hit.astype(np.int64).ravel(),
        "n_entries": np.broadcast_to(n_entries, shape).ravel(), "share": share.ravel(),
        "share_low": share_low.ravel(), "share_high": share_high.ravel()},
        columns=ATTENTION_COLUMNS)


@plain_result
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
    entries = corpus.entries[isin(corpus.entries["entry_id"], keep)]
    entries = entries.sort_values(["report_id", "position"])
    eids = entries["entry_id"].astype(str)  # the entries' positions, looked up by pyarrow
    # Each entry's first token among its report's (entries in position order).
    t = corpus.tokens  # not copied: its entry codes (-1 out of scope) and starts
    t_code = positions(eids, t["entry_id"])
    inside = t_code >= 0
    t_code = t_code[inside]
    size = np.bincount(t_code, minlength=len(eids))
    report = entries["report_id"].astype(str).to_numpy()
    offset = np.cumsum(size) - size
    first_of_report = pd.Series(offset).groupby(report, sort=False).transform("min").to_numpy()
    offset -= first_of_report
    n_tokens = pd.Series(size).groupby(report, sort=False).transform("sum").to_numpy()
    # A mention's token: the last token of its entry starting at or before it (else the first).
    shift = np.int64(1) << 32
    keys = np.sort(t_code.astype(np.int64) * shift + t["start"].to_numpy(dtype=np.int64)[inside])
    mentions = corpus.mentions[isin(corpus.mentions["entry_id"], keep)
                               & isin(corpus.mentions["actor"], names)]
    m_code = positions(eids, mentions["entry_id"])
    below = np.searchsorted(keys, m_code * shift, side="left")  # the entry's first token row
    upto = np.searchsorted(keys, m_code * shift + mentions["start"].to_numpy(dtype=np.int64),
                           side="right")
    token = offset[m_code] + np.maximum(upto - below - 1, 0)
    total = n_tokens[m_code]
    # (string columns as arrays of str: the dtype lists of str give, without the lists)
    out = pd.DataFrame({"report_id": mentions["report_id"].astype(str).array,
                        "entry_id": mentions["entry_id"].astype(str).array,
                        "position": entries["position"].to_numpy(dtype=np.int64)[m_code],
                        "sentence_idx": mentions["sentence_idx"].to_numpy(dtype=np.int64),
                        "actor": mentions["actor"].astype(str).array,
                        "alias": mentions["alias"].astype(str).array,
                        "token": token.astype(np.int64), "n_tokens": total.astype(np.int64),
                        "relative": token / total})

    report_rank = {rid: i for i, rid in enumerate(
        group_order(corpus.reports, group_labels(corpus.reports)))}
    actor_rank = {a: i for i, a in enumerate(names)}
    out = out.assign(_r=out["report_id"].map(report_rank), _a=out["actor"].map(actor_rank))
    out = out.sort_values(["_r", "_a", "token"], kind="stable").drop(columns=["_r", "_a"])
    return out.reset_index(drop=True)
