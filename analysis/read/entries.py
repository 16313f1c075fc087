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
from analysis.tables import concat_frames
from analysis.text.tokenize import tokenize

__all__ = ["ENTRY_COLUMNS", "LEAN_PARAGRAPH_COLUMNS", "PARAGRAPH_COLUMNS", "entries_table", "glue",
           "read_entries", "reading_workers", "resolve_surnames", "unattributed",
           "with_paragraph_text"]

ENTRY_COLUMNS = [
    "entry_id", "report_id", "position", "kind", "section", "outlet", "outlet_as_written",
    "issue", "pub_date", "authors", "genre", "n_words", "line", "text",
]
PARAGRAPH_COLUMNS = ["report_id", "paragraph", "line", "role", "entry_id", "reason", "text"]
#: The paragraphs table as kept: a paragraph of an entry holds no text of its own but its
#: offsets into the entry's text (``entry.text[start:end]``, -1 for the others), and the text
#: column is built when the table is read (:func:`with_paragraph_text`).
LEAN_PARAGRAPH_COLUMNS = [*PARAGRAPH_COLUMNS, "start", "end"]


def _rows(report: Report, knowledge: Any) -> tuple[list[dict], list[dict], list[Problem]]:
    inside: list[int] = []
    segments, roles = segmentation(report, knowledge=knowledge, doubts=inside)
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
                   "entry_id": None, "reason": reason, "text": text, "start": -1, "end": -1}
                  for line, role, reason, text in report.removed]
    offsets: dict[int, int] = {}  # segment -> where its next paragraph starts in its text
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
        text, start, end = role.paragraph.text, -1, -1
        if role.segment is not None:  # the entry's text is its paragraphs joined by "\n\n"
            start = offsets.get(role.segment, 0)
            offsets[role.segment] = start + len(text) + 2
            if segments[role.segment].text[start:start + len(text)] == text:
                text, end = None, start + len(text)
            else:  # (never seen) kept whole rather than read wrong
                start = -1
        paragraphs.append({"report_id": report.report_id, "paragraph": 0,
                           "line": role.paragraph.line, "role": role.role, "entry_id": entry_id,
                           "reason": reason, "text": text, "start": start, "end": end})
    problems += glue(report, entries, roles, ids, inside)
    paragraphs.sort(key=lambda row: row["line"])
    for k, row in enumerate(paragraphs):
        row["paragraph"] = k
    return entries, paragraphs, problems


#: An entry this many times as long as its report's median entry (and at least
#: :data:`GLUE_WORDS` words), or any of :data:`LONE_WORDS` words, may be several glued together.
GLUE_RATIO, GLUE_WORDS, LONE_WORDS = 4, 600, 3000


