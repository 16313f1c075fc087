"""workbook run prints the reading problems after its summary and exits 1 when a report file
was skipped (the runs themselves are stubbed: the real batch is tested in test_batch.py)."""

import argparse
import shutil
from pathlib import Path

import pytest

from analysis.workbook import batch
from analysis.workbook.manifest import RunResult
from analysis.workbook.problems import batch_problems

ROOT = Path(__file__).resolve().parents[2]


def _args():
    return argparse.Namespace(plan=None, only=None, force=False, jobs=1, out=None, figures=None,
                              wait=0.0)


@pytest.fixture
def folder(tmp_path):
    for path in (ROOT / "reports_raw").glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def _stub(monkeypatch, folder):
    results = [RunResult("01_corpus_overview", "notebooks/01_corpus_overview.ipynb", "ok", 1.0,
                         {"reports_dir": str(folder)}),
               RunResult("05_actor_deep_dive-japan", "notebooks/05_actor_deep_dive.ipynb", "ok",
                         1.0, {"reports_dir": str(folder), "actor": "Japan"})]
    monkeypatch.setattr(batch, "run", lambda *a, **k: results)
    return results


def test_a_skipped_report_is_printed_and_exits_1(monkeypatch, capsys, folder):
    (folder / "broken-2024-05.txt").write_bytes(b"\x00\x01binary\xff")
    _stub(monkeypatch, folder)
    assert batch.run_from_args(_args()) == 1
    out = capsys.readouterr().out
    assert "problems reading the reports: 1 skipped" in out
    assert "broken-2024-05.txt" in out and "error" in out
    assert out.index("problems reading") > out.index("01_corpus_overview")  # after the summary


def test_clean_reports_exit_0_and_print_no_problem(monkeypatch, capsys, folder):
    _stub(monkeypatch, folder)
    assert batch.run_from_args(_args()) == 0
    assert "problems reading" not in capsys.readouterr().out


def test_each_folder_is_read_once_and_defaults_come_from_the_notebook(folder):
    (folder / "broken-2024-05.txt").write_bytes(b"\x00\x01binary\xff")
    results = [RunResult("a", "notebooks/01_corpus_overview.ipynb", "ok", 0.0,
                         {"reports_dir": str(folder)}),
               RunResult("b", "notebooks/02_attention_and_tone.ipynb", "ok", 0.0,
                         {"reports_dir": str(folder)})]
    problems = batch_problems(results, ROOT)
    assert [Path(p.path).name for p in problems] == ["broken-2024-05.txt"]
    # no reports_dir in the plan: the notebook's default, reports_raw, which reads clean
    default = [RunResult("c", "notebooks/01_corpus_overview.ipynb", "ok", 0.0, {})]
    assert batch_problems(default, ROOT) == []
