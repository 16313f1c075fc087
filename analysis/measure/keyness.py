"""Keyness: which terms distinguish a target group of reports from a baseline, entry by entry.

The terms are those of :mod:`analysis.measure.terms` (stop words, numbers and, by default, actor,
outlet and author names left out; words or bigrams). The entry (one summarized publication) is
the unit of evidence: a term's ``entries_target`` / ``entries_baseline`` count the entries that
hold it, ``reliable`` needs it in ``min_entries`` of them, and its ``p_value`` comes from
exchanging entries, not tokens, between the two sides. Statistics, side by side:

* the log-odds ratio with an informative Dirichlet prior and its z-score, Monroe, Colaresi &
  Quinn (2008), "Fightin' Words", Political Analysis 16(4):372-403, eqs. 22-24, the prior from a
  background (see :func:`keyness`, ``background`` and ``prior_strength``);
* Dunning's (1993) log-likelihood G2 on the full 2x2 table of token counts, with its chi-squared
  (1 df) p-value ``g2_p_value`` where Cochran's rule allows one;
* ``p_value``: a two-sided permutation test of the difference of the term's relative frequency,
  entries exchanged between the sides (:func:`analysis.measure.intervals.permutation_p`), and
  ``q_value``: Benjamini-Hochberg over the reliable terms of the table.

Notation (the paper's): ``y_w^i`` count of term w in group i, ``n^i = sum_w y_w^i``; the prior is
``alpha_w = alpha_0 * pi_w`` with ``pi_w`` the term's relative frequency in the background and
``alpha_0 = prior_strength * (n^target + n^baseline)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analysis.measure.groups import GroupError, ReportSpec, group_labels, group_order, resolve_pair
from analysis.measure.intervals import MIN_ENTRIES, benjamini_hochberg, permutation_p
from analysis.measure.terms import (
    corpus_totals,
    corpus_units,
    entry_terms,
    term_counts,
    unit_counts,
    unit_totals,
)
from analysis.tables import plain_result

__all__ = ["KEYNESS_COLUMNS", "MIN_EXPECTED", "N_RESAMPLES", "PRIOR_STRENGTH", "Q_CRITICAL",
           "Z_CRITICAL", "beyond", "distinctive", "keyness", "keyness_by", "shown_terms",
           "term_counts", "top_terms"]

KEYNESS_COLUMNS = ["term", "n_target", "n_baseline", "entries_target", "entries_baseline",
                   "total_target", "total_baseline", "log_odds", "z", "g2", "g2_p_value",
                   "p_value", "q_value", "reliable"]

#: Smallest expected cell count of the 2x2 table for which the chi-squared p-value of G2 is
#: given (Cochran's rule, as Rayson & Garside advise for G2).
MIN_EXPECTED = 5.0
#: The conventional cut-off of Monroe et al.'s z (two-sided 5% for one term, no adjustment).
Z_CRITICAL = 1.96
#: The false discovery rate :func:`distinctive` keeps terms at.
Q_CRITICAL = 0.05
#: Default ``prior_strength``: the prior is worth a quarter of the compared terms.
PRIOR_STRENGTH = 0.25
#: Default random splits of the permutation test (exact below this many distinct splits).
N_RESAMPLES = 9999
#: Pseudo-count of a term the background lacks (so that its ``alpha_w > 0``).
BACKGROUND_FLOOR = 0.5


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


def _background(corpus: Any, background: Any, opts: dict) -> pd.Series:
    """Background term counts (a Series term -> count) from None, a corpus, or counts."""
    if background is None or hasattr(background, "tokens"):
        return corpus_totals(corpus if background is None else background, **opts)
    if isinstance(background, pd.Series):
        return background.astype(float).groupby(level=0).sum()
    if isinstance(background, pd.DataFrame) and {"term", "n"} <= set(background.columns):
        return background.groupby("term", observed=True)["n"].sum().astype(float)
    raise TypeError("background: give None (every report of the corpus), a corpus (an object "
                    "with tokens, mentions, entries), a Series of counts indexed by term, or a "
                    "term_counts() table (columns term, n)")


def _keyness(counts: pd.DataFrame, target_ids: list[str], base_ids: list[str],
             prior: pd.Series, *, min_count: int, min_entries: int, prior_strength: float,
             n_resamples: int, seed: int, top_n: int | None) -> pd.DataFrame:
    """The keyness table of entry counts (report_id, entry_id, term, n) of the two sides."""
    counts = counts[counts["report_id"].isin([*target_ids, *base_ids])]
    if counts.empty:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    wide = counts.pivot_table(index="entry_id", columns="term", values="n", aggfunc="sum",
                              fill_value=0, observed=True).sort_index().sort_index(axis=1)
    terms = wide.columns.astype(str).tolist()
    if not terms:
        return pd.DataFrame(columns=KEYNESS_COLUMNS)
    report_of = counts.drop_duplicates("entry_id").set_index("entry_id")["report_id"]
    is_target = report_of.reindex(wide.index).isin(target_ids).to_numpy()
    y = wide.to_numpy(dtype=float)
    a, b = y[is_target].sum(axis=0), y[~is_target].sum(axis=0)
    e_t, e_b = (y[is_target] > 0).sum(axis=0), (y[~is_target] > 0).sum(axis=0)
    n_t, n_b = a.sum(), b.sum()
    # Informative Dirichlet prior: alpha_w = alpha_0 * pi_w, pi_w the background's relative
    # frequency (a term it lacks: BACKGROUND_FLOOR counts), alpha_0 relative to the data.
    bg = prior[prior > 0].astype(float)
    bg = pd.concat([bg, pd.Series(BACKGROUND_FLOOR, index=sorted(set(terms) - set(bg.index)),
                                  dtype=float)])
    alpha0 = float(prior_strength) * (n_t + n_b)
    alpha = alpha0 * bg.reindex(terms).to_numpy() / bg.sum()
    # MCQ eq. 22: delta_w = log[(y_t + a_w)/(n_t + a_0 - y_t - a_w)] - log[(y_b + a_w)/(n_b + ...)]
    delta = (np.log((a + alpha) / (n_t + alpha0 - a - alpha))
             - np.log((b + alpha) / (n_b + alpha0 - b - alpha)))
    # MCQ eqs. 23-24: var ~ 1/(y_t + a_w) + 1/(y_b + a_w); zeta = delta / sqrt(var)
    z = delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    g2, min_expected = _g2(a, b, n_t, n_b)
    sign = np.sign(a * n_b - b * n_t)  # + when the term is relatively more frequent in target
    out = pd.DataFrame({"term": terms, "n_target": a.astype(int), "n_baseline": b.astype(int),
                        "entries_target": e_t.astype(int), "entries_baseline": e_b.astype(int),
                        "total_target": int(n_t), "total_baseline": int(n_b),
                        "log_odds": delta, "z": z, "g2": sign * g2,
                        "g2_p_value": np.where(min_expected >= MIN_EXPECTED,
                                               stats.chi2.sf(g2, 1), np.nan),
                        "reliable": e_t + e_b >= min_entries})
    kept = (a + b >= min_count)
    out, y = out[kept].reset_index(drop=True), y[:, kept]
    # Entry permutation: statistic sum_t y / sum_t n - sum_b y / sum_b n, entries exchanged.
    # Terms with the same counts in every entry have the same p: each pattern is tested once.
    patterns, which = np.unique(y.T, axis=0, return_inverse=True)
    den = np.repeat(wide.to_numpy(dtype=float).sum(axis=1, keepdims=True), len(patterns), axis=1)
    testable = min(is_target.sum(), (~is_target).sum()) >= 2  # scipy's least per side
    out["p_value"] = (permutation_p(patterns.T, den, is_target, n_resamples=n_resamples,
                                    seed=seed)[which.ravel()] if testable else np.nan)
    out["q_value"] = np.where(out["reliable"],
                              benjamini_hochberg(out["p_value"].where(out["reliable"])), np.nan)
    out = out[KEYNESS_COLUMNS].sort_values(["z", "term"], ascending=[False, True], kind="stable")
    return top_terms(out, top_n) if top_n is not None else out.reset_index(drop=True)


def top_terms(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The ``n`` terms of a :func:`keyness` table (sorted by z) most distinctive of each side:
    the ``n`` highest z above 0 (the target), then the ``n`` lowest z below 0 (the baseline,
    the lowest last). A term of z 0 belongs to neither side."""
    return pd.concat([table[table["z"] > 0].head(n),
                      table[table["z"] < 0].tail(n)]).reset_index(drop=True)


