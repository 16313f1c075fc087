"""Reading in processes gives the tables reading in this process gives."""

from __future__ import annotations

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
