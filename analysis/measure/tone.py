"""Tone: how the entries portray each actor, with the entry as the unit of evidence.

The score of a (sentence, actor) pair is, by default, the tone aimed at the actor (``targeted``:
the mean of the pair's ``mentions.tone``, the tone model's expected score P(+1) - P(-1) of how the
sentence portrays the actor, defined by the codebook ``docs/tone-codebook.md`` and scored by
:mod:`analysis.annotate.model_tone`); ``column="tone_lexicon"`` uses the clause-lexicon score of
the mentions instead (the VADER score of the clause holding the mention with the other actors
masked, :mod:`analysis.annotate.clause_tone`), ``column="tone_masked"`` or ``"tone"`` the score
of the whole sentence (Hutto & Gilbert 2014). An entry's tone
for an actor is the mean over its sentences about the actor, and a group's tone the mean over
its entries: six sentences of one entry are one piece of evidence, not six. Intervals and tests
come from :mod:`analysis.measure.intervals`; with fewer than ``min_entries`` entries on a side
there are none, and the tables say so (``reliable`` False).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd

from analysis.measure.groups import (
    actor_sentences,
    group_labels,
    group_order,
    resolve_actors,
    resolve_pair,
)
from analysis.measure.intervals import (
    MIN_ENTRIES,
    difference_bootstrap,
    holm,
    mean_bootstrap,
    permutation_p,
)
from analysis.tables import kept, plain_result

__all__ = ["COLUMNS", "NEGATIVE", "POSITIVE", "entry_tone", "tone", "tone_change"]

#: VADER's conventional thresholds on the compound score (vaderSentiment README).
POSITIVE, NEGATIVE = 0.05, -0.05
#: The scores a tone measure can average: of the mentions (the model's, the lexicon's), of the
#: sentences (with actor names masked, as written).
COLUMNS = ("targeted", "tone_lexicon", "tone_masked", "tone")
#: The mentions column behind each score of the mentions.
MENTION_SCORES = {"targeted": "tone", "tone_lexicon": "tone_lexicon"}

TONE_COLUMNS = ["group", "actor", "entries", "sentences", "mean", "mean_low", "mean_high",
                "share_positive", "share_negative", "reliable"]
CHANGE_COLUMNS = ["actor", "entries_baseline", "entries_target", "sentences_baseline",
                  "sentences_target", "mean_baseline", "mean_target", "difference",
                  "difference_low", "difference_high", "p_value", "p_adjusted", "reliable"]


@plain_result
def entry_tone(corpus: Any, actors: list[str], *, column: str = "targeted",
               include_overview: bool = False, reports: Any = None) -> pd.DataFrame:
    """The tone of each entry for each actor it has a sentence about.

    Returns report_id, entry_id, actor, sentences (the entry's sentences about the actor), score
    (their mean score), sorted by entry_id, actor. ``actors`` must be canonical
    (:func:`analysis.measure.groups.resolve_actors`); ``column`` one of :data:`COLUMNS`;
    ``reports`` (report ids), when given, keeps only the rows of those reports.
    """
    if column not in COLUMNS:
        raise ValueError(f"column must be one of {', '.join(COLUMNS)}; not {column!r}")
    m, sentences = corpus.mentions, kept(corpus, "sentences", None)
    if reports is not None:
        m = m[m["report_id"].isin(list(reports))]
        corpus = SimpleNamespace(entries=corpus.entries, mentions=m)
    pairs = actor_sentences(corpus, actors, include_overview=include_overview)
    keys = ["entry_id", "sentence_idx"]
    if column in MENTION_SCORES:  # the mean over each pair's own mentions
        m = m[m["actor"].isin(list(actors))]
        aimed = m.groupby([*keys, "actor"], observed=True)[MENTION_SCORES[column]].mean()
        scored = pairs.merge(aimed.rename("score").reset_index(), on=[*keys, "actor"],
                             how="inner", validate="one_to_one")
    else:
        scores = sentences[[*keys, column]].rename(columns={column: "score"})
        scored = pairs.merge(scores, on=keys, how="inner", validate="many_to_one")
    scored = scored.dropna(subset=["score"])
    out = (scored.groupby(["report_id", "entry_id", "actor"], observed=True)["score"]
           .agg(sentences="count", score="mean").reset_index())
    return out.sort_values(["entry_id", "actor"]).reset_index(drop=True)


@plain_result
def tone(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
         column: str = "targeted", include_overview: bool = False,
         min_entries: int = MIN_ENTRIES, n_boot: int = 2000, ci: float = 0.95,
         seed: int = 0) -> pd.DataFrame:
    """Tone of the entries about each actor, per group of reports.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``sentences``, ``mentions``
    by : {"report_id", "period", "year", "country"}
    actors : actors in output order; all mentioned actors (sorted) by default
    column : {"targeted", "tone_lexicon", "tone_masked", "tone"}
        The score of a (sentence, actor) pair: the tone model's score of how the sentence
        portrays the actor (default), the clause-lexicon score, or the whole sentence's VADER
        compound with actor names masked, or as written.
    include_overview : count the overviews' sentences too
    min_entries : fewest entries for an interval (below: NaN and ``reliable`` False)
    n_boot, ci, seed : see :func:`analysis.measure.intervals.entry_bootstrap`

    Returns
    -------
    DataFrame, one row per group and actor (all pairs), groups chronological then actors in
    order: group, actor, entries (entries with a sentence about the actor: the n), sentences,
    mean (mean over those entries of each entry's mean score), mean_low, mean_high (percentile
    bootstrap over entries; NaN below ``min_entries``), share_positive, share_negative (share
    of those entries whose score is >= 0.05, <= -0.05), reliable (entries >= min_entries).
    Statistics are NaN when no entry of the group is about the actor.
    """
    return _tone(corpus, group_labels(corpus.reports, by=by), actors=actors, column=column,
                 include_overview=include_overview, min_entries=min_entries, n_boot=n_boot,
                 ci=ci, seed=seed)


def _tone(corpus: Any, labels: dict[str, str], *, actors, column: str, include_overview: bool,
          min_entries: int, n_boot: int, ci: float, seed: int) -> pd.DataFrame:
    names = resolve_actors(corpus, actors)
    few = list(labels) if len(labels) < len(corpus.reports) else None  # compare's two sides
    per_entry = entry_tone(corpus, names, column=column, include_overview=include_overview,
                           reports=few)
    order = group_order(corpus.reports, labels)
    k = len(names)
    # Each (group, actor) cell's entries, in entry_id order, as one run of a sorted array.
    group_at = pd.Series({g: i for i, g in enumerate(order)}, dtype="int64")
    actor_at = pd.Series({a: j for j, a in enumerate(names)}, dtype="int64")
    gi = per_entry["report_id"].astype(str).map(labels).map(group_at)
    ai = per_entry["actor"].astype(str).map(actor_at)
    ok = (gi.notna() & ai.notna()).to_numpy()
    cell = gi[ok].to_numpy(dtype=np.int64) * k + ai[ok].to_numpy(dtype=np.int64)
    rank = np.argsort(cell, kind="stable")
    cell = cell[rank]
    scores = per_entry["score"].to_numpy(dtype=float)[ok][rank]
    size = np.bincount(cell, minlength=len(order) * k)
    sentences = np.bincount(cell, weights=per_entry["sentences"].to_numpy()[ok][rank],
                            minlength=len(order) * k)
    starts = np.cumsum(size) - size
    mean, low, high, pos, neg = (np.full(len(size), np.nan) for _ in range(5))
    for n in np.unique(size[size > 0]):
        which = np.flatnonzero(size == n)
        x = scores[starts[which][:, None] + np.arange(n)]  # (cells, n): x.mean() row by row
        mean[which] = x.sum(axis=1) / n
        pos[which], neg[which] = (x >= POSITIVE).sum(axis=1) / n, (x <= NEGATIVE).sum(axis=1) / n
        if n >= min_entries:
            low[which], high[which] = mean_bootstrap(x, n_boot=n_boot, ci=ci, seed=seed)
    return pd.DataFrame({
        "group": np.repeat(np.array(order, dtype=object), k).tolist(),
        "actor": list(names) * len(order), "entries": size.astype(np.int64),
        "sentences": sentences.astype(np.int64), "mean": mean, "mean_low": low,
        "mean_high": high, "share_positive": pos, "share_negative": neg,
        "reliable": size >= min_entries}, columns=TONE_COLUMNS)


@plain_result
def tone_change(corpus: Any, *, baseline: str | list[str], target: str | list[str],
                actors: str | list[str] | None = None, column: str = "targeted",
                include_overview: bool = False, min_entries: int = MIN_ENTRIES,
                n_resamples: int = 9999, n_boot: int = 2000, ci: float = 0.95,
                seed: int = 0) -> pd.DataFrame:
    """Change in tone from ``baseline`` to ``target`` per actor, entries as the unit.

    ``baseline`` and ``target`` are report ids, periods (``"2024-03"``), years or lists of them
    (see :func:`analysis.measure.groups.resolve_reports`); they must not share a report.

    Each side's tone is the mean over its entries of the entry's tone for the actor (see
    :func:`tone`). The change is tested by exchanging entries between the sides
    (:func:`analysis.measure.intervals.permutation_p`: two-sided, exact when there are at most
    ``n_resamples`` distinct splits), its interval is a percentile bootstrap resampling each
    side's entries (:func:`analysis.measure.intervals.difference_bootstrap`), and the p-values
    of the actors tested are adjusted together with Holm's method (``p_adjusted``). With fewer
    than ``min_entries`` entries on a side there is no test and no interval.

    Returns
    -------
    DataFrame, one row per actor (in order): actor, entries_baseline, entries_target (entries
    about the actor), sentences_baseline, sentences_target, mean_baseline, mean_target,
    difference (``mean_target - mean_baseline``), difference_low, difference_high, p_value,
    p_adjusted (Holm, over the rows with a test), reliable (both sides have at least
    ``min_entries`` entries; when False the interval and p-values are NaN).
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    names = resolve_actors(corpus, actors)
    per_entry = entry_tone(corpus, names, column=column, include_overview=include_overview,
                           reports=[*base_ids, *target_ids])
    sides = {"baseline": set(base_ids), "target": set(target_ids)}
    by_actor = dict(list(per_entry.groupby(per_entry["actor"].astype(str), sort=False)))
    rows = []
    for actor in names:
        mine = by_actor.get(actor, per_entry.iloc[:0])
        y = mine[mine["report_id"].isin(sides["baseline"])]
        x = mine[mine["report_id"].isin(sides["target"])]
        xs, ys = x["score"].to_numpy(dtype=float), y["score"].to_numpy(dtype=float)
        reliable = len(xs) >= min_entries and len(ys) >= min_entries
        p = low = high = np.nan
        if reliable:
            both = np.concatenate([xs, ys])
            side = np.r_[np.ones(len(xs), bool), np.zeros(len(ys), bool)]
            p = float(permutation_p(both, np.ones(len(both)), side, n_resamples=n_resamples,
                                    seed=seed)[0])
            low, high = difference_bootstrap(xs, ys, n_boot=n_boot, ci=ci, seed=seed)
        mean_y = ys.mean() if len(ys) else np.nan
        mean_x = xs.mean() if len(xs) else np.nan
        rows.append((actor, len(ys), len(xs), int(y["sentences"].sum()), int(x["sentences"].sum()),
                     mean_y, mean_x, mean_x - mean_y, low, high, p, np.nan, reliable))
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    out["p_adjusted"] = holm(out["p_value"].to_numpy(dtype=float))
    return out
