"""Compare: the headline table of what changed for each actor between a baseline and a target.

One row per actor puts side by side, for the baseline and the target (each a report, a period,
a year or a list of them): attention (share of entries with its Wilson interval, the change with
Newcombe's interval, mentions per 1,000 tokens), tone (mean over entries of the tone aimed at
the actor, with its interval; the change with its interval, entry-permutation p-value and Holm
adjustment across the actors of the comparison's family: ``family``, the plan's actor list in the
batch, so a comparison gives the same adjusted p wherever it is asked), the terms most distinctive of each side in the actor's sentences
(Fightin' Words z), and the entries behind it all, ranked by how often they mention the actor.
The entry is the unit throughout; below ``min_entries`` entries on a side there is no tone
interval and no test (``tone_reliable`` False). ``evidence`` lists
those entries as a table, with their outlet, issue, date and authors; :mod:`analysis.measure.summary`
puts a comparison into words.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.measure.attention import _attention
from analysis.measure.groups import (
    ReportSpec,
    actor_sentences,
    resolve_actors,
    resolve_pair,
    scope,
)
from analysis.measure.id_lookup import isin
from analysis.measure.intervals import MIN_ENTRIES, newcombe
from analysis.measure.keyness import PRIOR_STRENGTH, _keyness, distinctive
from analysis.measure.terms import corpus_totals, corpus_units, unit_counts
from analysis.measure.tone import _tone, tone_change
from analysis.tables import plain_result

__all__ = ["EVIDENCE_COLUMNS", "SIDES", "compare", "evidence"]

SIDES = ("baseline", "target")


EVIDENCE_COLUMNS = ["side", "entry_id", "report_id", "outlet", "issue", "pub_date", "authors",
                    "mentions"]


def _evidence(mentions: pd.DataFrame, ids: list[str], actor: str,
              keep: set[str] | None) -> pd.Series:
    """Mentions of ``actor`` per entry of the reports ``ids`` (entries in ``keep`` that mention
    it; ``keep=None``: the mentions are of such entries already), ranked: mentions descending,
    then entry_id. The one ranking of the evidence."""
    m = mentions
    m = m[m["report_id"].isin(ids) & (m["actor"] == actor)]
    if keep is not None:
        m = m[isin(m["entry_id"], keep)]
    counts = m.groupby("entry_id", observed=True).size().astype("int64")
    order = sorted(counts.index, key=lambda e: (-counts[e], e))
    return counts.reindex(order).rename("mentions")


@plain_result
def evidence(corpus: Any, *, baseline: ReportSpec, target: ReportSpec, actor: str,
             include_overview: bool = False) -> pd.DataFrame:
    """The entries behind :func:`compare` for one actor: every entry of each side mentioning it.

    Parameters
    ----------
    corpus : Corpus or any object with ``reports``, ``entries``, ``mentions``
    baseline, target : report id, period ``"YYYY-MM"``, year (``"YYYY"`` or an int) or a list
        (one group each), resolved as in :func:`compare`
    actor : one actor, any case (an unknown name raises
        :class:`analysis.groups.UnknownValueError` listing the known ones)
    include_overview : list the overviews too

    Returns
    -------
    DataFrame, one row per side and entry mentioning the actor, with columns side
    (``"baseline"`` or ``"target"``), entry_id, report_id, outlet, issue, pub_date, authors (as
    in the entries table) and mentions (the actor's mentions in the entry); sorted by side
    (baseline first), mentions descending, entry_id: per side the order of compare's
    ``evidence_baseline`` and ``evidence_target`` lists.
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    (name,) = resolve_actors(corpus, [actor])
    keep = scope(corpus, include_overview=include_overview)
    entries = corpus.entries.set_index("entry_id")
    parts = []
    for side, ids in zip(SIDES, (base_ids, target_ids), strict=True):
        counts = _evidence(corpus.mentions, ids, name, keep)
        rows = entries.loc[counts.index, EVIDENCE_COLUMNS[2:-1]]
        parts.append(rows.assign(side=side, mentions=counts).rename_axis("entry_id")
                     .reset_index())
    out = pd.concat(parts, ignore_index=True)[EVIDENCE_COLUMNS]
    return out.astype({"mentions": "int64"})


@plain_result
def compare(corpus: Any, *, baseline: ReportSpec, target: ReportSpec,
            actors: str | list[str] | None = None, family: str | list[str] | None = None,
            top_n: int = 5,
            include_overview: bool = False, min_entries: int = MIN_ENTRIES,
            n_boot: int = 2000, ci: float = 0.95, seed: int = 0,
            n_resamples: int = 9999) -> pd.DataFrame:
    """What changed for each actor from ``baseline`` to ``target``.

    Parameters
    ----------
    corpus : Corpus or any object with the six tables
    baseline, target : report id, period ``"YYYY-MM"``, year (``"YYYY"`` or an int) or a list
        (one group each)
    actors : actors in output order; by default every mentioned actor, ordered by entries
        mentioning it on both sides together (descending), then name
    family : the actors whose tone tests are adjusted together (Holm's method): the family of
        the multiple comparison, the same for a comparison wherever it is asked (the batch's is
        the plan's actor list). The actors compared that it lacks are added to it; None: the
        actors compared. An actor's p-value does not depend on which others are in the family;
        its adjusted p does.
    top_n : distinctive terms listed per side
    include_overview : count the overviews too
    min_entries : fewest entries about the actor on a side for a tone interval and test
    n_boot, ci, seed, n_resamples : as in :func:`analysis.measure.attention.attention` and
        :func:`analysis.measure.tone.tone_change`

    Returns
    -------
    DataFrame, one row per actor. For each side ``s`` in (baseline, target):
    n_entries_s (entries of the side), entries_s (entries mentioning the actor), share_s,
    share_low_s, share_high_s (share of entries and its Wilson interval), per_1k_s (mentions
    per 1,000 tokens), tone_entries_s (entries with a sentence about the actor: the n of the
    tone), sentences_s, tone_s, tone_low_s, tone_high_s (mean over entries of the tone aimed at
    the actor, its entry-bootstrap interval; NaN below ``min_entries``), terms_s (up to
    ``top_n`` terms distinctive of that side in the actor's sentences:
    :func:`analysis.measure.keyness.distinctive`, in ``min_entries`` entries and q < 0.05),
    leads_s (up to ``top_n`` more terms leaning that way: in ``min_entries`` entries with an
    entry-permutation p < 0.05 before adjustment for the terms tested; leads, not findings),
    evidence_s (ids of the side's entries mentioning
    the actor, by mentions descending then id; :func:`evidence` gives them as a table).
    Changes (target minus baseline): share_change with share_change_low, share_change_high
    (Newcombe's hybrid score interval), per_1k_change, tone_change with tone_change_low,
    tone_change_high, tone_p_value (entries exchanged between the sides), tone_p_adjusted (Holm,
    across the actors of the family that have a test), tone_reliable (both sides have
    ``min_entries`` entries about the actor; when False the tone interval and p-values are NaN)
    and tone_family (the actors of the family that have a test, in family order: the m of
    Holm's adjustment is its length; the same list on every row).
    """
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    names = resolve_actors(corpus, actors)
    members = [*resolve_actors(corpus, family if family is not None else names)]
    members += [n for n in names if n not in members]
    labels = {**{r: "baseline" for r in base_ids}, **{r: "target" for r in target_ids}}
    opts = {"include_overview": include_overview, "n_boot": n_boot, "ci": ci, "seed": seed}
    att = _attention(corpus, labels, actors=names, **opts).set_index(["group", "actor"])
    ton = _tone(corpus, labels, actors=names, column="targeted", min_entries=min_entries, **opts)
    ton = ton.set_index(["group", "actor"])
    change = tone_change(corpus, baseline=base_ids, target=target_ids, actors=members,
                         min_entries=min_entries, n_resamples=n_resamples,
                         **opts).set_index("actor")
    keep = scope(corpus, include_overview=include_overview)
    ids = [*base_ids, *target_ids]
    m = corpus.mentions
    mentions = m[isin(m["report_id"], ids) & isin(m["entry_id"], keep)]
    # keyness(corpus, target, baseline, actor=...) of every actor, the corpus counted once: the
    # background (every report) and the content units of the two sides, then per actor the
    # units of its sentences.
    opts = {"drop_names": True, "ngram": 1, "stem": False, "include_overview": include_overview}
    prior = corpus_totals(corpus, **opts)
    units = corpus_units(corpus, reports=ids, **opts)
    about = actor_sentences(corpus, names, include_overview=include_overview)
    about = about[about["report_id"].isin(ids)]
    tested = [a for a in members if bool(change.at[a, "reliable"])]
    rows = []
    for actor in names:
        row: dict[str, Any] = {"actor": actor}
        where = about.loc[about["actor"] == actor, ["entry_id", "sentence_idx"]]
        counts = unit_counts(units.merge(where, on=["entry_id", "sentence_idx"]))
        table = _keyness(counts, target_ids, base_ids, prior, min_count=3,
                         min_entries=min_entries, prior_strength=PRIOR_STRENGTH,
                         n_resamples=n_resamples, seed=seed, top_n=None)
        terms = distinctive(table)
        leaning = table[table["reliable"].astype(bool) & (table["p_value"] < 0.05)]
        for side, side_ids in zip(SIDES, (base_ids, target_ids), strict=True):
            a, t = att.loc[(side, actor)], ton.loc[(side, actor)]
            row[f"n_entries_{side}"] = int(a["n_entries"])
            row[f"entries_{side}"] = int(a["entries"])
            for col in ("share", "share_low", "share_high", "per_1k"):
                row[f"{col}_{side}"] = float(a[col])
            row[f"tone_entries_{side}"] = int(t["entries"])
            row[f"sentences_{side}"] = int(t["sentences"])
            row[f"tone_{side}"] = float(t["mean"])
            row[f"tone_low_{side}"] = float(t["mean_low"])
            row[f"tone_high_{side}"] = float(t["mean_high"])
            picked = (terms[terms["z"] > 0] if side == "target"
                      else terms[terms["z"] < 0].iloc[::-1])
            row[f"terms_{side}"] = picked["term"].head(top_n).tolist()
            lean = (leaning[leaning["z"] > 0] if side == "target"
                    else leaning[leaning["z"] < 0].iloc[::-1])
            row[f"leads_{side}"] = [t for t in lean["term"] if t not in row[f"terms_{side}"]][:top_n]
            row[f"evidence_{side}"] = _evidence(mentions, side_ids, actor, None).index.tolist()
        row["share_change"] = row["share_target"] - row["share_baseline"]
        low, high = newcombe(row["entries_baseline"], row["n_entries_baseline"],
                             row["entries_target"], row["n_entries_target"], ci=ci)
        row["share_change_low"], row["share_change_high"] = float(low), float(high)
        row["per_1k_change"] = row["per_1k_target"] - row["per_1k_baseline"]
        for col, source in (("tone_change", "difference"), ("tone_change_low", "difference_low"),
                            ("tone_change_high", "difference_high"),
                            ("tone_p_value", "p_value"), ("tone_p_adjusted", "p_adjusted")):
            row[col] = float(change.at[actor, source])
        row["tone_reliable"] = bool(change.at[actor, "reliable"])
        row["tone_family"] = list(tested)
        rows.append(row)
    out = pd.DataFrame(rows, columns=_columns())
    if actors is None:
        seen = out["entries_baseline"] + out["entries_target"]
        out = out.assign(_seen=-seen).sort_values(["_seen", "actor"]).drop(columns="_seen")
    return out.reset_index(drop=True)


def _columns() -> list[str]:
    per_side = ["n_entries", "entries", "share", "share_low", "share_high", "per_1k",
                "tone_entries", "sentences", "tone", "tone_low", "tone_high", "terms", "leads",
                "evidence"]
    cols = ["actor"]
    for stem in per_side:
        cols += [f"{stem}_{side}" for side in SIDES]
    return cols + ["share_change", "share_change_low", "share_change_high", "per_1k_change",
                   "tone_change", "tone_change_low", "tone_change_high", "tone_p_value",
                   "tone_p_adjusted", "tone_reliable", "tone_family"]
