"""Sharing safely (issue 6): report text is data, never markup or code, in tables and pages."""

import shutil

import nbformat
import pytest

from analysis.batch import run
from analysis.config import project_root
from analysis.corpus import load_corpus

ROOT = project_root()
HOSTILE = (
    "Country Report: Russia (May 2023)\n\n"
    "Overview with <script>alert('overview')</script> and **bold** markdown and $x^2$.\n\n"
    "In Kommersant on May 3, Nataliya Portyakova wrote <img src=x onerror=alert(1)> that "
    "<b>China</b> and [a link](https://example.org) and `code` are text. {{ 7*7 }} ${7*7}\n"
)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    reports = tmp_path_factory.mktemp("reports")
    shutil.copy(ROOT / "reports_raw" / "russia-2024-03.txt", reports)
    (reports / "russia-2023-05.txt").write_text(HOSTILE, encoding="utf-8")
    folder = tmp_path_factory.mktemp("plan")
    plan, notebook = folder / "plan.toml", (folder / "show.ipynb").as_posix()
    # A notebook showing report text the ways the workbook's notebooks do: a table and printed text.
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('reports_dir = "reports_raw"', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("from analysis import load_corpus\ncorpus = load_corpus(reports_dir)\n"
                                  "corpus.entries[['entry_id', 'text']]"),
        nbformat.v4.new_code_cell("print(corpus.entries['text'].iloc[0])\nprint(corpus.entries['text'].iloc[1])"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, notebook)
    plan.write_text(
        f'[plan]\nnotebooks = "none-*.ipynb"\n\n[[run]]\nnotebook = "{notebook}"\nname = "hostile"\n'
        f'parameters = {{ reports_dir = "{reports.as_posix()}" }}\n',
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("build")
    (result,) = run(plan, out=out, figures=out / "figures", progress=False, force=True)
    assert result.status == "ok", result.error
    return result


def test_text_is_kept_verbatim_in_tables(tmp_path):
    (tmp_path / "russia-2023-05.txt").write_text(HOSTILE, encoding="utf-8")
    entries = load_corpus(tmp_path, annotate=False).entries
    assert "<img src=x onerror=alert(1)>" in entries["text"].iloc[1]
    html = entries.to_html()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("page", ["html", "reader"])
def test_rendered_pages_show_report_text_literally(hostile_build, page):
    text = getattr(hostile_build, page).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in text
    assert "<script>alert(" not in text and "<img src=x" not in text and "<b>China</b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "**bold**" in text  # markdown in report text is not rendered
    assert "<script" not in text.lower()  # the offline template loads no script at all
