"""The entries table: one row per summarized publication of each report, plus its overview.

Each report is segmented (:func:`analysis.read.segment.segment`) and every segment becomes a row
with the outlet, issue, date and authors of its attribution
(:mod:`analysis.read.attribution`). Authors given by surname alone are resolved to the one full
name the corpus uses for them. Columns are listed in ``docs/architecture.md``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.knowledge.outlets import Outlets
from analysis.knowledge.outlets import outlets as load_outlets
from analysis.read.attribution import authors_in_text, resolve_pub_date
from analysis.read.reports import Problem, Report
from analysis.read.segment import segment
from analysis.text.tokenize import tokenize

__all__ = ["ENTRY_COLUMNS", "entries_table", "resolve_surnames", "unattributed"]

ENTRY_COLUMNS = [
    "entry_id", "report_id", "position", "kind", "section", "outlet", "issue", "pub_date",
    "authors", "n_words", "line", "text",
]


def _entry_rows(report: Report, *, outlets_table: Outlets) -> list[dict]:
    table = outlets_table
    rows = []
    position = 0
    segments = segment(report, outlets_table=table)
    for seg in segments:
        if seg.kind == "entry":
            position += 1
        att = seg.attribution
        authors = list(att.authors) if att else []
        if att is not None and not authors:
            authors = list(authors_in_text(seg.text))
        pub_date = resolve_pub_date(att, report.period) if att else None
        rows.append({
            "entry_id": f"{report.report_id}-e{position:02d}",
            "report_id": report.report_id,
            "position": position,
            "kind": seg.kind,
            "section": seg.section,
            "outlet": att.outlet if att else None,
            "issue": att.issue if att else None,
            "pub_date": pd.Timestamp(pub_date) if pub_date else pd.NaT,
            "authors": authors,
            "n_words": len(tokenize(seg.text)),
            "line": seg.line,
            "text": seg.text,
        })
    return rows


def _surname(name: str) -> str:
    return re.sub(r"['’]", "", name.split()[-1]).casefold()


def resolve_surnames(entries: pd.DataFrame) -> pd.DataFrame:
    """Replace an author given by surname alone ("Zuenko") with the one full name that the corpus
    uses for that surname ("Ivan Zuenko"), preferring the same report. Returns a new table."""
    full: dict[tuple[str | None, str], set[str]] = {}
    for report_id, authors in zip(entries["report_id"], entries["authors"], strict=True):
        for name in authors:
            if len(name.split()) > 1:
                full.setdefault((report_id, _surname(name)), set()).add(name)
                full.setdefault((None, _surname(name)), set()).add(name)

    def resolve(report_id: str, authors: list[str]) -> list[str]:
        out = []
        for name in authors:
            if len(name.split()) == 1:
                candidates = full.get((report_id, _surname(name))) or full.get((None, _surname(name)))
                if candidates and len(candidates) == 1:
                    name = next(iter(candidates))
            out.append(name)
        return out

    result = entries.copy()
    result["authors"] = [resolve(r, a) for r, a in zip(entries["report_id"], entries["authors"], strict=True)]
    return result


def unattributed(entries: pd.DataFrame, reports: list[Report]) -> list[Problem]:
    """A warning for each report in which no paragraph opens with an attribution."""
    with_entries = set(entries.loc[entries["outlet"].notna(), "report_id"])
    return [
        Problem(r.path, None, "warning",
                "no paragraph opens with an attribution ('In <Outlet> on <Month Day>, <Author> wrote'),"
                " so the whole text is kept as the overview: check the file is a country report")
        for r in reports if r.report_id not in with_entries
    ]


def entries_table(reports: list[Report], *, outlets: Outlets | str | Path | None = None) -> pd.DataFrame:
    """The ``entries`` table of the given reports (see ``docs/architecture.md`` for columns).

    ``outlets``: the outlet table (``Knowledge.outlets``), a user outlets TOML file extending the
    shipped one, or None for the shipped one.
    """
    table = outlets if isinstance(outlets, Outlets) else load_outlets(outlets)
    rows = [row for report in reports for row in _entry_rows(report, outlets_table=table)]
    table = pd.DataFrame(rows, columns=ENTRY_COLUMNS)
    table["pub_date"] = pd.to_datetime(table["pub_date"]).astype("datetime64[ns]")
    table = table.astype({"position": "int64", "n_words": "int64", "line": "int64"})
    return resolve_surnames(table)
