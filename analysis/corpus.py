"""The corpus: the tidy tables of a folder of reports, and :func:`load_corpus` that builds them.

``load_corpus`` is a short pipeline, each step a stage of the package: read the report files
(:mod:`analysis.read.reports`), segment them into entries (:mod:`analysis.read.entries`),
annotate the entries (:mod:`analysis.annotate.engine`: sentences, tokens, mentions, frames) and
hold the tables in a :class:`Corpus`, with the :class:`~analysis.knowledge.bundle.Knowledge`
they were made with. A snapshot of the whole corpus (:mod:`analysis.store.snapshot`) wraps the
pipeline: while no file changed, the tables are read back instead of built. Columns are listed
in ``docs/architecture.md``.
"""

from __future__ import annotations

import os
import warnings
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.annotate.sentences import with_sentence_text
from analysis.config import release_memory
from analysis.knowledge.bundle import Knowledge, shipped_knowledge
from analysis.read.entries import (
    ENTRY_COLUMNS,
    PARAGRAPH_COLUMNS,
    read_entries,
    unattributed,
    with_paragraph_text,
)
from analysis.read.reports import (
    MAX_BYTES,
    PROBLEM_COLUMNS,
    REPORT_COLUMNS,
    Problem,
    problems_table,
    read_reports,
    report_files,
    reports_table,
)

__all__ = ["ENTRY_COLUMNS", "REPORT_COLUMNS", "Corpus", "CorpusError", "ReportWarning",
           "load_corpus"]


class ReportWarning(UserWarning):
    """A report was skipped or read with a caveat; the message names the file and line."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)`` when any report has a problem, or when none is left."""


class _OnDemand:
    """The ``tokens`` field of :class:`Corpus`: a table given to the constructor, or, when
    none was (None), the tokens of the entries built when first read and then kept."""

    def __get__(self, corpus: Corpus | None, owner: type | None = None) -> pd.DataFrame | None:
        if corpus is None:
            return None  # the field's default
        table = corpus.__dict__.get("tokens")
        if table is None:
            table = corpus.__dict__["tokens"] = _tokens_of(corpus.entries, corpus.kept("sentences"))
        return table

    def __set__(self, corpus: Corpus, table: pd.DataFrame | None) -> None:
        corpus.__dict__["tokens"] = table


#: (kept table, built table) by id of the kept table, both weakly: a table read with its text
#: is built once and shared while someone holds it, and costs no memory once nobody does.
_BUILT: dict[int, tuple[weakref.ref, weakref.ref]] = {}


class _WithText:
    """The ``sentences`` and ``paragraphs`` fields of :class:`Corpus`. The table is kept as
    given, or, as the pipeline and the snapshot give it, without its text: a sentence's text is
    ``entry.text[start:end]``, and so is a paragraph's inside an entry. Read, it has its
    documented columns, the text built from the entries (one string slice a row); the built
    table is shared while anyone holds it (:data:`_BUILT`), and built again after that."""

    def __init__(self, build: Any, empty: Any) -> None:
        self.build, self.empty = build, empty

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, corpus: Corpus | None, owner: type | None = None) -> pd.DataFrame | None:
        if corpus is None:
            return None  # the field's default: an empty table
        kept = corpus.__dict__[self.name]
        found = _BUILT.get(id(kept))
        if found is not None and found[0]() is kept and (table := found[1]()) is not None:
            return table
        table = self.build(kept, corpus.entries)
        if table is not kept:
            key = id(kept)
            _BUILT[key] = (weakref.ref(kept), weakref.ref(table, lambda _: _BUILT.pop(key, None)))
        return table

    def __set__(self, corpus: Corpus, table: pd.DataFrame | None) -> None:
        corpus.__dict__[self.name] = self.empty() if table is None else table


