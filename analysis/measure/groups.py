"""Resolving what the user names (reports, periods, years, actors) to the rows measures use.

Shared by every measure so that ``target``, ``baseline``, ``by`` and ``actors`` mean the same
thing everywhere, and so that an unknown value always fails the same way: with an
:class:`UnknownValueError` that lists the valid values.

A *report spec* is a report id (``russia-2024-03``), a period (``2024-03``), a year (``2024``,
as a string or an int: papermill's ``-p baseline 2021`` passes an int), or a list of those; it
resolves to the set of report ids it names (a group). Groups are ordered chronologically: by the
earliest ``(period, report_id)`` of their reports.

The measures take any object with the attributes ``reports``, ``entries``, ``sentences``,
``tokens``, ``mentions`` and ``frames`` (an :class:`analysis.corpus.Corpus` or a namespace of the
tables documented in ``docs/architecture.md``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from numbers import Integral
from typing import Any, TypeAlias

import pandas as pd

from analysis.measure.id_lookup import isin

__all__ = [
    "BY_VALUES",
    "GroupError",
    "ReportSpec",
    "UnknownValueError",
    "actor_sentences",
    "closest",
    "corpus_gazetteer",
    "countries",
    "default_pair",
    "group_labels",
    "group_order",
    "resolve_actors",
    "resolve_pair",
    "resolve_reports",
    "scope",
]

#: What names a group of reports: a report id, a period, a year (str or int), or a list of them.
ReportSpec: TypeAlias = str | int | Sequence[str | int]

#: The values ``by`` accepts: a column of ``reports`` or ``year`` (the first four digits of period).
BY_VALUES = ("report_id", "period", "year", "country")


class GroupError(ValueError):
    """Two groups that cannot be compared: they share reports, one is empty, or the corpus has
    too few reports. A usage error (``workbook`` exits 2); the message says what to name."""


class UnknownValueError(ValueError):
    """A report id, period, year, actor or option that the corpus does not have.

    The message names the closest valid values first (:func:`closest`: "did you mean 'China'?")
    and then lists every valid value; ``valid`` holds them, ``suggestions`` the closest.
    ``spellings`` maps other accepted spellings (an actor's aliases) to the valid value they
    stand for, so that a misspelled alias suggests its actor.
    """

    def __init__(self, what: str, value: Any, valid: Iterable[Any], *,
                 spellings: dict[str, str] | None = None):
        self.what, self.value, self.valid = what, value, sorted({str(v) for v in valid})
        self.suggestions = closest(str(value), self.valid, spellings=spellings)
        shown = ", ".join(self.valid) if self.valid else "(none)"
        near = (f" (did you mean {' or '.join(repr(s) for s in self.suggestions)}?)"
                if self.suggestions else "")
        super().__init__(f"unknown {what} {value!r}{near}; valid values: {shown}")


def closest(value: str, valid: Sequence[str], *, spellings: dict[str, str] | None = None,
            n: int = 3) -> list[str]:
    """The valid values closest to ``value`` (at most ``n``, closest first): the
    :func:`difflib.get_close_matches` of the case-folded text (Ratcliff and Obershelp's gestalt
    ratio, 0.6 or more) within 0.1 of the best ratio; a close ``spellings`` key (an alias)
    suggests the value it stands for."""
    import difflib

    text = " ".join(str(value).split()).casefold()
    options = {str(v).casefold(): str(v) for v in valid}
    for spelling, name in (spellings or {}).items():
        options.setdefault(str(spelling).casefold(), str(name))
    if not text:
        return []
    ratio = {o: difflib.SequenceMatcher(None, text, o).ratio() for o in
             difflib.get_close_matches(text, list(options), n=4 * n, cutoff=0.6)}
    best = max(ratio.values(), default=0.0)
    return list(dict.fromkeys(options[o] for o, r in ratio.items() if r >= best - 0.1))[:n]


def _reports_sorted(reports: pd.DataFrame) -> pd.DataFrame:
    return reports.sort_values(["period", "report_id"], kind="stable")


def group_labels(reports: pd.DataFrame, *, by: str = "report_id") -> dict[str, str]:
    """Map each report_id to its group label under ``by`` (report_id, period, year or country)."""
    if by not in BY_VALUES:
        raise UnknownValueError("grouping 'by'", by, BY_VALUES)
    ids = reports["report_id"].astype(str)
    if by == "year":
        labels = reports["period"].astype(str).str[:4]
    else:
        labels = reports[by].astype(str)
    return dict(zip(ids, labels, strict=True))


def group_order(reports: pd.DataFrame, labels: dict[str, str]) -> list[str]:
    """Group labels in chronological order (earliest ``(period, report_id)`` first)."""
    order: list[str] = []
    for rid in _reports_sorted(reports)["report_id"].astype(str):
        label = labels.get(rid)
        if label is not None and label not in order:
            order.append(label)
    return order


def _spec_items(spec: ReportSpec) -> list[str]:
    """The values of a report spec as stripped strings (a str or an int is one value)."""
    if isinstance(spec, bool):
        raise TypeError(f"a report spec is a report id, period, year or a list; not {spec!r}")
    items = [spec] if isinstance(spec, str | Integral) else list(spec)
    return [str(item).strip() for item in items]


def resolve_reports(reports: pd.DataFrame, spec: ReportSpec) -> list[str]:
    """Report ids named by ``spec``: report ids, periods (``YYYY-MM``), years (``YYYY``) or a list.

    A year may be an int (``2021``, as papermill passes ``-p baseline 2021``), also inside a
    list. Returns the ids in chronological order. Raises :class:`UnknownValueError` for a value
    that names no report (listing the valid report ids, periods and years), and ``ValueError``
    for an empty spec.
    """
    items = _spec_items(spec)
    if not items:
        raise GroupError("an empty list of reports names no group: name a report id, a period "
                         "(YYYY-MM) or a year")
    ordered = _reports_sorted(reports)
    ids = ordered["report_id"].astype(str).tolist()
    periods = ordered["period"].astype(str).tolist()
    chosen: set[str] = set()
    for item in items:
        hits = {
            rid
            for rid, period in zip(ids, periods, strict=True)
            if item in (rid, period, period[:4])
        }
        if not hits:
            valid = set(ids) | set(periods) | {p[:4] for p in periods}
            raise UnknownValueError("report, period or year", item, valid)
        chosen |= hits
    return [rid for rid in ids if rid in chosen]


def _check_pair(base_ids: list[str], target_ids: list[str], *,
                hint: str = "") -> tuple[list[str], list[str]]:
    overlap = sorted(set(base_ids) & set(target_ids))
    if overlap:
        raise GroupError(f"baseline and target share reports: {', '.join(overlap)}{hint}")
    return base_ids, target_ids


def resolve_pair(reports: pd.DataFrame, *, baseline: ReportSpec | None,
                 target: ReportSpec) -> tuple[list[str], list[str]]:
    """Report ids of ``baseline`` and ``target``; ``baseline=None`` means every other report.

    This is the reading of the measures (:func:`analysis.keyness.keyness` pools the rest of the
    corpus as the baseline); :func:`default_pair` reads None as the earliest or latest report.
    Raises ``ValueError`` when the two share a report or the baseline would be empty.
    """
    target_ids = resolve_reports(reports, target)
    if baseline is None:
        base_ids = [r for r in _reports_sorted(reports)["report_id"].astype(str)
                    if r not in target_ids]
        if not base_ids:
            raise GroupError("the target holds every report: there is no baseline to compare to")
    else:
        base_ids = resolve_reports(reports, baseline)
    return _check_pair(base_ids, target_ids)


def default_pair(reports: pd.DataFrame, *, baseline: ReportSpec | None = None,
                 target: ReportSpec | None = None) -> tuple[list[str], list[str]]:
    """Report ids of ``baseline`` and ``target``, None meaning the earliest and the latest report.

    For a comparison through time when the user names nothing: ``baseline=None`` is the single
    earliest report and ``target=None`` the single latest one (by ``(period, report_id)``, so of
    two reports of the same period the larger id counts as later). Unlike
    :func:`resolve_pair`, where ``baseline=None`` pools every report not in the target.

    Parameters
    ----------
    reports : the reports table
    baseline, target : report spec (report id, period, year as str or int, or a list), or None

    Returns
    -------
    (baseline ids, target ids), each in chronological order.

    Raises
    ------
    UnknownValueError
        A value names no report.
    ValueError
        The corpus has no report, or the two sides share a report (for instance a corpus of one
        report with both left to default, or a ``baseline`` that holds the latest report).
    """
    ordered = _reports_sorted(reports)["report_id"].astype(str).tolist()
    if not ordered:
        raise GroupError("the corpus has no report: there is nothing to compare")
    base_ids = [ordered[0]] if baseline is None else resolve_reports(reports, baseline)
    target_ids = [ordered[-1]] if target is None else resolve_reports(reports, target)
    defaulted = [f"{side}=None is the {which} report"
                 for side, value, which in (("baseline", baseline, "earliest"),
                                            ("target", target, "latest")) if value is None]
    hint = f" ({'; '.join(defaulted)}: name it)" if defaulted else ""
    return _check_pair(base_ids, target_ids, hint=hint)


def countries(reports: pd.DataFrame, ids: Iterable[str]) -> list[str]:
    """The countries of the reports ``ids``, each once, chronologically: two sides with
    different countries compare different countries' press, not one press over time."""
    chosen = _reports_sorted(reports)
    chosen = chosen[chosen["report_id"].astype(str).isin({str(i) for i in ids})]
    return list(dict.fromkeys(chosen["country"].astype(str)))


def corpus_gazetteer(corpus: Any) -> Any:
    """The gazetteer the corpus was annotated with (``corpus.knowledge``), else the shipped one."""
    knowledge = getattr(corpus, "knowledge", None)
    if knowledge is not None:
        return knowledge.gazetteer
    from analysis.knowledge.gazetteer import load_gazetteer

    return load_gazetteer()


def _key(name: str) -> str:
    """How a user's spelling of an actor or alias is compared: the normalized word tokens."""
    from analysis.text.tokenize import tokenize

    return " ".join(t.norm for t in tokenize(str(name))) or str(name).strip().casefold()


@lru_cache(maxsize=8)
def _gazetteer_keys(gazetteer: Any) -> tuple[dict[str, str], dict[str, str]]:
    """``({key: actor} of the actor names, {key: actor} of the aliases)`` of a gazetteer."""
    return ({_key(a): a for a in gazetteer.actors},
            {_key(p.text): a for p, a in gazetteer.entries if a is not None})


def resolve_actors(corpus: Any, actors: str | Sequence[str] | None) -> list[str]:
    """Canonical actor names: all actors of the mentions table (sorted) when ``actors`` is None.

    A name is an actor of the corpus's gazetteer (:func:`corpus_gazetteer`) or any of its aliases,
    compared by their normalized words (case, quotes and hyphens ignored: ``"north korea"``,
    ``"DPRK"`` and ``"Kim Jong-un"`` all give ``"North Korea"``); the given order is kept and
    duplicates dropped. An actor of the gazetteer that the corpus never mentions is valid (its
    counts are zero). Any other name raises :class:`UnknownValueError` listing the actors of the
    gazetteer.
    """
    mentions = corpus.mentions
    known = sorted(mentions["actor"].dropna().astype(str).unique())
    if actors is None:
        return known
    items = [actors] if isinstance(actors, str) else list(actors)
    gazetteer = corpus_gazetteer(corpus)
    canonical, aliases = _gazetteer_keys(gazetteer)
    names = {**canonical, **{_key(a): a for a in known}}
    out: list[str] = []
    for item in items:
        key = _key(item)
        name = names.get(key) or aliases.get(key)
        if name is None:
            spellings = {p.text: a for p, a in gazetteer.entries if a is not None}
            raise UnknownValueError("actor", item, sorted(set(gazetteer.actors) | set(known)),
                                    spellings=spellings)
        if name not in out:
            out.append(name)
    return out


def scope(corpus: Any, *, include_overview: bool = False) -> set[str]:
    """Entry ids the measures count: the entries (summarized publications); with
    ``include_overview`` also the overviews and the blocks of unattributed text."""
    entries = corpus.entries
    ids = (entries["entry_id"] if include_overview  # the one column: not a copy of the texts
           else entries.loc[(entries["kind"] == "entry").to_numpy(), "entry_id"])
    return set(ids.astype(str))


def actor_sentences(corpus: Any, actors: Sequence[str], *,
                    include_overview: bool = False) -> pd.DataFrame:
    """The sentences that mention each actor, once per (sentence, actor) pair.

    Returns report_id, entry_id, sentence_idx, actor, sorted by entry_id, sentence_idx, actor;
    ``actors`` must already be canonical (see :func:`resolve_actors`).
    """
    keep = scope(corpus, include_overview=include_overview)
    m = corpus.mentions
    m = m[isin(m["entry_id"], keep) & isin(m["actor"], list(actors))]
    cols = ["report_id", "entry_id", "sentence_idx", "actor"]
    return (m[cols].drop_duplicates().sort_values(["entry_id", "sentence_idx", "actor"])
            .reset_index(drop=True))
