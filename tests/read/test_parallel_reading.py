"""Reading in processes gives the tables reading in this process gives."""

from __future__ import annotations

import calendar
import sys
from pathlib import Path

import pandas as pd

from analysis.corpus import load_corpus
from analysis.knowledge.bundle import load_knowledge
from analysis.read.entries import MIN_REPORTS_PER_JOB, read_entries
from analysis.read.reports import read_reports

ROOT = Path(__file__).resolve().parents[2]


def test_two_processes_read_what_one_reads(tmp_path, samples_dir):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_corpus

    write_corpus(load_corpus(samples_dir, annotate=False, cache=False).entries,
                 2 * MIN_REPORTS_PER_JOB, tmp_path / "reports")
    reports, _ = read_reports(tmp_path / "reports")
    knowledge = load_knowledge()
    alone = read_entries(reports, knowledge=knowledge, jobs=1)
    shared = read_entries(reports, knowledge=knowledge, jobs=2)
    pd.testing.assert_frame_equal(alone[0], shared[0])
    pd.testing.assert_frame_equal(alone[1], shared[1])
    assert alone[2] == shared[2]
    assert alone[0]["report_id"].nunique() == 2 * MIN_REPORTS_PER_JOB


def _synthetic_folder(tmp_path, samples_dir) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_corpus

    folder = tmp_path / "reports"
    write_corpus(load_corpus(samples_dir, annotate=False, cache=False).entries,
                 2 * MIN_REPORTS_PER_JOB, folder)
    return folder


def test_a_shared_pool_reads_what_one_process_reads(tmp_path, samples_dir):
    from analysis.annotate.engine import worker_pool

    reports, _ = read_reports(_synthetic_folder(tmp_path, samples_dir))
    knowledge = load_knowledge()
    alone = read_entries(reports, knowledge=knowledge, jobs=1)
    with worker_pool(2, knowledge) as pool:
        shared = read_entries(reports, knowledge=knowledge, jobs=2, pool=pool)
    pd.testing.assert_frame_equal(alone[0], shared[0])
    pd.testing.assert_frame_equal(alone[1], shared[1])
    assert alone[2] == shared[2]


def test_the_workers_start_before_any_report_is_read_and_end_before_the_tables(
        tmp_path, samples_dir, monkeypatch):
    """One pool reads and annotates: forked from a process that holds no report yet, its
    workers reading their own files (this process never holds a report's lines), closed
    before the annotation tables are put together (when this process's memory peaks)."""
    import multiprocessing

    from analysis.annotate import engine
    from analysis.read import folder as corpus_module

    folder = _synthetic_folder(tmp_path, samples_dir)
    seen: dict[str, int] = {}
    started = []
    real_read, real_concat, real_pool = (corpus_module.report_files, engine.concat_parts,
                                         engine.worker_pool)

    def read(*args, **kwargs):
        seen["reading"] = len(multiprocessing.active_children())
        return real_read(*args, **kwargs)

    def concat(parts):
        seen["concatenating"] = len(multiprocessing.active_children())
        return real_concat(parts)

    def pool(*args, **kwargs):
        started.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(corpus_module, "report_files", read)
    monkeypatch.setattr(engine, "concat_parts", concat)
    monkeypatch.setattr(engine, "worker_pool", pool)
    parallel = load_corpus(folder, jobs=2, cache=False)
    assert seen == {"reading": 2, "concatenating": 0}
    assert len(started) == 1
    alone = load_corpus(folder, jobs=1, cache=False)
    for name in ("entries", "paragraphs", "sentences", "mentions", "frames"):
        pd.testing.assert_frame_equal(getattr(parallel, name), getattr(alone, name))
        pd.testing.assert_frame_equal(parallel.kept(name), alone.kept(name))


def test_a_chunk_of_reports_without_authors_joins_the_others(tmp_path, samples_dir):
    """The workers' tables are joined by column type: a chunk of reports whose entries name no
    author (an all-empty ``authors`` column, list<null> in Arrow) joins chunks that name some,
    and the corpus equals the one read in one process (real excerpts of the series failed so)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    signed = "In Kommersant on May 6, Ivan Petrov wrote that Japan and China agree on trade."
    unsigned = "In Kommersant on May 6, an editorial argued that Japan and China agree on trade."
    for k in range(2 * MIN_REPORTS_PER_JOB):
        body = unsigned if k < MIN_REPORTS_PER_JOB else signed
        title = f"Country Report: Russia ({calendar.month_name[k % 12 + 1]} {2000 + k // 12})"
        (folder / f"r{k:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    alone = load_corpus(folder, jobs=1, cache=False, progress=False)
    shared = load_corpus(folder, jobs=2, cache=False, progress=False)
    assert alone.entries["authors"].map(len).tolist()[:2] == [0, 0]
    assert alone.entries["authors"].map(len).sum() == MIN_REPORTS_PER_JOB
    pd.testing.assert_frame_equal(alone.entries, shared.entries)
    pd.testing.assert_frame_equal(alone.mentions, shared.mentions)
