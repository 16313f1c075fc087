"""The entries and paragraphs tables: every summarized publication, and every paragraph's role.

Each report is segmented (:func:`analysis.read.segment.segmentation`); every segment becomes a
row of ``entries`` with the outlet, issue, date, authors and genre of its attribution
(:mod:`analysis.read.attribution`), and every paragraph a row of ``paragraphs`` saying what it
is and why. Authors come from the entry's attribution or, when it names none, from its own
opening paragraph ("Gevorg Mirzaian wrote that ..."), never from a paragraph glued to it; an
author given by surname alone is resolved to the one full name the corpus uses for it.
Columns are listed in ``docs/architecture.md``.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from analysis.read.attribution import resolve_pub_date
from analysis.read.authors import authors_in_text
from analysis.read.reports import Problem, Report
from analysis.read.segment import segmentation
from analysis.text.tokenize import tokenize

__all__ = ["ENTRY_COLUMNS", "PARAGRAPH_COLUMNS", "entries_table", "read_entries",
           "resolve_surnames", "unattributed"]

ENTRY_COLUMNS = [
    "entry_id", "report_id", "position", "kind", "section", "outlet", "outlet_as_written",
    "issue", "pub_date", "authors", "genre", "n_words", "line", "text",
]
PARAGRAPH_COLUMNS = ["report_id", "paragraph", "line", "role", "entry_id", "reason", "text"]


def _rows(report: Report, knowledge: Any) -> tuple[list[dict], list[dict], list[Problem]]:
    segments, roles = segmentation(report, knowledge=knowledge)
    entries, problems = [], []
    ids: list[str] = []
    position = 0
    for seg in segments:
        position += seg.kind != "overview"
        entry_id = f"{report.report_id}-e{position:02d}"
        ids.append(entry_id)
        att = seg.attribution
        authors = list(att.authors) if att else []
        if att is not None and not authors and att.genre != "editorial":
            authors = list(authors_in_text(seg.opening, knowledge=knowledge))
        pub_date = resolve_pub_date(att, report.period) if att else None
        entries.append({
            "entry_id": entry_id, "report_id": report.report_id, "position": position,
            "kind": seg.kind, "section": seg.section,
            "outlet": att.outlet if att else None,
            "outlet_as_written": att.outlet_as_written if att else None,
            "issue": att.issue if att else None,
            "pub_date": pd.Timestamp(pub_date) if pub_date else pd.NaT,
            "authors": authors, "genre": att.genre if att else None,
            "n_words": len(tokenize(seg.text)), "line": seg.line, "text": seg.text,
        })
    paragraphs = [{"report_id": report.report_id, "paragraph": 0, "line": line, "role": role,
                   "entry_id": None, "reason": reason, "text": text}
                  for line, role, reason, text in report.removed]
    for role in roles:
        entry_id = ids[role.segment] if role.segment is not None else None
        reason = role.reason
        if role.doubt:
            reason += f"; its opening looks like an attribution: {role.doubt!r}"
            problems.append(Problem(
                report.path, role.paragraph.line, "warning",
                f"read as part of {entry_id}, but its opening looks like an attribution "
                f"({role.doubt!r}): check it; if it is a new entry, name the outlet and the "
                "date as 'In <Outlet> on <Month Day>, <Author> wrote ...', or add the outlet "
                "to your outlets file"))
        paragraphs.append({"report_id": report.report_id, "paragraph": 0,
                           "line": role.paragraph.line, "role": role.role, "entry_id": entry_id,
                           "reason": reason, "text": role.paragraph.text})
    paragraphs.sort(key=lambda row: row["line"])
    for k, row in enumerate(paragraphs):
        row["paragraph"] = k
    return entries, paragraphs, problems


#: Entry columns of text that may be missing (pandas' string dtype, missing as NaN).
TEXT_COLUMNS = ("section", "outlet", "outlet_as_written", "issue", "genre")


_WORKER_KNOWLEDGE: Any = None
#: Fewest reports per process worth starting processes for (a fork costs about 50 ms; reading
#: a report about 15).
MIN_REPORTS_PER_JOB = 16


def _init_reader(knowledge: Any) -> None:
    global _WORKER_KNOWLEDGE
    _WORKER_KNOWLEDGE = knowledge


def _rows_in_worker(report: Report) -> tuple[list[dict], list[dict], list[Problem]]:
    return _rows(report, _WORKER_KNOWLEDGE)


def _all_rows(reports: list[Report], knowledge: Any, jobs: int | None):
    """``_rows`` of each report, in order: in this process, or in ``jobs`` processes (None:
    every core) when there are enough reports. The rows are the same either way."""
    from analysis.config import default_jobs, process_context

    workers = min(jobs or default_jobs(), len(reports) // MIN_REPORTS_PER_JOB)
    if workers <= 1:
        return [_rows(report, knowledge) for report in reports]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=process_context(), initializer=_init_reader,
                             initargs=(knowledge,)) as pool:
        return list(pool.map(_rows_in_worker, reports,
                             chunksize=max(1, len(reports) // (workers * 8))))


def read_entries(reports: list[Report], *, knowledge: Any = None, jobs: int | None = 1
                 ) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """The ``entries`` and ``paragraphs`` tables of the given reports, and the doubts met.

    ``knowledge``: the :class:`~analysis.knowledge.bundle.Knowledge` to read with (outlets,
    the words of attributions, the gazetteer); default the shipped files. ``jobs``: processes
    that read (None: every core, when there are at least 16 reports per process); the tables
    are the same whatever the value.
    """
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs={jobs}: give a number of processes >= 1, or None for every core")
    entry_rows, paragraph_rows, problems = [], [], []
    for e, p, found in _all_rows(reports, knowledge, jobs):
        entry_rows += e
        paragraph_rows += p
        problems += found
    entries = pd.DataFrame(entry_rows, columns=ENTRY_COLUMNS)
    entries["pub_date"] = pd.to_datetime(entries["pub_date"]).astype("datetime64[ns]")
    entries = entries.astype({"position": "int64", "n_words": "int64", "line": "int64"})
    # text columns that may be missing: one dtype whether or not any report fills them
    entries = entries.astype({c: "str" for c in TEXT_COLUMNS})
    paragraph_table = pd.DataFrame(paragraph_rows, columns=PARAGRAPH_COLUMNS).astype(
        {"paragraph": "int64", "line": "int64"})
    return resolve_surnames(entries), paragraph_table, problems


def entries_table(reports: list[Report], *, knowledge: Any = None) -> pd.DataFrame:
    """The ``entries`` table of the given reports (see :func:`read_entries`)."""
    return read_entries(reports, knowledge=knowledge)[0]


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
    with_entries = set(entries.loc[entries["kind"] == "entry", "report_id"])
    return [
        Problem(r.path, None, "warning",
                "no paragraph opens with an attribution ('In <Outlet> on <Month Day>, <Author> wrote'),"
                " so no entry was read: the text is kept as the overview and unattributed blocks;"
                " check the file is a country report of summarized publications")
        for r in reports if r.report_id not in with_entries
    ]