def distinctive(table: pd.DataFrame, n: int | None = None, *,
                q: float = Q_CRITICAL) -> pd.DataFrame:
    """The terms of a :func:`keyness` table that survive scrutiny: ``reliable`` (seen in at least
    ``min_entries`` entries) and ``q_value < q`` (Benjamini-Hochberg, 5% false discovery rate by
    default); the side is the sign of z. Shaped as :func:`top_terms`: the ``n`` of the target
    (z descending), then the ``n`` of the baseline (lowest z last); every such term when
    ``n`` is None. May well be empty: a dozen entries a side is little evidence."""
    passed = table[table["reliable"].astype(bool) & (table["q_value"] < q)]
    return top_terms(passed, len(passed) if n is None else n)


def shown_terms(table: pd.DataFrame, n: int, *, q: float = Q_CRITICAL) -> tuple[pd.DataFrame, str]:
    """The ``n`` terms a page shows for each side, and the line that says what they are: the
    :func:`distinctive` ones when any pass, else the reliable terms with the largest |z|,
    labelled as leaning words, not findings."""
    found = distinctive(table, n, q=q)
    if len(found):
        return found, f"{len(found)} words distinctive at q < {q}"
    return (top_terms(table[table["reliable"].astype(bool)], n),
            (f"No word is distinctive at q < {q} (false discovery rate over the "
            f"{int(table['reliable'].sum())} reliable words tested); leaning words, not findings:"))


