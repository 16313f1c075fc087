"""Deterministic, atomic figure files (analysis.figures)."""

import os

import pytest
from corpus_fixture import build_corpus

from analysis.measure.attention import attention
from analysis.plot.attention_plots import plot_attention
from analysis.plot.save import save_figure


def figure():
    return plot_attention(attention(build_corpus()))


def test_writes_both_formats_and_returns_paths(tmp_path):
    paths = save_figure(figure(), tmp_path / "sub" / "attention")
    assert paths == [tmp_path / "sub" / "attention.png", tmp_path / "sub" / "attention.svg"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in paths[1].read_bytes()[:400]
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["attention.png",
                                                                    "attention.svg"]
    umask = os.umask(0)
    os.umask(umask)
    assert paths[0].stat().st_mode & 0o777 == 0o666 & ~umask


def test_bytes_identical_across_figures_and_calls(tmp_path):
    first = [p.read_bytes() for p in save_figure(figure(), tmp_path / "a" / "fig")]
    second = [p.read_bytes() for p in save_figure(figure(), tmp_path / "b" / "fig")]
    assert first == second
    again = [p.read_bytes() for p in save_figure(figure(), tmp_path / "a" / "fig")]
    assert again == first


def test_no_version_or_date_metadata(tmp_path):
    png, svg = save_figure(figure(), tmp_path / "fig")
    assert b"Software" not in png.read_bytes() and b"matplotlib" not in png.read_bytes()
    text = svg.read_text()
    assert "<dc:date>" not in text
    assert "<text" not in text and "font-family" not in text  # glyphs as paths, no live text
    assert text.count("<path") > 10


def test_only_known_formats_and_no_leftovers(tmp_path):
    with pytest.raises(ValueError, match="pdf"):
        save_figure(figure(), tmp_path / "fig", formats=("png", "pdf"))
    assert list(tmp_path.iterdir()) == []
    (svg,) = save_figure(figure(), tmp_path / "fig", formats=("svg",))
    assert svg.suffix == ".svg"
    assert list(tmp_path.iterdir()) == [svg]


def test_failed_write_leaves_nothing(tmp_path, monkeypatch):
    fig = figure()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(RuntimeError):
        save_figure(fig, tmp_path / "fig")
    assert list(tmp_path.iterdir()) == []
