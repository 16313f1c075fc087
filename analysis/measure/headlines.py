"""Headlines: a :func:`analysis.measure.compare.compare` table in plain words, and its findings.

One headline per actor and measure (attention, tone), written from the result table by the rules
below, each with the unit (entries: summarized publications) and its n, and a "method" line with
the statistical detail. :func:`findings` puts the same numbers in one table, one row per actor.
Every number of a headline, of the findings table and of ``workbook compare`` is formatted here,
so a comparison reads the same wherever it is shown.

The rules (``verdict``):

* **too few entries**: a side has fewer than ``min_entries`` entries (attention), or fewer than
  ``min_entries`` entries about the actor (tone): the counts are given, with no interval and no
  test, and the headline says so;
* **clear rise** / **clear fall**: the 95% interval of the change excludes 0 (attention: Newcombe's
  hybrid score interval of the difference of shares, Newcombe 1998; tone: the entry bootstrap
  interval of the difference of means) and, for tone, the Holm-adjusted p across the family of
  actors is below 0.05 (Holm 1979);
* **no clear change**: otherwise; the headline gives the plain reason: with n entries a side a
  change of this size is within chance (the interval holds 0), or, for tone, the interval
  excludes 0 but the change can be chance once the family's actors are tested together.

Side labels name the months ("Nov 2021"); when the two sides are different countries' reports,
they name the press too ("Russian press in Nov 2021 vs Japanese press in Mar 2023"), since such
a difference may be one of sources, not of time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.measure.groups import ReportSpec, countries, resolve_pair
from analysis.measure.intervals import MIN_ENTRIES

__all__ = ["ALPHA", "VERDICTS", "PairLabels", "attention_headline", "findings", "headlines",
           "month_label", "pair_labels", "pct", "points", "signed", "tone_headline"]

#: The verdicts of a headline, in the words the pages use.
VERDICTS = ("clear rise", "clear fall", "no clear change", "too few entries")
#: Level of the adjusted p below which a tone change can be clear.
ALPHA = 0.05
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
#: The press of a country, in words ("Russian press"); any other is "the press of <country>".
_PRESS = {"Russia": "Russian", "Japan": "Japanese", "China": "Chinese", "Korea": "Korean",
          "South Korea": "South Korean", "North Korea": "North Korean", "India": "Indian",
          "Mongolia": "Mongolian", "Taiwan": "Taiwanese", "Vietnam": "Vietnamese",
          "Indonesia": "Indonesian", "Kazakhstan": "Kazakh", "United States": "American"}


def pct(x: float) -> str:
    """A share as a whole percentage: ``0.9167`` -> ``"92%"``."""
    return "n/a" if pd.isna(x) else f"{100 * x:.0f}%"


def points(x: float) -> str:
    """A change of shares in signed percentage points: ``-0.3333`` -> ``"-33"`` (``"0"``)."""
    return "n/a" if pd.isna(x) else f"{round(100 * x):+d}" if round(100 * x) else "0"


def signed(x: float, digits: int = 2) -> str:
    """A tone value, signed, with no ``-0.00``: ``0.0213`` -> ``"+0.02"``."""
    return "n/a" if pd.isna(x) else f"{round(float(x), digits) + 0.0:+.{digits}f}"


def month_label(period: str) -> str:
    """``"2021-11"`` -> ``"Nov 2021"``."""
    year, _, month = str(period).partition("-")
    return f"{_MONTHS[int(month) - 1]} {year}" if month.isdigit() else str(period)


def _press(names: list[str]) -> str:
    words = [_PRESS.get(n) for n in names]
    if all(words):
        return " and ".join(words) + " press"
    return "the press of " + " and ".join(names)


@dataclass(frozen=True)
class PairLabels:
    """How a comparison names its sides: ``baseline`` and ``target`` ("Nov 2021"; with the
    press when ``cross_country``: "Russian press in Nov 2021") and ``title``."""

    baseline: str
    target: str
    cross_country: bool
    title: str


def _when(reports: pd.DataFrame, ids: list[str]) -> str:
    periods = sorted(reports.loc[reports["report_id"].isin(ids), "period"].astype(str).unique())
    if len(periods) == 1:
        when = month_label(periods[0])
    elif len({p[:4] for p in periods}) == 1:
        when = f"{month_label(periods[0]).split()[0]} to {month_label(periods[-1])}"
    else:
        when = f"{month_label(periods[0])} to {month_label(periods[-1])}"
    return when + (f" ({len(ids)} reports)" if len(ids) > 1 else "")


def pair_labels(reports: pd.DataFrame, baseline: list[str], target: list[str]) -> PairLabels:
    """The side labels and the title of a comparison of the report ids ``baseline`` and
    ``target``; a comparison across countries is named as such."""
    where_b, where_t = countries(reports, baseline), countries(reports, target)
    when_b, when_t = _when(reports, baseline), _when(reports, target)
    if where_b == where_t:
        return PairLabels(when_b, when_t, False, f"{_press(where_b)}, {when_b} vs {when_t}")
    b, t = f"{_press(where_b)} in {when_b}", f"{_press(where_t)} in {when_t}"
    return PairLabels(b, t, True, f"{b} vs {t}: different countries' press, so a difference "
                      "may be one of sources rather than of time")


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _sides(n_b: int, n_t: int, *, about: bool = False) -> str:
    tail = " about it" if about else ""
    return (f"with {n_b} entries{tail} a side" if n_b == n_t
            else f"with {n_b} and {n_t} entries{tail}")


def _few(n_b: int, n_t: int, labels: PairLabels, min_entries: int, what: str) -> str:
    short = [label for n, label in ((n_b, labels.baseline), (n_t, labels.target)) if n < min_entries]
    return f"too few entries{what} to tell a change: fewer than {min_entries} in {' and '.join(short)}"


def _clear(low: float, high: float) -> bool:
    return not (pd.isna(low) or pd.isna(high) or low <= 0 <= high)


def attention_headline(row: dict, labels: PairLabels, *,
                       min_entries: int = MIN_ENTRIES) -> tuple[str, str, str]:
    """``(verdict, headline, method)`` of the attention to ``row["actor"]`` (one compare row)."""
    a = row["actor"]
    k_b, n_b, k_t, n_t = (int(row[c]) for c in ("entries_baseline", "n_entries_baseline",
                                                "entries_target", "n_entries_target"))
    lead = (f"{a}: named in {k_b} of {_entries(n_b)} in {labels.baseline} and {k_t} of {n_t} "
            f"in {labels.target}")
    low, high = row["share_change_low"], row["share_change_high"]
    ci = f"95% CI {points(low)} to {points(high)}"
    method = (f"Share of entries naming {a} (any of its names; overviews and unattributed text "
              f"are not entries): {pct(row['share_baseline'])} ({pct(row['share_low_baseline'])} "
              f"to {pct(row['share_high_baseline'])}, Wilson 95% CI) in {labels.baseline}, "
              f"{pct(row['share_target'])} ({pct(row['share_low_target'])} to "
              f"{pct(row['share_high_target'])}) in {labels.target}; the change with Newcombe's "
              f"hybrid score interval, {ci}, clear only when it excludes 0. Mentions per 1,000 "
              f"tokens: {row['per_1k_baseline']:.1f} and {row['per_1k_target']:.1f}.")
    if n_b < min_entries or n_t < min_entries:
        return "too few entries", f"{lead} ({_few(n_b, n_t, labels, min_entries, '')})", method
    change = row["share_change"]
    if round(100 * change) == 0:
        return "no clear change", f"{lead} (the same share; {_sides(n_b, n_t)}, {ci})", method
    way, size = ("rise", "up") if change > 0 else ("fall", "down")
    moved = f"{size} {abs(round(100 * change))} point{'s' if abs(round(100 * change)) != 1 else ''}"
    if _clear(low, high):
        return f"clear {way}", f"{lead} ({moved}, a clear {way}: {ci})", method
    return ("no clear change",
            f"{lead} ({moved}; {_sides(n_b, n_t)}, a {way} this size is within chance: {ci})",
            method)


def _family(row: dict) -> str:
    family = list(row.get("tone_family") or [])
    m = len(family)
    return f"a family of {m} actor{'s' if m != 1 else ''} ({', '.join(family)})"


def tone_headline(row: dict, labels: PairLabels, *,
                  min_entries: int = MIN_ENTRIES) -> tuple[str, str, str]:
    """``(verdict, headline, method)`` of the tone aimed at ``row["actor"]`` (one compare row)."""
    a = row["actor"]
    m_b, m_t = int(row["tone_entries_baseline"]), int(row["tone_entries_target"])

    if m_b and m_t:
        lead = (f"{a}: tone toward it averaged {signed(row['tone_baseline'])} over "
                f"{_entries(m_b)} in {labels.baseline} and {signed(row['tone_target'])} over "
                f"{m_t} in {labels.target}")
    else:
        (m, value, label), none = ((m_t, row["tone_target"], labels.target), labels.baseline) \
            if m_t else ((m_b, row["tone_baseline"], labels.baseline), labels.target)
        lead = (f"{a}: no entry about it in {none}" + (
            f"; tone toward it averaged {signed(value)} over {_entries(m)} in {label}" if m
            else f" or {label}"))
    ci = f"95% CI {signed(row['tone_change_low'])} to {signed(row['tone_change_high'])}"
    means = (f"Tone aimed at {a} (-1 to +1, by the tone codebook): each entry's mean over its "
             f"sentences about {a}, then the mean over entries, with entry bootstrap 95% CIs: "
             f"{signed(row['tone_baseline'])} ({signed(row['tone_low_baseline'])} to "
             f"{signed(row['tone_high_baseline'])}) in {labels.baseline}, "
             f"{signed(row['tone_target'])} ({signed(row['tone_low_target'])} to "
             f"{signed(row['tone_high_target'])}) in {labels.target}")
    if not row["tone_reliable"]:
        return ("too few entries", f"{lead} ({_few(m_b, m_t, labels, min_entries, ' about it')})",
                (f"{means}; no interval and no test below {min_entries} entries about it on a "
                "side."))
    method = (f"{means}; the change {signed(row['tone_change'])} ({ci}), tested by exchanging "
              f"entries between the sides: p = {row['tone_p_value']:.3f}, Holm-adjusted over "
              f"{_family(row)} p = {row['tone_p_adjusted']:.3f}; clear only when the interval "
              f"excludes 0 and the adjusted p < {ALPHA}.")
    change = row["tone_change"]
    if round(change, 2) == 0:
        return ("no clear change", (f"{lead} (the same on the -1 to +1 scale; "
                f"{_sides(m_b, m_t)}, {ci})"), method)
    way, size = ("rise", "up") if change > 0 else ("fall", "down")
    moved = f"{size} {abs(round(change, 2)):.2f} on the -1 to +1 scale"
    if _clear(row["tone_change_low"], row["tone_change_high"]):
        if row["tone_p_adjusted"] < ALPHA:
            return f"clear {way}", f"{lead} ({moved}, a clear {way}: {ci})", method
        m = len(row.get("tone_family") or [])
        return ("no clear change", (f"{lead} ({moved}; its {ci} excludes 0, but with {m} actors "
                f"tested together a {way} this size can be chance)"), method)
    return ("no clear change",
            f"{lead} ({moved}; {_sides(m_b, m_t)}, a {way} this size is within chance: {ci})",
            method)


def _labels(reports: pd.DataFrame, baseline: ReportSpec, target: ReportSpec) -> PairLabels:
    base_ids, target_ids = resolve_pair(reports, baseline=baseline, target=target)
    return pair_labels(reports, base_ids, target_ids)


def headlines(table: pd.DataFrame, reports: pd.DataFrame, *, baseline: ReportSpec,
              target: ReportSpec, min_entries: int = MIN_ENTRIES) -> pd.DataFrame:
    """The headlines of a :func:`~analysis.measure.compare.compare` table.

    Parameters
    ----------
    table : the compare table (not modified)
    reports : the corpus's reports table (for the side labels)
    baseline, target : the specs the table was computed with (report ids, periods, years)
    min_entries : as in compare

    Returns
    -------
    DataFrame, two rows per actor (attention, then tone), in the table's order: actor, measure
    (``"attention"`` or ``"tone"``), verdict (one of :data:`VERDICTS`), headline (one sentence
    in plain words, with the unit and n), method (the statistical detail). ``attrs["title"]``
    names the comparison (:func:`pair_labels`).
    """
    labels = _labels(reports, baseline, target)
    rows = []
    for row in table.to_dict("records"):
        for measure, rule in (("attention", attention_headline), ("tone", tone_headline)):
            rows.append((row["actor"], measure, *rule(row, labels, min_entries=min_entries)))
    out = pd.DataFrame(rows, columns=["actor", "measure", "verdict", "headline", "method"])
    out.attrs["title"] = labels.title
    return out


def findings(table: pd.DataFrame, reports: pd.DataFrame, *, baseline: ReportSpec,
             target: ReportSpec, min_entries: int = MIN_ENTRIES) -> pd.DataFrame:
    """The findings table of a comparison: one row per actor, the numbers of its headlines.

    Returns
    -------
    DataFrame with columns actor; attention_baseline, attention_target (share of entries, the
    counts and the Wilson 95% CI: "92% (11 of 12; 65% to 99%)"); attention_change (points, with
    Newcombe's 95% CI); tone_baseline, tone_target (mean tone over entries, n entries, bootstrap
    95% CI; "too few entries" below ``min_entries``); tone_change (with its 95% CI and the
    Holm-adjusted p over the family); verdict ("attention: ...; tone: ..."); evidence_baseline,
    evidence_target (the entries behind it, as compare lists them). ``attrs["labels"]`` holds
    the :class:`PairLabels`.
    """
    labels = _labels(reports, baseline, target)
    rows = []
    for row in table.to_dict("records"):
        verdict_a = attention_headline(row, labels, min_entries=min_entries)[0]
        verdict_t = tone_headline(row, labels, min_entries=min_entries)[0]
        out: dict[str, Any] = {"actor": row["actor"]}
        for side in ("baseline", "target"):
            out[f"attention_{side}"] = (
                f"{pct(row['share_' + side])} ({row['entries_' + side]} of "
                f"{row['n_entries_' + side]}; {pct(row['share_low_' + side])} to "
                f"{pct(row['share_high_' + side])})")
        out["attention_change"] = (f"{points(row['share_change'])} points "
                                   f"({points(row['share_change_low'])} to "
                                   f"{points(row['share_change_high'])})")
        for side in ("baseline", "target"):
            m = int(row["tone_entries_" + side])
            out[f"tone_{side}"] = (
                f"{signed(row['tone_' + side])} ({_entries(m)}; {signed(row['tone_low_' + side])}"
                f" to {signed(row['tone_high_' + side])})" if not pd.isna(row["tone_low_" + side])
                else f"{signed(row['tone_' + side])} ({_entries(m)}; too few entries)" if m
                else "no entry about it")
        out["tone_change"] = (
            f"{signed(row['tone_change'])} ({signed(row['tone_change_low'])} to "
            f"{signed(row['tone_change_high'])}; Holm p = {row['tone_p_adjusted']:.3f} over "
            f"{len(row['tone_family'])})" if row["tone_reliable"] else "no test: too few entries")
        out["verdict"] = f"attention: {verdict_a}; tone: {verdict_t}"
        out["evidence_baseline"] = list(row["evidence_baseline"])
        out["evidence_target"] = list(row["evidence_target"])
        rows.append(out)
    columns = ["actor", "attention_baseline", "attention_target", "attention_change",
               "tone_baseline", "tone_target", "tone_change", "verdict", "evidence_baseline",
               "evidence_target"]
    result = pd.DataFrame(rows, columns=columns)
    result.attrs["labels"] = labels
    return result
