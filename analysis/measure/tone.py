"""Tone: the VADER compound score of the sentences that mention an actor.

Scores come from the annotation layer (``sentences.tone`` and ``sentences.tone_masked``, the
latter with actor names neutralized before scoring; Hutto & Gilbert 2014, NLTK's VADER). A
sentence that mentions an actor twice counts once for that actor. ``tone`` summarizes per group
with a cluster (entry) bootstrap interval; ``tone_change`` tests the difference between a baseline
and a target with a permutation test.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analysis.measure.groups import (
    actor_sentences,
    group_labels,
    group_order,
    resolve_actors,
    resolve_pair,
)
from analysis.measure.intervals import entry_bootstrap

__all__ = ["NEGATIVE", "POSITIVE", "tone", "tone_change"]

#: VADER's conventional thresholds on the compound score (vaderSentiment README).
POSITIVE, NEGATIVE = 0.05, -0.05

TONE_COLUMNS = ["group", "actor", "sentences", "entries", "mean", "mean_low", "mean_high",
                "share_positive", "share_negative"]
CHANGE_COLUMNS = ["actor", "n_baseline", "n_target", "mean_baseline", "mean_target",
                  "difference", "p_value", "reliable"]


def _scored(corpus: Any, names: list[str], column: str, include_overview: bool) -> pd.DataFrame:
    if column not in ("tone", "tone_masked"):
        raise ValueError(f"column must be 'tone' or 'tone_masked', not {column!r}")
    pairs = actor_sentences(corpus, names, include_overview=include_overview)
    scores = corpus.sentences[["entry_id", "sentence_idx", column]]
    out = pairs.merge(scores, on=["entry_id", "sentence_idx"], how="inner", validate="many_to_one")
    return out.rename(columns={column: "score"}).dropna(subset=["score"])


def tone(corpus: Any, *, by: str = "report_id", actors: str | list[str] | None = None,
         column: str = "tone_masked", include_overview: bool = False, n_boot: int = 2000,
         ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Tone of the sentences mentioning each actor, per group of reports.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``sentences``, ``mentions``
    by : {"report_id", "period", "year", "country"}
    actors : actors in output order; all mentioned actors (sorted) by default
    column : {"tone_masked", "tone"}
        Sentence score to average; the masked score (actor names neutralized) by default.
    include_overview : bool
        Count the overview's sentences too.
    n_boot, ci, seed : see :func:`analysis.measure.intervals.entry_bootstrap`.

    Returns
    -------
    DataFrame, one row per group and actor (all pairs), groups chronological then actors in
    order: group, actor, sentences (sentences mentioning the actor), entries (entries holding
    them: the bootstrap's n), mean (mean compound), mean_low, mean_high (percentile bootstrap
    over entries of ``sum(scores) / count`` — a cluster bootstrap, since sentences of one entry
    are not independent), share_positive (compound >= 0.05), share_negative (<= -0.05).
    Statistics are NaN when the actor has no sentence in the group.
    """
    return _tone(corpus, group_labels(corpus.reports, by=by), actors=actors, column=column,
                 include_overview=include_overview, n_boot=n_boot, ci=ci, seed=seed)


def _tone(corpus: Any, labels: dict[str, str], *, actors, column: str, include_overview: bool,
          n_boot: int, ci: float, seed: int) -> pd.DataFrame:
    names = resolve_actors(corpus, actors)
    scored = _scored(corpus, names, column, include_overview)
    scored = scored.assign(group=scored["report_id"].map(labels))
    rows = []
    for group in group_order(corpus.reports, labels):
        in_group = scored[scored["group"] == group]
        for actor in names:
            s = in_group[in_group["actor"] == actor]
            per_entry = s.groupby("entry_id")["score"].agg(["sum", "count"]).sort_index()
            low, high = entry_bootstrap(per_entry["sum"].to_numpy(),
                                        per_entry["count"].to_numpy(),
                                        n_boot=n_boot, ci=ci, seed=seed)
            n = len(s)
            x = s["score"].to_numpy(dtype=float)
            rows.append((group, actor, n, len(per_entry),
                         x.mean() if n else np.nan, float(low), float(high),
                         (x >= POSITIVE).mean() if n else np.nan,
                         (x <= NEGATIVE).mean() if n else np.nan))
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def _mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def tone_change(corpus: Any, *, baseline: str | list[str], target: str | list[str],
                actors: str | list[str] | None = None, column: str = "tone_masked",
                include_overview: bool = False, n_resamples: int = 9999,
                seed: int = 0) -> pd.DataFrame:
    """Change in mean tone from ``baseline`` to ``target`` per actor, with a permutation test.

    ``baseline`` and ``target`` are report ids, periods (``"2024-03"``), years or lists of them
    (see :func:`analysis.groups.resolve_reports`); they must not share a report.

    The test is ``scipy.stats.permutation_test`` on the sentence scores of the two sides
    (``permutation_type="independent"``, two-sided, statistic: difference of means, exact when
    there are fewer distinct splits than ``n_resamples``; generator ``default_rng(seed)``). It
    treats sentences as exchangeable, which ignores their clustering in entries: read small p
    values with the entry counts of :func:`tone` at hand.

    Returns
    -------
    DataFrame, one row per actor (in order): actor, n_baseline, n_target (sentences),
    mean_baseline, mean_target, difference (``mean_target - mean_baseline``), p_value,
    reliable (False when a side has fewer than 2 sentences; p_value is NaN then).
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    names = resolve_actors(corpus, actors)
    scored = _scored(corpus, names, column, include_overview)
    rows = []
    for actor in names:
        s = scored[scored["actor"] == actor]
        x = s.loc[s["report_id"].isin(target_ids), "score"].to_numpy(dtype=float)
        y = s.loc[s["report_id"].isin(base_ids), "score"].to_numpy(dtype=float)
        reliable = len(x) >= 2 and len(y) >= 2
        p = np.nan
        if reliable:
            p = stats.permutation_test((x, y), _mean_difference, vectorized=True,
                                       permutation_type="independent", alternative="two-sided",
                                       n_resamples=n_resamples,
                                       rng=np.random.default_rng(seed)).pvalue
        mean_y = y.mean() if len(y) else np.nan
        mean_x = x.mean() if len(x) else np.nan
        rows.append((actor, len(y), len(x), mean_y, mean_x, mean_x - mean_y, float(p), reliable))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)
