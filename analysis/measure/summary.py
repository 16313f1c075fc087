"""The words of a comparison: a :func:`analysis.measure.compare.compare` table as readable text."""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["describe_attention", "describe_authors", "describe_evidence", "describe_keyness",
           "describe_outlets", "describe_tone_change", "summary"]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _describe(entries: pd.DataFrame, entry_id: str) -> str:
    row = entries.loc[entry_id]
    who = ", ".join(row["authors"]) if len(row["authors"]) else "no author named"
    outlet = row["outlet"] if isinstance(row["outlet"], str) else "unknown outlet"
    when = row["pub_date"].strftime("%Y-%m-%d") if pd.notna(row["pub_date"]) else (row["issue"] or "")
    return f"{entry_id} ({outlet}{' ' + when if when else ''}; {who})"


def summary(table: pd.DataFrame, corpus: Any, *, baseline: Any, target: Any,
            evidence: int = 3) -> str:
    """A readable text summary of a :func:`compare` table (for the terminal and reports).

    Each actor gets four lines: attention (share of entries with its 95% interval, mentions per
    1,000 tokens), tone (mean masked VADER compound with interval, n sentences, permutation p),
    distinctive terms on each side, and the ``evidence`` entries that carry it on each side.
    """
    entries = corpus.entries.set_index("entry_id")
    lines = [f"Comparison: baseline {baseline} -> target {target}", ""]
    for row in table.to_dict("records"):
        b, t = "baseline", "target"
        lines.append(f"{row['actor']}")
        lines.append(
            f"  attention: {row['entries_' + b]}/{row['n_entries_' + b]} entries "
            f"({_pct(row['share_' + b])}, 95% CI {_pct(row['share_low_' + b])}-{_pct(row['share_high_' + b])})"
            f" -> {row['entries_' + t]}/{row['n_entries_' + t]} "
            f"({_pct(row['share_' + t])}, {_pct(row['share_low_' + t])}-{_pct(row['share_high_' + t])});"
            f" {100 * row['share_change']:+.0f} points; mentions per 1,000 tokens "
            f"{row['per_1k_' + b]:.1f} -> {row['per_1k_' + t]:.1f}"
        )
        p = row["tone_p_value"]
        p_text = f"permutation p = {p:.3f}" if row["tone_reliable"] else "too few sentences for a test"
        lines.append(
            f"  tone (VADER, actor names masked): {row['tone_' + b]:+.3f} "
            f"[{row['tone_low_' + b]:+.3f}, {row['tone_high_' + b]:+.3f}] in {row['sentences_' + b]} sentences"
            f" -> {row['tone_' + t]:+.3f} [{row['tone_low_' + t]:+.3f}, {row['tone_high_' + t]:+.3f}]"
            f" in {row['sentences_' + t]}; change {row['tone_change']:+.3f}, {p_text}"
        )
        lines.append(
            f"  distinctive words: baseline {', '.join(row['terms_' + b]) or '-'};"
            f" target {', '.join(row['terms_' + t]) or '-'}"
        )
        for side in (b, t):
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
        f"{r.group} · {r.actor}: {r.entries}/{r.n_entries} entries ({r.share:.0%}, 95% interval "
        f"{r.share_low:.0%}-{r.share_high:.0%}); {r.mentions} mentions, {r.per_1k:.1f} per "
        f"1,000 tokens ({r.per_1k_low:.1f}-{r.per_1k_high:.1f})"
        for r in table.itertuples(index=False))


def describe_tone_change(table: pd.DataFrame) -> str:
    """One line per actor of an :func:`analysis.measure.tone.tone_change` table."""
    lines = []
    for r in table.itertuples(index=False):
        test = f"permutation p = {r.p_value:.3f}" if r.reliable else "too few sentences to test"
        lines.append(f"{r.actor}: {r.mean_baseline:+.3f} in {r.n_baseline} sentences -> "
                     f"{r.mean_target:+.3f} in {r.n_target}; change {r.difference:+.3f}, {test}")
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
    reports_of = table.groupby("outlet")["report_id"].nunique()
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
