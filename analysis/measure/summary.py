"""The words of a comparison: a :func:`analysis.measure.compare.compare` table as readable text.

Numbers are formatted by :mod:`analysis.measure.headlines` (shares, points, signed tone), so the
terminal, the pages and the index print the same figures for the same comparison.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.measure.headlines import pct as _pct
from analysis.measure.headlines import points as _points
from analysis.measure.headlines import signed as _signed

__all__ = ["describe_attention", "describe_authors", "describe_evidence", "describe_keyness",
           "describe_outlets", "describe_tone_change", "summary"]




def _when(row: pd.Series) -> str:
    """The date of an entry (YYYY-MM-DD) or else its issue, '' when it has neither."""
    date = row.get("pub_date")
    if date is not None and not pd.isna(date):
        return pd.Timestamp(date).strftime("%Y-%m-%d")
    issue = row.get("issue")
    return issue if isinstance(issue, str) and issue.strip() else ""


def _describe(entries: pd.DataFrame, entry_id: str) -> str:
    row = entries.loc[entry_id]
    authors = row["authors"] if isinstance(row["authors"], list | tuple) else list(row["authors"] or [])
    who = ", ".join(authors) if len(authors) else "no author named"
    outlet = row["outlet"] if isinstance(row["outlet"], str) else "unknown outlet"
    when = _when(row)
    return f"{entry_id} ({outlet}{' ' + when if when else ''}; {who})"


def _clear(low: float, high: float, p_adjusted: float | None = None, *, alpha: float = 0.05) -> bool:
    """A change is clear when its interval excludes 0 (and, with a test, the adjusted p < alpha)."""
    if pd.isna(low) or pd.isna(high) or low <= 0 <= high:
        return False
    return p_adjusted is None or (not pd.isna(p_adjusted) and p_adjusted < alpha)


def _verdict(change: float, clear: bool, what: str) -> str:
    if not clear:
        return "no clear change"
    return f"a clear {'rise' if change > 0 else 'fall'} in {what}"


def attention_line(row: dict) -> str:
    """The attention line of :func:`summary` for one row of a compare table."""
    b, t = "baseline", "target"
    change = row["share_change"]
    clear = _clear(row["share_change_low"], row["share_change_high"])
    return (f"  attention: {row['entries_' + b]}/{row['n_entries_' + b]} entries "
            f"({_pct(row['share_' + b])}, 95% CI {_pct(row['share_low_' + b])}-"
            f"{_pct(row['share_high_' + b])}) -> {row['entries_' + t]}/{row['n_entries_' + t]} "
            f"({_pct(row['share_' + t])}, {_pct(row['share_low_' + t])}-"
            f"{_pct(row['share_high_' + t])}); change {_points(change)} points (95% CI "
            f"{_points(row['share_change_low'])} to {_points(row['share_change_high'])}): "
            f"{_verdict(change, clear, 'the share of entries')}; mentions per 1,000 tokens "
            f"{row['per_1k_' + b]:.1f} -> {row['per_1k_' + t]:.1f}")


def _actors(n: int) -> str:
    return f"{n} actor{'' if n == 1 else 's'}"


def tone_line(row: dict, *, tested: int | None = None, min_entries: int = 3) -> str:
    """The tone line of :func:`summary` for one row of a compare table: the family of the Holm
    adjustment named beside the adjusted p (``row["tone_family"]``; ``tested``, its size, when
    the row has no such column)."""
    b, t = "baseline", "target"

    def side(s: str) -> str:
        n = row[f"tone_entries_{s}"]
        interval = (f" [{_signed(row['tone_low_' + s])}, {_signed(row['tone_high_' + s])}]"
                    if not pd.isna(row["tone_low_" + s]) else "")
        return f"{_signed(row['tone_' + s])}{interval} in {n} entr{'y' if n == 1 else 'ies'}"

    head = f"  tone aimed at {row['actor']} (mean over entries): {side(b)} -> {side(t)}"
    if not row["tone_reliable"]:
        return (f"{head}; too few entries for a test (fewer than {min_entries} on a side): "
                "no clear change")
    family = row.get("tone_family")
    over = (f"a family of {_actors(len(family))} ({', '.join(family)})" if family is not None
            else _actors(tested or 0))
    clear = _clear(row["tone_change_low"], row["tone_change_high"], row["tone_p_adjusted"])
    return (f"{head}; change {_signed(row['tone_change'])} (95% CI "
            f"{_signed(row['tone_change_low'])} to {_signed(row['tone_change_high'])}), entry "
            f"permutation p = {row['tone_p_value']:.3f}, Holm-adjusted over {over} "
            f"p = {row['tone_p_adjusted']:.3f}: {_verdict(row['tone_change'], clear, 'tone')}")


def words_line(row: dict) -> str:
    """The distinctive-words line of :func:`summary` (terms at q < 0.05, then leads)."""
    def side(s: str) -> str:
        found = ", ".join(row[f"terms_{s}"]) or "none at q < 0.05"
        leads = row.get(f"leads_{s}") or []
        return found + (f" (leaning, p < 0.05 unadjusted: {', '.join(leads)})" if leads else "")

    return f"  distinctive words: baseline {side('baseline')}; target {side('target')}"


def summary(table: pd.DataFrame, corpus: Any, *, baseline: Any, target: Any,
            evidence: int = 3, min_entries: int = 3, note: str | None = None) -> str:
    """A readable text summary of a :func:`compare` table (for the terminal and reports).

    First the comparison's title (:func:`analysis.measure.headlines.pair_labels`: the months
    compared, and the press of each side when they are different countries'), the unit, the
    family of the Holm adjustment, and ``note`` when given (``workbook compare`` passes the tone
    measure's agreement with human coding, :func:`analysis.knowledge.tone_model.tone_agreement`,
    so that this text does not change with the tone model's validation); then the headlines, one per actor
    and measure in plain words, each with its method line
    (:func:`analysis.measure.headlines.headlines`); then five lines per actor: attention
    (entries mentioning it, share with its 95% Wilson interval, the change with Newcombe's
    interval, mentions per 1,000 tokens), tone (mean over entries of the tone aimed at the
    actor, with intervals, the change, its entry-permutation p and its Holm-adjusted p across
    the family), distinctive terms of each side, and the ``evidence`` entries that carry it on
    each side. A change is called clear only when its interval excludes 0 (and, for tone, the
    adjusted p < 0.05); otherwise, or with fewer than ``min_entries`` entries on a side, the
    text says "no clear change". ``baseline`` and ``target`` are the specs of the table.
    """
    from analysis.measure.groups import resolve_pair
    from analysis.measure.headlines import headlines

    entries = corpus.entries.set_index("entry_id")
    base_ids, target_ids = resolve_pair(corpus.reports, baseline=baseline, target=target)
    heads = headlines(table, corpus.reports, baseline=base_ids, target=target_ids,
                      min_entries=min_entries)
    family = list(table["tone_family"].iloc[0]) if len(table) else []
    lines = [(f"Comparison: {heads.attrs['title']} (baseline {', '.join(base_ids)}; target "
             f"{', '.join(target_ids)})"),
             ("The entry (one summarized publication) is the unit; intervals are 95%; tone "
              f"p-values are adjusted with Holm's method over a family of {_actors(len(family))}"
              f"{' (' + ', '.join(family) + ')' if family else ''}: the actors compared "
              f"together that have at least {min_entries} entries about them on each side."),
             *([note] if note else []), "", "Headlines"]
    for r in heads.itertuples(index=False):
        lines += [f"- {r.headline}", f"  method: {r.method}"]
    lines.append("")
    for row in table.to_dict("records"):
        lines.append(f"{row['actor']}")
        lines.append(attention_line(row))
        lines.append(tone_line(row, min_entries=min_entries))
        lines.append(words_line(row))
        for side in ("baseline", "target"):
            shown = [_describe(entries, e) for e in row["evidence_" + side][:evidence]]
            more = len(row["evidence_" + side]) - len(shown)
            lines.append(f"  {side} entries: " + ("; ".join(shown) or "none")
                         + (f"; and {more} more" if more > 0 else ""))
        lines.append("")
    return "\n".join(lines)


def describe_attention(table: pd.DataFrame) -> str:
    """One line per row of an :func:`analysis.measure.attention.attention` table: entries, share
    with its interval, mentions and mentions per 1,000 tokens with theirs."""
    return "\n".join(
        f"{r.group} · {r.actor}: {r.entries}/{r.n_entries} entries ({_pct(r.share)}, 95% interval "
        f"{_pct(r.share_low)}-{_pct(r.share_high)}); {r.mentions} mentions, {r.per_1k:.1f} per "
        f"1,000 tokens ({r.per_1k_low:.1f}-{r.per_1k_high:.1f})"
        for r in table.itertuples(index=False))


def describe_tone_change(table: pd.DataFrame) -> str:
    """One line per actor of an :func:`analysis.measure.tone.tone_change` table."""
    tested = int(table["reliable"].sum())
    lines = []
    for r in table.itertuples(index=False):
        head = (f"{r.actor}: {_signed(r.mean_baseline)} in {r.entries_baseline} entries -> "
                f"{_signed(r.mean_target)} in {r.entries_target}")
        if not r.reliable:
            lines.append(f"{head}; too few entries for a test: no clear change")
            continue
        clear = _clear(r.difference_low, r.difference_high, r.p_adjusted)
        lines.append(f"{head}; change {_signed(r.difference)} (95% CI {_signed(r.difference_low)}"
                     f" to {_signed(r.difference_high)}), entry permutation p = {r.p_value:.3f}, "
                     f"Holm-adjusted over {_actors(tested)} p = {r.p_adjusted:.3f}: "
                     f"{_verdict(r.difference, clear, 'tone')}")
    return "\n".join(lines)


def describe_keyness(table: pd.DataFrame, *, top_n: int, min_count: int, baseline: str,
                     target: str, actor: str | None = None, min_entries: int = 3,
                     q: float = 0.05) -> str:
    """What a :func:`analysis.measure.keyness.keyness` table says, in three lines: how many terms
    were counted and tested (the ``reliable`` ones, seen in at least ``min_entries`` entries), how
    many are distinctive (:func:`analysis.measure.keyness.distinctive`: reliable and
    Benjamini-Hochberg ``q_value < q``), and up to ``top_n`` of them for each side. A side with
    none says so, and names at most five tested terms of ``|z| >= 1.96`` only as leaning that
    way, with no clear difference."""
    from analysis.measure.keyness import Z_CRITICAL, beyond, distinctive, top_terms

    tested = table[table["reliable"].astype(bool)] if len(table) else table
    passed = distinctive(table, q=q)
    shown = distinctive(table, top_n, q=q)
    leaning = top_terms(beyond(tested), min(top_n, 5))
    where = f" in the sentences mentioning {actor}" if actor else ""

    def side(name: str, label: str, positive: bool) -> str:
        pick = shown[shown["z"] > 0] if positive else shown[shown["z"] < 0].iloc[::-1]
        if len(pick):
            return f"{name} ({label}): {', '.join(pick['term'])}"
        lean = leaning[leaning["z"] > 0] if positive else leaning[leaning["z"] < 0].iloc[::-1]
        tail = (f"; leaning this way (|z| >= {Z_CRITICAL}), no clear difference: "
                f"{', '.join(lean['term'])}" if len(lean) else "")
        return f"{name} ({label}): none at q < {q:g}{tail}"

    return "\n".join([
        (f"{len(table)} terms seen at least {min_count} times{where}; {len(tested)} in at least "
         f"{min_entries} entries, tested by exchanging entries between the sides, with "
         f"Benjamini-Hochberg q-values across those {len(tested)}; {len(passed)} distinctive at "
         f"q < {q:g} ({int((passed['z'] > 0).sum())} of the target, "
         f"{int((passed['z'] < 0).sum())} of the baseline)"),
        side("target", target, True),
        side("baseline", baseline, False),
    ])


def describe_outlets(table: pd.DataFrame) -> str:
    """How many outlets a :func:`analysis.measure.sources.outlets` table holds, and which appear
    in more than one report."""
    reports_of = table.groupby("outlet", observed=True)["report_id"].nunique()
    recurring = reports_of[reports_of > 1].index
    return (f"{len(reports_of)} outlets; in more than one report: "
            f"{', '.join(recurring) or 'none'}")


def describe_authors(table: pd.DataFrame) -> str:
    """How many authors an :func:`analysis.measure.sources.authors` table holds, and whose
    spellings were merged."""
    merged = table[table["variants"].map(len) > 1]
    lines = [f"{len(table)} authors; spellings merged for {len(merged)}:"]
    lines += [f"  {r.author}: {' / '.join(r.variants)}" for r in merged.itertuples(index=False)]
    return "\n".join(lines)


def describe_evidence(table: pd.DataFrame, *, actor: str, per_entry: int) -> str:
    """The count line above the KWIC lines of an actor's evidence entries
    (:func:`analysis.measure.compare.evidence`)."""
    return (f"{table['mentions'].sum()} mentions of {actor} in {len(table)} entries of the "
            f"baseline and the target; the first {per_entry} of each entry:")