def _tokens_of(entries: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The tokens table of the annotated entries, report by report in the order of their first
    entry (the order the annotation tables have); empty when nothing was annotated."""
    from analysis.annotate.tokens import token_table

    if not len(sentences):
        return token_table(sentences, entries.iloc[0:0])
    rank = {r: k for k, r in enumerate(pd.unique(entries["report_id"]))}
    ordered = entries.assign(_rank=entries["report_id"].map(rank)).sort_values(
        ["_rank", "entry_id"], kind="stable")
    return token_table(sentences, ordered, sort=False)


@dataclass(frozen=True)
class Corpus:
    """The tables of a corpus, and the knowledge they were made with. Build it with
    :func:`load_corpus`.

    ``tokens`` is built from ``entries`` and ``sentences`` when first read (then kept): it has
    about 20 rows per sentence, and a corpus used only for attention to actors, tone or frames
    never needs it in memory. The text of ``sentences`` and of ``paragraphs`` is the entries'
    text again: it is kept as offsets, and built when the table is read (:meth:`kept` gives
    the tables as kept). Ids are pandas ``category`` columns in the annotation tables, offsets
    and indexes int32 (``docs/architecture.md``).
    """

    reports: pd.DataFrame
    entries: pd.DataFrame
    sentences: pd.DataFrame = _WithText(with_sentence_text, pd.DataFrame)  # type: ignore[assignment]
    tokens: pd.DataFrame = _OnDemand()  # type: ignore[assignment]
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    frames: pd.DataFrame = field(default_factory=pd.DataFrame)
    problems: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROBLEM_COLUMNS))
    paragraphs: pd.DataFrame = _WithText(  # type: ignore[assignment]
        with_paragraph_text, lambda: pd.DataFrame(columns=PARAGRAPH_COLUMNS))
    knowledge: Knowledge | None = field(default=None, repr=False, compare=False)

    def kept(self, name: str) -> pd.DataFrame:
        """A table as the corpus keeps it: ``sentences`` and ``paragraphs`` without their text
        (offsets into the entries' text instead) when they came from :func:`load_corpus`; the
        measures read these, and the snapshot stores them. Any other name: the table itself."""
        return self.__dict__[name] if name in ("sentences", "paragraphs") else getattr(self, name)

    def __repr__(self) -> str:
        built = {**self.__dict__, "tokens": self.__dict__.get("tokens")}
        sizes = ", ".join(
            f"{name}={len(built[name]) if built[name] is not None else 'on demand'}"
            for name in ("reports", "entries", "sentences", "tokens", "mentions", "frames")
        )
        return f"Corpus({sizes}, problems={len(self.problems)})"


def load_corpus(
    path: str | Path | None = None,
    *,
    annotate: bool = True,
    strict: bool = False,
    knowledge: Knowledge | None = None,
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
    knowledge : outlets, boilerplate, gazetteer and frames to read and annotate with
        (:func:`analysis.knowledge.bundle.load_knowledge`, which takes users' own files);
        default the shipped files.
    progress : show a progress bar; default: only on a terminal.
    jobs : processes that annotate; 1 this process only; default every core (this process alone
        when only a few reports need annotating). Results are identical whatever the value.
    scheduler : a Dask scheduler address (``"tcp://host:port"``) or a ``distributed.Client``:
        annotate on that cluster (its workers need this package installed).
    cache : reuse the annotations of unchanged reports, and the whole corpus (a snapshot of its
        tables) when no file changed: True (default) the project's ``.cache/annotations`` (or
        ``$WORKBOOK_CACHE_DIR``), a folder, or False. See :mod:`analysis.store`.

    Every problem (a file skipped, a caveat) is in ``corpus.problems`` and is also issued as a
    :class:`ReportWarning` naming the file and line; the other reports are always read.
    """
    from analysis.store.annotations import resolve_cache
    from analysis.store.snapshot import CorpusSnapshot

    folder = _reports_folder(path)
    knowledge = knowledge if knowledge is not None else shipped_knowledge()
    store = resolve_cache(cache) if annotate else None
    snapshot = CorpusSnapshot.find(store, folder, report_files(folder), knowledge,
                                   max_bytes=MAX_BYTES)
    tables = snapshot.load() if snapshot is not None else None
    if tables is not None:
        corpus = _from_snapshot(tables, knowledge)
        _report(_problems(corpus.problems), strict, folder, len(corpus.reports), stacklevel=3)
        return corpus
    corpus = build_corpus(folder, knowledge=knowledge, annotate=annotate, strict=strict,
                          jobs=jobs, scheduler=scheduler, cache=cache, progress=progress,
                          stacklevel=4)
    if snapshot is not None:
        snapshot.store(corpus)
    return corpus


def build_corpus(folder: str | Path, *, knowledge: Knowledge, annotate: bool = True,
                 strict: bool = False, jobs: int | None = None, scheduler: object = None,
                 cache: str | Path | bool | None = True, progress: bool | None = None,
                 stacklevel: int = 3) -> Corpus:
    """The pipeline of :func:`load_corpus` without its snapshot: read, entries, annotate.

    ``jobs``, ``scheduler``, ``cache`` and ``progress`` are those of :func:`load_corpus` (and of
    :func:`analysis.annotate.engine.annotation_parts`). Problems are raised or warned about as
    by ``load_corpus``.

    With enough reports, one pool of worker processes reads and annotates them. It is started
    before any report is read, so that each worker holds only the code and the knowledge; each
    worker reads its own files (:func:`analysis.read.folder.read_folder`), so this process
    never holds the reports' lines; and it is closed before the tables are put together.
    """
    from analysis.annotate.engine import annotation_parts, concat_parts

    with _workers(folder, knowledge, jobs=jobs, scheduler=scheduler) as pool:
        if pool is not None:  # each worker reads its own files: no report's lines held here
            from analysis.read.folder import read_folder

            reports, problems, entries, paragraphs, doubts = read_folder(
                folder, pool=pool, workers=pool._max_workers)
        else:
            reports, problems = read_reports(folder, boilerplate=knowledge.boilerplate)
            entries, paragraphs, doubts = read_entries(reports, knowledge=knowledge, jobs=jobs)
        problems = problems + doubts + unattributed(entries, reports)
        _report(problems, strict, folder, len(reports), stacklevel=stacklevel)
        table = reports_table(reports)
        del reports  # their lines: as large as the entries, and no longer needed while annotating
        release_memory()
        if annotate:
            parts = annotation_parts(entries, knowledge=knowledge, pool=pool, jobs=jobs,
                                     scheduler=scheduler, cache=cache, progress=progress)
        else:
            parts = annotation_parts(entries.iloc[0:0], knowledge=knowledge, jobs=1, cache=False)
    tables = concat_parts(parts)
    del parts
    release_memory()
    return Corpus(reports=table, entries=entries, paragraphs=paragraphs,
                  problems=problems_table(problems), knowledge=knowledge, **tables)


def _workers(folder: str | Path, knowledge: Knowledge, *, jobs: int | None,
             scheduler: object) -> Any:
    """The process pool that reads and annotates the reports of ``folder``, or a null context
    (None) when they are read in this process: one process asked for, a Dask scheduler (which
    annotates on its own workers), or too few reports to read in parallel."""
    from contextlib import nullcontext

    from analysis.annotate.engine import worker_pool
    from analysis.read.entries import reading_workers

    if scheduler is not None or jobs == 1:
        return nullcontext()
    try:
        n_files = len(report_files(folder))
    except Exception:  # noqa: BLE001 - read_reports says what is wrong with the folder
        return nullcontext()
    workers = reading_workers(n_files, jobs)
    return worker_pool(workers, knowledge) if workers > 1 else nullcontext()


def _reports_folder(path: str | Path | None) -> str | Path:
    """``path``, or the project's reports folder as a short, machine-independent path."""
    if path is not None:
        return path
    from analysis.config import settings

    try:
        return os.path.relpath(settings().reports)
    except ValueError:  # another drive (Windows)
        return settings().reports


def _problems(table: pd.DataFrame) -> list[Problem]:
    return [Problem(path, None if pd.isna(line) else int(line), severity, message)
            for path, line, severity, message in table[PROBLEM_COLUMNS].itertuples(index=False)]


def _report(problems: list[Problem], strict: bool, folder: str | Path, n_reports: int, *,
            stacklevel: int) -> None:
    """Raise on any problem when ``strict``; else warn about each; raise when no report is left."""
    if strict and problems:
        raise CorpusError("; ".join(str(p) for p in problems))
    for problem in problems:
        warnings.warn(str(problem), ReportWarning, stacklevel=stacklevel)
    if not n_reports:
        raise CorpusError(
            f"{folder}: no readable report: put .txt files with a 'Country Report: <Country> "
            "(<Month> <Year>)' title line in this folder"
        )


def _from_snapshot(tables: dict[str, Any], knowledge: Knowledge) -> Corpus:
    from analysis.store.annotations import TABLES
    from analysis.store.snapshot import frame_of

    reports = pd.DataFrame(tables["reports"].to_pylist(), columns=REPORT_COLUMNS)
    problems = problems_table([Problem(**row) for row in tables["problems"].to_pylist()])
    annotation = {name: tables[name].to_pandas() for name in TABLES}
    return Corpus(reports=reports, entries=frame_of(tables["entries"]), problems=problems,
                  paragraphs=frame_of(tables["paragraphs"]), knowledge=knowledge, **annotation)