def beyond(table: pd.DataFrame, *, z: float = Z_CRITICAL) -> pd.DataFrame:
    """The rows of a :func:`keyness` table with ``|z| >= z`` (1.96: two-sided 5% for one term,
    no adjustment for the many terms: :func:`distinctive` is the adjusted choice)."""
    return table[table["z"].abs() >= z].reset_index(drop=True)


@plain_result
def keyness(corpus: Any, *, target: ReportSpec, baseline: ReportSpec | None = None,
            actor: str | None = None, drop_names: bool = True, ngram: int = 1,
            stem: bool = False, min_count: int = 3, min_entries: int = MIN_ENTRIES,
            background: Any = None, prior_strength: float = PRIOR_STRENGTH,
            n_resamples: int = N_RESAMPLES, seed: int = 0, top_n: int | None = None,
            include_overview: bool = False) -> pd.DataFrame:
    """Distinctive terms of ``target`` against ``baseline``.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``tokens``, ``mentions``
    target, baseline : report id, period ``"YYYY-MM"``, year (``"YYYY"`` or an int) or a list
        of them (one group); ``baseline=None`` pools every report not in the target.
    actor : only count the terms of sentences that mention this actor.
    drop_names : leave out actor mentions (every actor's), outlet names and author names (True,
        the default); False keeps them, each actor mention one term ("united states"). See
        :mod:`analysis.measure.terms`.
    ngram : 1 words, 2 bigrams of adjacent content words of a sentence (same statistics).
    stem : count Snowball stems instead of words.
    min_count : drop terms seen fewer times in target and baseline together.
    min_entries : a term is ``reliable`` when the entries holding it, target and baseline
        together (``entries_target + entries_baseline``), are at least this many (default 3).
    background : where ``pi_w`` comes from. None (default): every report of ``corpus``, all
        entries in scope (not only target and baseline, and, with ``actor``, all their
        sentences, not only the actor's); a corpus (e.g. ``load_corpus("past_reports")``),
        counted with the same options; or term counts: a Series indexed by term or a
        :func:`term_counts` table (term, n), which must be counted as this call counts.
        A term the background lacks gets ``BACKGROUND_FLOOR`` (0.5) counts.
    prior_strength : ``alpha_0 / (n_target + n_baseline)``, the prior's weight relative to the
        compared data; each side gets ``alpha_w = alpha_0 * pi_w`` pseudo-counts. In MCQ's
        Dirichlet posterior (expected share of w: ``(y_w + alpha_w) / (n + alpha_0)``)
        ``alpha_0`` is counted in words beside ``n``, so what it does depends on ``alpha_0 / n``: a fixed ``alpha_0``
        (the old ``prior=1000``, about a quarter of the 2021-11 vs 2024-03 samples but three
        times the sentences about one actor) shrinks a small subset far more than a large
        one. Scaling it with the data gives every comparison the same shrinkage, so z-scores
        are comparable across actors and reports. How results move: larger values pull every
        ``log_odds`` towards 0, most for the terms seen on one side only (mostly rare terms:
        "11 vs 0" falls from 1.64 at 0.25 to 0.71 at 1 on the samples), and from the default
        upwards every ``|z|`` falls too; towards 0 the ``z`` of a term absent from one side
        falls as well (its variance ``1 / (0 + alpha_w)`` grows without bound: the prior is
        what makes a zero count usable). Ranks change little between 0.1 and 1. Must be
        positive. Default 0.25: the weight the old fixed prior had on the whole samples.
    n_resamples, seed : random entry splits of the permutation test (exact when the entries
        allow no more distinct splits) and the seed of its generator; results are identical
        run to run. A random-split p is never below ``1 / (n_resamples + 1)``, so with m
        reliable terms no q-value can fall below ``m / (n_resamples + 1)``: the default 9999
        lets q reach 0.05 with up to 500 tested terms; raise it for larger tables.
    top_n : keep the ``top_n`` terms with the highest z and the ``top_n`` with the lowest z.
    include_overview : count the overviews' terms too.

    Returns
    -------
    DataFrame sorted by z descending, then term, one row per term seen ``min_count`` times:
    term; n_target, n_baseline (term counts); entries_target, entries_baseline (entries holding
    the term); total_target, total_baseline (all counted terms of the side);
    log_odds (MCQ eq. 22, target minus baseline); z (eqs. 23-24, ``log_odds / sqrt(var)``);
    g2 (Dunning's G2 on the 2x2 table [[n_target, total_target - n_target], [n_baseline,
    total_baseline - n_baseline]], positive when the term's relative frequency is higher in the
    target; ``abs(g2)`` equals ``scipy.stats.chi2_contingency(table, correction=False,
    lambda_="log-likelihood").statistic``); g2_p_value (chi-squared, 1 df, of ``abs(g2)``; NaN
    when an expected count is below ``MIN_EXPECTED``; tokens as independent, so only a
    description); p_value (entry permutation test, two-sided: entries with a counted term are
    exchanged between the sides, statistic ``n_target/total_target - n_baseline/total_baseline``
    over the entries of each side; every term gets one, and a term of one or two entries
    cannot get a small one; NaN for all when a side has fewer than two entries with a counted
    term); q_value (Benjamini-Hochberg over the reliable terms of this table,
    ``scipy.stats.false_discovery_control``; NaN for the others: leaving out terms by their
    number of entries, which no exchange of entries changes, is the independent filtering of
    Bourgon, Gentleman & Huber 2010, PNAS 107:9546); reliable (``entries_target +
    entries_baseline >= min_entries``).
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    opts = {"drop_names": drop_names, "ngram": ngram, "stem": stem,
            "include_overview": include_overview}
    _check(prior_strength)
    counts, prior = _counts_and_prior(corpus, actor, background, opts, [*target_ids, *base_ids])
    return _keyness(counts, target_ids, base_ids, prior, min_count=min_count,
                    min_entries=min_entries, prior_strength=prior_strength,
                    n_resamples=n_resamples, seed=seed, top_n=top_n)


def _counts_and_prior(corpus: Any, actor: str | None, background: Any, opts: dict,
                      reports: list[str] | None) -> tuple[pd.DataFrame, pd.Series]:
    """Entry term counts of ``reports`` (all: the units found once for both) and the prior."""
    if background is None and actor is None and reports is None:
        units = corpus_units(corpus, **opts)
        return unit_counts(units, opts["ngram"]), unit_totals(units, opts["ngram"])
    return (entry_terms(corpus, actor=actor, reports=reports, **opts),
            _background(corpus, background, opts))


def _check(prior_strength: float) -> None:
    if not prior_strength > 0:
        raise ValueError(f"prior_strength={prior_strength!r}: give a positive number, such as "
                         f"{PRIOR_STRENGTH} (the prior's weight relative to the data)")


@plain_result
def keyness_by(corpus: Any, *, by: str = "report_id", actor: str | None = None,
               drop_names: bool = True, ngram: int = 1, stem: bool = False,
               min_count: int = 3, min_entries: int = MIN_ENTRIES, background: Any = None,
               prior_strength: float = PRIOR_STRENGTH, n_resamples: int = N_RESAMPLES,
               seed: int = 0, top_n: int | None = None,
               include_overview: bool = False) -> pd.DataFrame:
    """Each group of reports against all other reports pooled (as tidylo's ``bind_log_odds``).

    One call covers a series of reports. Same statistics and options as :func:`keyness`, with
    ``group`` (the value of ``by``) as first column; groups in chronological order, then z
    descending, term; q-values per group (each group's table is its own family). Needs at least
    two groups.
    """
    labels = group_labels(corpus.reports, by=by)
    order = group_order(corpus.reports, labels)
    if len(order) < 2:
        raise GroupError(f"keyness_by needs at least two groups by {by!r}; found {order}")
    _check(prior_strength)
    opts = {"drop_names": drop_names, "ngram": ngram, "stem": stem,
            "include_overview": include_overview}
    counts, prior = _counts_and_prior(corpus, actor, background, opts, None)
    parts = []
    for group in order:
        inside = [r for r, g in labels.items() if g == group]
        rest = [r for r, g in labels.items() if g != group]
        part = _keyness(counts, inside, rest, prior, min_count=min_count,
                        min_entries=min_entries, prior_strength=prior_strength,
                        n_resamples=n_resamples, seed=seed, top_n=top_n)
        parts.append(part.assign(group=group))
    out = pd.concat(parts, ignore_index=True)
    return out[["group", *KEYNESS_COLUMNS]]
