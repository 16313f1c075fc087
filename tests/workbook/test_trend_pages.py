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
    assert "<h3>China</h3>" in index and '<img src="data:image/png;base64,' in index
    # earliest against latest: both Russian reports (of two March 2024 reports the larger id)
    assert "Headline findings: Russian press, Nov 2021 vs Mar 2024" in index


def test_a_comparison_across_countries_says_so(tmp_path, capsys):
    """Issue 20: Russian against Japanese press is named as such, in the headlines too."""
    from analysis.cli.main import main

    write_reports(tmp_path)
    assert main(["compare", "--reports", str(tmp_path), "--baseline", "russia-2021-11",
                 "--target", "japan-2024-03", "--actor", "China", "--plan",
                 str(ROOT / "notebooks" / "plan.toml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Comparison: Russian press in Nov 2021 vs Japanese press in Mar 2024: "
                          "different countries' press, so a difference may be one of sources "
                          "rather than of time")
    assert "entries in Russian press in Nov 2021 and" in out and "in Japanese press in Mar 2024" in out


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """The overview on the samples plus a binary file and an impossible month."""
    import shutil

    from analysis.workbook.batch import run

    reports = tmp_path_factory.mktemp("bad-reports")
    for sample in (ROOT / "reports_raw").glob("*.txt"):
        shutil.copy(sample, reports)
    (reports / "russia-2023-01.txt").write_bytes(b"\x00\x01binary")
    (reports / "russia-2022-01.txt").write_text("Country Report: Russia (Smarch 2024)\n\nx\n",
                                                encoding="utf-8")
    plan = tmp_path_factory.mktemp("plan") / "plan.toml"
    nb = (ROOT / "notebooks" / "01_corpus_overview.ipynb").as_posix()
    plan.write_text(f'[plan]\nnotebooks = "none-*.ipynb"\n\n[[run]]\nnotebook = "{nb}"\n'
                    f'name = "01_corpus_overview"\nparameters = {{ reports_dir = '
                    f'"{reports.as_posix()}" }}\n', encoding="utf-8")
    out = tmp_path_factory.mktemp("build")
    (result,) = run(plan, out=out, figures=out / "figures", progress=False, force=True)
    return out, result, reports


def test_problems_are_a_clean_table_on_the_page_and_the_index(bad_build):
    out, result, reports = bad_build
    for page in (result.html, result.reader, out / "html" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "<h2>Problems</h2>" in text, page.name
        assert "russia-2023-01.txt" in text and "Smarch" in text
        assert "ReportWarning" not in text and "ipykernel" not in text  # no raw warning
        assert str(reports / "russia-2023-01.txt") not in text  # the file's name, not its path
