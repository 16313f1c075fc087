"""A report whose text is hostile markup, rendered by the batch: the sharing and browser tests
share it (``tests/workbook/conftest.py`` makes the fixture available to them)."""

import shutil

import nbformat
import pytest

from analysis.config import project_root
from analysis.workbook.batch import run

ROOT = project_root()
HOSTILE = (
    "Country Report: Russia (May 2023)\n\n"
    "Overview with <script>alert('overview')</script> and **bold** markdown and $x^2$.\n\n"
    "In Kommersant on May 3, Nataliya Portyakova wrote <img src=x onerror=alert(1)> that "
    "<b>China</b> and [a link](https://example.org) and `code` are text. {{ 7*7 }} ${7*7}\n"
)


@pytest.fixture(scope="session")
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
