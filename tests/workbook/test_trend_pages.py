"""Trends in the pages (issue 14): six reports of two countries, the overview and the deep dive
show attention, tone and frames on a time axis, and the index quotes the finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plot.test_trends import write_reports

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def trend_build(tmp_path_factory):
    from analysis.workbook.batch import run

    reports = tmp_path_factory.mktemp("six-reports")
    write_reports(reports)
    plan = tmp_path_factory.mktemp("plan") / "plan.toml"
    folder = reports.as_posix()
    runs = [("01_corpus_overview", f'reports_dir = "{folder}"'),
            ("05_actor_deep_dive", f'actor = "China", reports_dir = "{folder}", n_boot = 200')]
    lines = [f'[[run]]\nnotebook = "{(ROOT / "notebooks" / nb).as_posix()}.ipynb"\n'
             f'name = "{nb}"\nparameters = {{ {params} }}\n' for nb, params in runs]
    plan.write_text('[plan]\nnotebooks = "none-*.ipynb"\n\n' + "\n".join(lines), encoding="utf-8")
    out = tmp_path_factory.mktemp("build")
    results = run(plan, out=out, figures=out / "figures", progress=False, force=True)
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    return out, {r.name: r for r in results}


def test_the_deep_dive_draws_its_trends(trend_build):
    _, results = trend_build
    names = {p.name for p in results["05_actor_deep_dive"].figures}
    assert {"trend_attention.png", "trend_tone.png", "trend_frames.png"} <= names
    reader = results["05_actor_deep_dive"].reader.read_text(encoding="utf-8")
    assert "Actor deep dive: China" in reader and "6 reports" in reader
    assert "between them, shown on the trends only" in reader  # the middle reports are named
    assert "a trend needs three or more" not in reader


def test_the_overview_draws_the_attention_trend(trend_build):
    out, results = trend_build
    assert "trend_attention.png" in {p.name for p in results["01_corpus_overview"].figures}
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "6 reports" in index and "2 countries (Japan, Russia)" in index
    assert "<h3>China</h3>" in index and 'src="figures/05_actor_deep_dive/trend_attention.png"' in index
