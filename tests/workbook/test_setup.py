"""Setup.save and Setup.trend_figure: a notebook's figure cell in one call."""

from __future__ import annotations

from analysis import attention, load_corpus, plot_attention
from analysis.workbook.setup import Setup


def _run(corpus, tmp_path) -> Setup:
    ids = corpus.reports["report_id"].tolist()
    return Setup(corpus=corpus, actor="China", actors=["China"], baseline=ids[:1],
                 target=ids[-1:], figures=tmp_path)


def test_save_titles_the_figure_and_writes_png_and_svg(tmp_path, samples_dir):
    corpus = load_corpus(samples_dir)
    run = _run(corpus, tmp_path)
    fig = plot_attention(attention(corpus, actors=["China"], n_boot=200))
    assert run.save(fig, "attention", "Share of entries") is fig
    assert fig._suptitle.get_text().replace("\n", " ") == (
        "Share of entries — China: russia-2021-11, russia-2024-03; n = 24 entries")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attention.png", "attention.svg"]


def test_a_trend_needs_three_reports(tmp_path, samples_dir, capsys):
    corpus = load_corpus(samples_dir)
    run = _run(corpus, tmp_path)
    table = attention(corpus, actors=["China"], n_boot=200)
    assert run.trend_figure(table, "share", "trend", "Share") is None
    assert capsys.readouterr().out == ""
    assert run.trend_figure(table, "share", "trend", "Share", explain=True) is None
    assert capsys.readouterr().out == "2 report(s): a trend needs three or more.\n"
    assert list(tmp_path.iterdir()) == []


def test_a_trend_of_three_reports_is_saved(tmp_path, samples_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(samples_dir.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    first = min(samples_dir.glob("*.txt")).read_text(encoding="utf-8")
    (folder / "third.txt").write_text(
        first.replace("(November 2021)", "(June 2022)", 1), encoding="utf-8")
    corpus = load_corpus(folder)
    assert len(corpus.reports) == 3
    run = _run(corpus, tmp_path / "figures")
    table = attention(corpus, actors=["China"], n_boot=200)
    fig = run.trend_figure(table, "share", "trend", "Share, over time")
    assert fig is not None and fig._suptitle.get_text().startswith("Share, over time — China")
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == ["trend.png", "trend.svg"]