def glue(report: Report, entries: list[dict], roles: list, ids: list[str],
         inside: list[int]) -> list[Problem]:
    """Warnings of entries that may hold others (no silent glue): a line inside a paragraph
    that opens an attribution but runs on from the line before, and an entry several times as
    long as the report's median entry."""
    out = []
    starts = sorted(((r.paragraph.line, ids[r.segment] if r.segment is not None else None)
                     for r in roles), key=lambda start: start[0])  # paragraphs may share a line
    for line in inside:
        owner = next((e for start, e in reversed(starts) if start <= line), None)
        out.append(Problem(report.path, line, "warning",
                           f"this line opens like an attribution inside a paragraph of {owner}, "
                           "but the line before runs on into it, so it was not read as a new "
                           "entry: if it starts one, end the sentence before it or put a blank "
                           "line before it"))
    sizes = [e["n_words"] for e in entries if e["kind"] == "entry"]
    median = sorted(sizes)[len(sizes) // 2] if sizes else 0
    for e in entries:
        n = e["n_words"]
        if e["kind"] != "entry" or n < GLUE_WORDS:
            continue
        if len(sizes) >= 3 and n >= GLUE_RATIO * median:
            why = f"{n / median:.1f} times the report's median entry ({median} words)"
        elif n >= LONE_WORDS:
            why = f"more than {LONE_WORDS:,} words"
        else:
            continue
        out.append(Problem(report.path, e["line"], "warning",
                           f"{e['entry_id']} has {n:,} words, {why}: it may hold several "
                           "entries glued together (paragraphs without a blank line or line "
                           "end between them); check it with `workbook entries --explain`"))
    return out


#: Entry columns of text that may be missing (pandas' string dtype, missing as NaN).
TEXT_COLUMNS = ("section", "outlet", "outlet_as_written", "issue", "genre")
#: Paragraph columns of text (entry_id is missing for a paragraph outside every entry).
PARAGRAPH_TEXT_COLUMNS = ("report_id", "role", "entry_id", "reason", "text")


_WORKER_KNOWLEDGE: Any = None
#: Fewest reports per process worth starting processes for (a fork costs about 50 ms; reading
#: a report about 15).
MIN_REPORTS_PER_JOB = 16
#: Most reports a reading process is given at once.
MAX_CHUNK = 64


def _init_reader(knowledge: Any) -> None:
    """Set the knowledge of a worker process that reads (the initializer of its pool)."""
    global _WORKER_KNOWLEDGE
    _WORKER_KNOWLEDGE = knowledge


def _frames(reports: list[Report], knowledge: Any = None, counts: list | None = None
            ) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """The entries and paragraphs of some reports, as typed tables (surnames not resolved yet),
    and the doubts met; ``counts``, when given, receives ``(entries, paragraphs, doubts)`` of
    each report. A worker returns these tables, not its rows: a table of Arrow strings
    pickles, and is held, in a fraction of the memory of rows of Python objects."""
    knowledge = knowledge if knowledge is not None else _WORKER_KNOWLEDGE
    entry_rows, paragraph_rows, problems = [], [], []
    for report in reports:
        try:
            e, p, found = _rows(report, knowledge)
        except Exception as exc:  # noqa: BLE001 - a fault of ours on one file costs no other
            e, p = [], []
            found = [Problem(report.path, None, "warning",
                             f"its paragraphs could not be read into entries ({type(exc).__name__}:"
                             f" {exc}): the report is kept without entries; this is a fault of"
                             " the workbook, please report it with the file")]
        entry_rows += e
        paragraph_rows += p
        problems += found
        if counts is not None:
            counts.append((len(e), len(p), found))
    entries = pd.DataFrame(entry_rows, columns=ENTRY_COLUMNS)
    entries["pub_date"] = pd.to_datetime(entries["pub_date"]).astype("datetime64[ns]")
    entries = entries.astype({"position": "int64", "n_words": "int64", "line": "int64"})
    # text columns that may be missing: one dtype whether or not any report fills them
    entries = entries.astype({c: "str" for c in (*TEXT_COLUMNS, "entry_id", "report_id", "kind",
                                                 "text")})
    paragraphs = pd.DataFrame(paragraph_rows, columns=LEAN_PARAGRAPH_COLUMNS).astype(
        {"paragraph": "int64", "line": "int64", "start": "int32", "end": "int32"}
        | {c: "str" for c in PARAGRAPH_TEXT_COLUMNS})
    return entries, paragraphs, problems


def _chunks(reports: list[Report], workers: int) -> list[list[Report]]:
    """Runs of reports for ``workers`` processes: eight per worker, of at most
    :data:`MAX_CHUNK` reports (a worker holds a chunk's lines and rows at once)."""
    size = max(1, min(MAX_CHUNK, len(reports) // (workers * 8)))
    return [reports[i:i + size] for i in range(0, len(reports), size)]


def reading_workers(n_reports: int, jobs: int | None) -> int:
    """How many processes read ``n_reports`` reports: ``jobs`` (None: every core), but no more
    than one per :data:`MIN_REPORTS_PER_JOB` reports; 1 means this process alone."""
    from analysis.config import default_jobs

    return max(1, min(jobs or default_jobs(), n_reports // MIN_REPORTS_PER_JOB))


def _all_frames(reports: list[Report], knowledge: Any, jobs: int | None, pool: Any):
    """``_frames`` of the reports, chunk by chunk in order: in this process, or on ``pool`` (an
    executor whose workers ran :func:`_init_reader`), or in ``jobs`` processes of their own
    (None: every core) when there are enough reports. The tables are the same either way."""
    from analysis.config import process_context

    workers = reading_workers(len(reports), jobs)
    if pool is not None and workers > 1:
        return list(pool.map(_frames, _chunks(reports, workers)))
    if workers <= 1:
        return [_frames(reports, knowledge)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=process_context(), initializer=_init_reader,
                             initargs=(knowledge,)) as own:
        return list(own.map(_frames, _chunks(reports, workers)))


def read_entries(reports: list[Report], *, knowledge: Any = None, jobs: int | None = 1,
                 pool: Any = None) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """The ``entries`` and ``paragraphs`` tables of the given reports, and the doubts met.

    ``knowledge``: the :class:`~analysis.knowledge.bundle.Knowledge` to read with (outlets,
    the words of attributions, the gazetteer); default the shipped files. ``jobs``: processes
    that read (None: every core, when there are at least 16 reports per process); ``pool``: an
    executor to read on instead of starting processes (its workers' initializer must call
    ``_init_reader`` with the same knowledge). The tables are the same whatever the values.
    """
    if knowledge is None:
        from analysis.knowledge.bundle import load_knowledge

        knowledge = load_knowledge()
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs={jobs}: give a number of processes >= 1, or None for every core")
    parts = _all_frames(reports, knowledge, jobs, pool)
    problems = [problem for _, _, found in parts for problem in found]
    entry_parts, paragraph_parts = [e for e, _, _ in parts], [p for _, p, _ in parts]
    del parts  # the lists hold the only references: each column's parts go once it is combined
    entries = concat_frames(entry_parts)
    return resolve_surnames(entries), concat_frames(paragraph_parts), problems


def with_paragraph_text(paragraphs: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """The paragraphs table with its documented columns (:data:`PARAGRAPH_COLUMNS`): a kept
    table's text built, each paragraph of an entry ``entry.text[start:end]``. A table that has
    its text already is returned as it is."""
    if "start" not in paragraphs.columns:
        return paragraphs
    from analysis.tables import entry_slices

    own = paragraphs["start"].to_numpy() < 0
    sliced = entry_slices(entries, paragraphs["entry_id"], paragraphs["start"], paragraphs["end"])
    text = pd.Series(sliced, index=paragraphs.index).where(~own, paragraphs["text"])
    return paragraphs[PARAGRAPH_COLUMNS[:-1]].assign(text=text.astype("str"))


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
