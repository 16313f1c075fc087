"""annotate_reports: worker processes give exactly the tables of one process, in input order."""

import sys

import pandas as pd
import pytest
from engine_fixture import assert_tables_equal, plain, sample_entries, synthetic_entries

from analysis.annotate.engine import MAX_BATCH, _batches, annotate_reports
from analysis.knowledge.bundle import load_knowledge
from analysis.store.annotations import TABLES


@pytest.fixture(scope="module")
def samples():
    return sample_entries()


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_entries(20)


@pytest.fixture(scope="module")
def synthetic_single(synthetic):
    return annotate_reports(synthetic, jobs=1, cache=False)


def test_single_process_equals_plain_loop_on_samples(samples):
    assert_tables_equal(annotate_reports(samples, jobs=1, cache=False), plain(samples))


def test_two_workers_equal_single_process_on_samples(samples):
    assert_tables_equal(annotate_reports(samples, jobs=2, cache=False), plain(samples))


def test_two_workers_equal_single_process_on_20_reports(synthetic, synthetic_single):
    parallel = annotate_reports(synthetic, jobs=2, cache=False)
    assert_tables_equal(parallel, synthetic_single)
    assert parallel["sentences"]["report_id"].nunique() == 20


def test_single_process_equals_plain_loop_on_20_reports(synthetic, synthetic_single):
    assert_tables_equal(synthetic_single, plain(synthetic))


def test_tables_follow_the_order_of_the_reports_as_given(synthetic):
    order = list(pd.unique(synthetic["report_id"]))[::-1][:6]
    entries = pd.concat([synthetic[synthetic["report_id"] == r] for r in order], ignore_index=True)
    result = annotate_reports(entries, jobs=2, cache=False)
    for name in TABLES:
        assert list(pd.unique(result[name]["report_id"])) == order, name
        assert result[name].index.equals(pd.RangeIndex(len(result[name])))
    assert_tables_equal(result, plain(entries))


def test_user_gazetteer_reaches_the_workers(samples, tmp_path):
    user = tmp_path / "actors.toml"
    user.write_text('[actors."Hermit Kingdom"]\naliases = ["hermit kingdom"]\n', encoding="utf-8")
    parallel = annotate_reports(samples, jobs=2, cache=False, knowledge=load_knowledge(gazetteer=user))
    assert "Hermit Kingdom" in set(parallel["mentions"]["actor"])
    assert_tables_equal(parallel, plain(samples, gazetteer=user))


def test_entries_are_not_modified(samples):
    before = samples.copy(deep=True)
    annotate_reports(samples, jobs=2, cache=False)
    pd.testing.assert_frame_equal(samples, before)


def test_no_entries_give_empty_tables_with_their_columns(samples):
    result = annotate_reports(samples.iloc[:0], jobs=2, cache=False)
    reference = plain(samples)
    for name in TABLES:
        assert result[name].empty
        assert list(result[name].columns) == list(reference[name].columns)
        assert list(result[name].dtypes.astype(str)) == list(reference[name].dtypes.astype(str))


def test_batches_cover_every_report_once_in_order():
    todo = list(range(0, 300, 3))
    for workers in (1, 2, 8):
        batches = _batches(todo, workers)
        assert [i for b in batches for i in b] == todo
        assert max(len(b) for b in batches) <= MAX_BATCH


@pytest.mark.parametrize("jobs", [0, -1])
def test_jobs_must_be_positive(samples, jobs):
    with pytest.raises(ValueError, match="jobs"):
        annotate_reports(samples, jobs=jobs, cache=False)


FORKED = pytest.mark.skipif(not sys.platform.startswith("linux"),
                            reason="workers see the monkeypatch only when forked")


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=FORKED)])
def test_a_failing_report_is_named(synthetic, monkeypatch, jobs):
    import analysis.annotate.report

    real = analysis.annotate.report.annotate

    def failing(report_entries, **options):
        if report_entries["report_id"].iloc[0] == "synthland-2013-07":
            raise ValueError("boom")
        return real(report_entries, **options)

    monkeypatch.setattr(analysis.annotate.report, "annotate", failing)  # workers are forked on Linux
    with pytest.raises(ValueError, match="boom") as info:
        annotate_reports(synthetic.iloc[:60], jobs=jobs, cache=False)
    assert "while annotating report 'synthland-2013-07'" in "".join(info.value.__notes__)
