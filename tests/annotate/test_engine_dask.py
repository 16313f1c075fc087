"""Annotation on a real Dask cluster (scheduler and two worker processes) equals the local run."""

import pytest
from engine_fixture import assert_tables_equal, plain, sample_entries, synthetic_entries

from analysis.annotate.engine import annotate_reports
from analysis.knowledge.bundle import load_knowledge

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                 dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def entries():
    return synthetic_entries(6)


def test_cluster_equals_local_run_on_samples(client):
    samples = sample_entries()
    assert_tables_equal(annotate_reports(samples, scheduler=client, cache=False), plain(samples))


def test_scheduler_address_equals_local_run(client, entries):
    result = annotate_reports(entries, scheduler=client.scheduler.address, cache=False)
    assert_tables_equal(result, plain(entries))
    assert client.status != "closed"  # the caller's client is left open


def test_gazetteer_object_is_shipped_to_the_workers(client, entries, tmp_path):
    user = tmp_path / "actors.toml"
    user.write_text('[actors."Hermit Kingdom"]\naliases = ["hermit kingdom"]\n', encoding="utf-8")
    knowledge = load_knowledge(gazetteer=user)
    result = annotate_reports(entries, scheduler=client, cache=False, knowledge=knowledge)
    assert "Hermit Kingdom" in set(result["mentions"]["actor"])
    assert_tables_equal(result, plain(entries, gazetteer=knowledge.gazetteer))


def test_cluster_results_fill_the_local_cache(client, entries, tmp_path, monkeypatch):
    reference = plain(entries)
    annotate_reports(entries, scheduler=client, cache=tmp_path)
    import analysis.annotate.report

    def fail(*args, **kwargs):
        raise AssertionError("annotated again although cached")

    monkeypatch.setattr(analysis.annotate.report, "annotate", fail)
    assert_tables_equal(annotate_reports(entries, jobs=1, cache=tmp_path), reference)
