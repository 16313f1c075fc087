"""Keyness: which words distinguish a target group of reports from a baseline.

Two statistics, side by side, on the term counts of the tokens table (stop words and pure
numbers dropped; optionally only the sentences that mention one actor, less the actors' names):

* the log-odds ratio with an informative Dirichlet prior and its z-score, Monroe, Colaresi &
  Quinn (2008), "Fightin' Words", Political Analysis 16(4):372-403, eqs. 22-24;
* Dunning's (1993) log-likelihood G2 on the full 2x2 table, with its chi-squared (1 df) p-value
  where the counts allow one.

Notation (the paper's): ``y_w^i`` count of term w in group i, ``n^i = sum_w y_w^i``; the prior is
``alpha_w = alpha_0 * pi_w`` with ``pi_w`` the term's relative frequency in target and baseline
pooled, so ``alpha_0 = sum_w alpha_w`` (the ``prior`` parameter).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analysis.measure.groups import (
    GroupError,
    ReportSpec,
    actor_sentences,
    group_labels,
    group_order,
    resolve_actors,
    resolve_pair,
    scope,
)
from analysis.text.tokenize import stem as snowball

__all__ = ["MIN_EXPECTED", "Z_CRITICAL", "beyond", "keyness", "keyness_by", "term_counts", "top_terms"]

KEYNESS_COLUMNS = ["term", "n_target", "n_baseline", "total_target", "total_baseline",
                   "log_odds", "z", "g2", "p_value", "reliable"]

#: Smallest expected cell count of the 2x2 table for which a chi-squared p-value is given
#: (Cochran's rule, as Rayson & Garside advise for G2).
MIN_EXPECTED = 5.0
#: The conventional cut-off of Monroe et al.'s z (two-sided 5% for one term, no adjustment).
Z_CRITICAL = 1.96


def term_counts(corpus: Any, *, actor: str | None = None, drop_actor_names: bool = True,
                stem: bool = False, include_overview: bool = False) -> pd.DataFrame:
    """Content-term counts per report: report_id, term, n (sorted by report_id, term).

    Tokens flagged ``is_stop`` and pure numbers (tokens of digits only) are dropped. With
    ``actor``, only tokens of sentences that mention the actor count and, with
    ``drop_actor_names`` (the default), less the tokens of every actor mention in those
    sentences: the actor's own aliases ("China", "Beijing", "Xi" ...), which are in every one of
    them, and the names of the other actors too ("united" and "states" of "United States",
    "south" and "korea" of "South Korea"), whose words are names, not vocabulary (which actors
    are named with it is :func:`analysis.cooccurrence.cooccurrence`'s question).
    ``drop_actor_names=False`` keeps every token, the actor's own names included. With ``stem``,
    terms are Snowball stems (:func:`analysis.tokens.stem`).
    """
    keep = scope(corpus, include_overview=include_overview)
    t = corpus.tokens
    t = t[t["entry_id"].isin(keep) & ~t["is_stop"].astype(bool)
          & ~t["token"].astype(str).str.fullmatch(r"\d+")]
    if actor is not None:
        (name,) = resolve_actors(corpus, [actor])
        where = actor_sentences(corpus, [name], include_overview=include_overview)
        t = t.merge(where[["entry_id", "sentence_idx"]], on=["entry_id", "sentence_idx"])
        if drop_actor_names:
            # a token inside any actor mention (of any actor) is part of a name
            names = corpus.mentions[["entry_id", "start", "end"]]
            spans = t.reset_index().merge(names, on="entry_id", suffixes=("", "_m"))
            inside = spans[(spans["start"] >= spans["start_m"]) & (spans["end"] <= spans["end_m"])]
            t = t.drop(index=inside["index"].unique())
    terms = t["token"].astype(str)
    if stem:
        terms = terms.map(snowball)
    counts = t.assign(term=terms).groupby(["report_id", "term"]).size().rename("n")
    return counts.reset_index().sort_values(["report_id", "term"]).reset_index(drop=True)


def _g2(a: np.ndarray, b: np.ndarray, n_t: float, n_b: float) -> tuple[np.ndarray, np.ndarray]:
    """Dunning's G2 = 2 sum O ln(O/E) over {a, n_t - a, b, n_b - b}; also the smallest E."""
    obs = np.stack([a, n_t - a, b, n_b - b]).astype(float)
    total = n_t + n_b
    rows = np.array([n_t, n_t, n_b, n_b], dtype=float)[:, None]
    cols = np.stack([a + b, total - a - b, a + b, total - a - b]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = rows * cols / total if total else np.zeros_like(obs)
        terms = np.where(obs > 0, obs * np.log(obs / expected), 0.0)
    return 2 * terms.sum(axis=0), expected.min(axis=0)


def _keyness(y_t: pd.Series, y_b: pd.Series, *, min_count: int, prior: float,
             top_n: int | None) -> pd.DataFrame:
    terms = sorted(set(y_t.index) | set(y_b.index))
    a = y_t.reindex(terms, fill_value=0).to_numpy(dtype=float)
    b = y_b.reindex(terms, fill_value=0).to_numpy(dtype=float)
    n_t, n_b = a.sum(), b.sum()
    if not terms:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    # Informative Dirichlet prior: alpha_w = alpha_0 * pi_w, pi_w pooled relative frequency.
    alpha0 = float(prior)
    alpha = alpha0 * (a + b) / (n_t + n_b)
    # MCQ eq. 22: delta_w = log[(y_t + a_w)/(n_t + a_0 - y_t - a_w)] - log[(y_b + a_w)/(n_b + ...)]
    delta = (np.log((a + alpha) / (n_t + alpha0 - a - alpha))
             - np.log((b + alpha) / (n_b + alpha0 - b - alpha)))
    # MCQ eqs. 23-24: var ~ 1/(y_t + a_w) + 1/(y_b + a_w); zeta = delta / sqrt(var)
    z = delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    g2, min_expected = _g2(a, b, n_t, n_b)
    sign = np.sign(a * n_b - b * n_t)  # + when the term is relatively more frequent in target
    reliable = min_expected >= MIN_EXPECTED
    p = np.where(reliable, stats.chi2.sf(g2, 1), np.nan)
    out = pd.DataFrame({"term": terms, "n_target": a.astype(int), "n_baseline": b.astype(int),
                        "total_target": int(n_t), "total_baseline": int(n_b),
                        "log_odds": delta, "z": z, "g2": sign * g2, "p_value": p,
                        "reliable": reliable})
    out = out[out["n_target"] + out["n_baseline"] >= min_count]
    out = out.sort_values(["z", "term"], ascending=[False, True], kind="stable")
    return top_terms(out, top_n) if top_n is not None else out.reset_index(drop=True)


def top_terms(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` terms of a :func:`keyness` table (sorted by z) most distinctive of each side:
    the ``n`` highest z above 0 (the target), then the ``n`` lowest z below 0 (the baseline)."""
    return pd.concat([table[table["z"] > 0].head(n),
                      table[table["z"] < 0].tail(n)]).reset_index(drop=True)


def beyond(table: pd.DataFrame, *, z: float = Z_CRITICAL) -> pd.DataFrame:
    """The rows of a :func:`keyness` table with ``|z| >= z`` (1.96: two-sided 5% for one term)."""
    return table[table["z"].abs() >= z].reset_index(drop=True)


def keyness(corpus: Any, *, target: ReportSpec, baseline: ReportSpec | None = None,
            actor: str | None = None, drop_actor_names: bool = True, min_count: int = 3,
            prior: float = 1000.0, stem: bool = False, top_n: int | None = None,
            include_overview: bool = False) -> pd.DataFrame:
    """Distinctive terms of ``target`` against ``baseline``.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``tokens``, ``mentions``
    target, baseline : report id, period ``"YYYY-MM"``, year (``"YYYY"`` or an int) or a list
        of them (one group); ``baseline=None`` pools every report not in the target.
    actor : only count the tokens of sentences that mention this actor.
    drop_actor_names : with ``actor``, leave out the tokens of every actor mention in those
        sentences (the actor's aliases and the other actors' names: "united", "states",
        "south", "korea" ...; see :func:`term_counts`); False keeps every token.
    min_count : drop terms seen fewer times in target and baseline together (a term seen twice
        cannot reach |z| > 1.96 under the default prior).
    prior : ``alpha_0``, the prior's total pseudo-count; larger values shrink more.
    stem : count Snowball stems instead of words.
    top_n : keep the ``top_n`` terms with the highest z (distinctive of the target) and the
        ``top_n`` with the lowest z (distinctive of the baseline); all terms when None.
    include_overview : count the overviews' tokens too.

    Returns
    -------
    DataFrame sorted by z descending, then term, with columns
    term; n_target, n_baseline (term counts); total_target, total_baseline (all counted terms);
    log_odds (MCQ eq. 22, target minus baseline); z (eqs. 23-24, ``log_odds / sqrt(var)``);
    g2 (Dunning's G2 on the 2x2 table [[n_target, total_target - n_target],
    [n_baseline, total_baseline - n_baseline]], positive when the term's relative frequency is
    higher in the target; ``abs(g2)`` equals ``scipy.stats.chi2_contingency(table,
    correction=False, lambda_="log-likelihood").statistic``); p_value (chi-squared, 1 df, of
    ``abs(g2)``); reliable (every expected cell count >= ``MIN_EXPECTED``; when False the
    p_value is NaN: with counts that small the chi-squared approximation means nothing).
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    counts = term_counts(corpus, actor=actor, drop_actor_names=drop_actor_names, stem=stem,
                         include_overview=include_overview)
    y_t = counts[counts["report_id"].isin(target_ids)].groupby("term")["n"].sum()
    y_b = counts[counts["report_id"].isin(base_ids)].groupby("term")["n"].sum()
    return _keyness(y_t, y_b, min_count=min_count, prior=prior, top_n=top_n)


def keyness_by(corpus: Any, *, by: str = "report_id", actor: str | None = None,
               drop_actor_names: bool = True, min_count: int = 3, prior: float = 1000.0,
               stem: bool = False, top_n: int | None = None,
               include_overview: bool = False) -> pd.DataFrame:
    """Each group of reports against all other reports pooled (as tidylo's ``bind_log_odds``).

    One call covers a series of reports. Same statistics as :func:`keyness`, with ``group`` (the
    value of ``by``) as first column; groups in chronological order, then z descending, term.
    Needs at least two groups.
    """
    labels = group_labels(corpus.reports, by=by)
    order = group_order(corpus.reports, labels)
    if len(order) < 2:
        raise GroupError(f"keyness_by needs at least two groups by {by!r}; found {order}")
    counts = term_counts(corpus, actor=actor, drop_actor_names=drop_actor_names, stem=stem,
                         include_overview=include_overview)
    counts = counts.assign(group=counts["report_id"].map(labels))
    parts = []
    for group in order:
        inside = counts["group"] == group
        part = _keyness(counts[inside].groupby("term")["n"].sum(),
                        counts[~inside].groupby("term")["n"].sum(),
                        min_count=min_count, prior=prior, top_n=top_n)
        parts.append(part.assign(group=group))
    out = pd.concat(parts, ignore_index=True)
    return out[["group", *KEYNESS_COLUMNS]]
