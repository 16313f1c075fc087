"""The corpus: the tidy tables of a folder of reports, and :func:`load_corpus` that builds them.

``reports`` (one row per report) and ``entries`` (one row per summarized publication, plus the
overview) come from reading and segmenting; ``sentences``, ``tokens``, ``mentions`` and ``frames``
from :mod:`analysis.annotate`. Columns are listed in ``docs/architecture.md``.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.io import Problem, Report, read_reports
from analysis.lexicons import outlets
from analysis.parse import authors_in_text, resolve_pub_date
from analysis.segment import segment
from analysis.tokens import tokenize

__all__ = ["Corpus", "CorpusError", "ReportWarning", "entries_table", "load_corpus", "reports_table"]

REPORT_COLUMNS = ["report_id", "country", "period", "title", "path", "sha256"]
ENTRY_COLUMNS = [
    "entry_id", "report_id", "position", "kind", "section", "outlet", "issue", "pub_date",
    "authors", "n_words", "line", "text",
]
PROBLEM_COLUMNS = ["path", "line", "severity", "message"]


class ReportWarning(UserWarning):
    """A report was skipped or read with a caveat; the message names the file and line."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)`` when any report has a problem, or when none is left."""


@dataclass(frozen=True)
class Corpus:
    """The tables of a corpus. Nothing clever: build it with :func:`load_corpus`."""

    reports: pd.DataFrame
    entries: pd.DataFrame
    sentences: pd.DataFrame = field(default_factory=pd.DataFrame)
    tokens: pd.DataFrame = field(default_factory=pd.DataFrame)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    frames: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))

    def __repr__(self) -> str:
        sizes = ", ".join(
            f"{name}={len(getattr(self, name))}"
            for name in ("reports", "entries", "sentences", "tokens", "mentions", "frames")
        )
        return f"Corpus({sizes}, problems={len(self.problems)})"


def reports_table(reports: list[Report]) -> pd.DataFrame:
    """The ``reports`` table: one row per report, sorted by period then report_id."""
    rows = [{c: getattr(r, c) for c in REPORT_COLUMNS} for r in reports]
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def _entry_rows(report: Report, *, outlets_file: str | Path | None) -> list[dict]:
    table = outlets(outlets_file)
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


def entries_table(reports: list[Report], *, outlets_file: str | Path | None = None) -> pd.DataFrame:
    """The ``entries`` table of the given reports (see ``docs/architecture.md`` for columns)."""
    rows = [row for report in reports for row in _entry_rows(report, outlets_file=outlets_file)]
    table = pd.DataFrame(rows, columns=ENTRY_COLUMNS)
    table["pub_date"] = pd.to_datetime(table["pub_date"]).astype("datetime64[ns]")
    table = table.astype({"position": "int64", "n_words": "int64", "line": "int64"})
    return resolve_surnames(table)


