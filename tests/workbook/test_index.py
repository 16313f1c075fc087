"""The index page (issue 20) from executed notebooks written here: findings first, quoted from
the notebooks' lead data, the figure embedded, every text escaped; and the codebook page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analysis.workbook.index import FINDINGS_TAG, render_index, write_codebook
from analysis.workbook.snippets import FINDINGS_MIME, render_codebook

PNG = "data:image/png;base64,iVBORw0KGgo="
HOSTILE = "<script>alert(1)</script>"


def executed(path: Path, *cells: tuple[str, dict]) -> Path:
    nb = {"cells": [{"cell_type": "code", "metadata": {"tags": [tag]}, "outputs": [out],
                     "source": ""} for tag, out in cells], "metadata": {}}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def payload(actors: list[str], *, figure: str = PNG) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {FINDINGS_MIME: {
        "title": "Russian press, Nov 2021 vs Mar 2024", "labels": ["Nov 2021", "Mar 2024"],
        "family": actors, "figure": figure, "caption": f"Attention and tone {HOSTILE}",
        "actors": [{"actor": a, "headlines": [
            {"measure": m, "verdict": "no clear change", "headline": f"{a}: {m} words",
             "method": f"{a} {m} method"} for m in ("attention", "tone")],
            "findings": [["actor", a], ["entries behind it", "Nov 2021: r-2021-11-e01"]]}
            for a in actors]}}}


def test_the_index_leads_with_the_findings_of_the_notebooks(tmp_path):
    corpus = {"output_type": "display_data", "metadata": {},
              "data": {"text/plain": f"2 reports, 24 entries {HOSTILE}"}}
    rows = [
        {"name": "01", "status": "ok", "parameters": {}, "html": tmp_path / "01.html",
         "executed": executed(tmp_path / "01.ipynb", ("index-corpus", corpus))},
        {"name": "02", "status": "ok", "parameters": {}, "html": tmp_path / "02.html",
         "reader": tmp_path / "02.reader.html",
         "executed": executed(tmp_path / "02.ipynb", (FINDINGS_TAG, payload(["China", "Japan"])))},
        {"name": "05-china", "status": "ok", "parameters": {"actor": "China"},
         "html": tmp_path / "05.html", "reader": tmp_path / "05.reader.html",
         "executed": executed(tmp_path / "05.ipynb", (FINDINGS_TAG, payload(["China"])))},
        {"name": "05-india", "status": "ok", "parameters": {"actor": HOSTILE},
         "executed": executed(tmp_path / "05i.ipynb",
                              (FINDINGS_TAG, payload([HOSTILE], figure="javascript:x")))},
    ]
    assert render_index(rows, tmp_path / "index.html", title="Workbook")
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.index('class="corpus">2 reports, 24 entries') < page.index("Headline findings")
    # the comparison with the most actors leads; an actor compared elsewhere only follows
    assert page.count("<h3>") == 3
    assert page.index("<h3>China</h3>") < page.index("<h3>Japan</h3>") < page.index(
        "<h3>&lt;script&gt;")
    assert page.count('<span class="wb-headline-text">China: attention words</span>') == 1
    assert "China&rsquo;s deep dive" in page and 'href="05.reader.html"' in page
    assert page.count(f'<img src="{PNG}"') == 1 and "javascript:" not in page
    assert page.index("Headline findings") < page.index("Findings table") < page.index(
        "Batch status")
    assert 'href="01_corpus_overview.html#entry-r-2021-11-e01"' in page
    assert not render_index(rows, tmp_path / "index.html", title="Workbook")  # same bytes


def test_the_index_renders_without_pandas(tmp_path):
    code = ("import sys; from analysis.workbook.index import render_index; "
            f"render_index([], {str(tmp_path / 'i.html')!r}, title='x'); "
            "assert 'pandas' not in sys.modules and 'mistune' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_codebook_page_is_rendered_once_and_escapes_markup(tmp_path):
    source = tmp_path / "codebook.md"
    source.write_text("# Tone codebook\n\n| label | shown as |\n|---|---|\n| -1 | hostile |\n\n"
                      "<script>alert(1)</script>\n", encoding="utf-8")
    target = tmp_path / "html" / "tone-codebook.html"
    assert render_codebook(source, target)
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Tone codebook</title>" in page
    assert "<td>hostile</td>" in page and "<script>" not in page
    assert not render_codebook(source, target)  # unchanged: not rewritten
    source.write_text("# Tone codebook\n\nNew rule.\n", encoding="utf-8")
    assert render_codebook(source, target) and "New rule." in target.read_text(encoding="utf-8")
    assert write_codebook(tmp_path / "elsewhere", tmp_path / "build")  # the package's own copy
    assert "How a sentence portrays" not in page
    assert "how a sentence portrays" in (tmp_path / "build" / "tone-codebook.html").read_text(
        encoding="utf-8")