def _problems_table(problems: list[Problem]) -> pd.DataFrame:
    rows = [{"path": p.path, "line": p.line, "severity": p.severity, "message": p.message} for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def load_corpus(
    path: str | Path | None = None,
    *,
    annotate: bool = True,
    strict: bool = False,
    outlets_file: str | Path | None = None,
    gazetteer: str | Path | None = None,
    frames_lexicon: str | Path | None = None,
    boilerplate: str | Path | None = None,
    progress: bool | None = None,
    jobs: int | None = None,
    scheduler: object = None,
    cache: str | Path | bool | None = True,
) -> Corpus:
    """Read a folder of reports into a :class:`Corpus`.

    Parameters
    ----------
    path : folder of ``.txt`` reports; default the project's ``reports_raw``.
    annotate : also build sentences, tokens, mentions (with tone) and frames.
    strict : raise :class:`CorpusError` on any problem instead of warning and skipping.
    outlets_file, gazetteer, frames_lexicon, boilerplate : user TOML files extending the shipped ones.
    progress : show a progress bar; default: only on a terminal.
    jobs : processes that annotate; 1 this process only; default every core (this process alone
        when only a few reports need annotating). Results are identical whatever the value.
    scheduler : a Dask scheduler address (``"tcp://host:port"``) or a ``distributed.Client``:
        annotate on that cluster (its workers need this package installed).
    cache : reuse the annotations of unchanged reports, and the whole corpus (a snapshot of its
        tables, no segmenting) when no file changed: True (default) the project's
        ``.cache/annotations`` (or ``$WORKBOOK_CACHE_DIR``), a folder, or False.
        See :mod:`analysis.cache`.

    Every problem (a file skipped, a caveat) is in ``corpus.problems`` and is also issued as a
    :class:`ReportWarning` naming the file and line; the other reports are always read.
    """
    if path is None:
        from analysis.config import settings

        path = settings().reports
        try:  # keep paths in the tables short and machine-independent
            path = os.path.relpath(path)
        except ValueError:
            pass
    from analysis.cache import (
        file_digests,
        frame_of,
        resolve_cache,
        snapshot_key,
        snapshot_slot,
        snapshot_tables,
    )
    from analysis.io import MAX_BYTES, report_files

    # A whole-corpus snapshot (analysis.cache) keyed by every file's content: when it matches,
    # the files are only read and hashed; the tables are not built again.
    store = resolve_cache(cache) if annotate else None
    options = {"outlets_file": outlets_file, "gazetteer": gazetteer,
               "frames_lexicon": frames_lexicon, "boilerplate": boilerplate}
    files = file_digests(report_files(path), max_bytes=MAX_BYTES) if store is not None else None
    if files is not None:
        slot, key = snapshot_slot(path, **options), snapshot_key(files, **options)
        snapshot = store.load_snapshot(slot, key)
    else:
        snapshot = None
    if snapshot is not None:
        reports = [Report(**row, lines=()) for row in snapshot["reports"].to_pylist()]
        problems = [Problem(**row) for row in snapshot["problems"].to_pylist()]
        entries = frame_of(snapshot["entries"])
    else:
        reports, problems = read_reports(path, boilerplate=boilerplate)
        entries = entries_table(reports, outlets_file=outlets_file)
        problems = problems + unattributed(entries, reports)
    if strict and problems:
        raise CorpusError("; ".join(str(p) for p in problems))
    for problem in problems:
        warnings.warn(str(problem), ReportWarning, stacklevel=2)
    if not reports:
        raise CorpusError(
            f"{path}: no readable report: put .txt files with a 'Country Report: <Country> (<Month> <Year>)'"
            " title line in this folder"
        )
    from analysis.engine import annotate_reports

    if snapshot is not None:
        tables = {name: snapshot[name].to_pandas() for name in ("sentences", "tokens", "mentions", "frames")}
    elif annotate:
        tables = annotate_reports(entries, jobs=jobs, scheduler=scheduler, cache=cache,
                                  gazetteer=gazetteer, frames_lexicon=frames_lexicon,
                                  progress=progress)
    else:  # the annotation tables, empty but with their columns
        tables = annotate_reports(entries.iloc[0:0], jobs=1, cache=False)
    corpus = Corpus(
        reports=reports_table(reports),
        entries=entries,
        problems=_problems_table(problems),
        **tables,
    )
    if files is not None and snapshot is None:
        # Only when the files read are the files hashed (none changed in between).
        read, hashed = {r.path: f"sha256:{r.sha256}" for r in reports}, dict(files)
        rest = [(p, d) for p, d in files if p not in read]  # files that gave no report
        if all(hashed.get(p) == d for p, d in read.items()) and rest == file_digests(
                [Path(p) for p, _ in rest], max_bytes=MAX_BYTES):
            try:
                store.store_snapshot(slot, key, snapshot_tables(corpus, problems))
            except OSError:  # a cache that cannot be written only costs the next load its speed
                pass
    return corpus
