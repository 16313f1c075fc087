"""Every notebook of notebooks/, executed for real on the sample reports.

The batch plan (notebooks/plan.toml) runs under papermill into a temporary build folder; the
executed notebooks, the figures and the rendered pages are checked, then a forced parallel
rerun must give byte-identical files. Each notebook also runs the way JupyterLab starts it
(cwd = notebooks/) with its default parameters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from analysis.config import project_root
from analysis.workbook.batch import load_plan, notebook_parameters, run

ROOT = project_root(Path(__file__).parent)
PLAN = ROOT / "notebooks" / "plan.toml"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
RUNS = [r for r in load_plan(PLAN) if r.notebook.is_file()]
#: Text each page must show: data from the entries tables, not the notebook's own markdown.
EXPECTED = {
    "01_corpus_overview": ["Sushentsov", "russia-2024-03-e07", "Mezhdunarodnaya Gazeta"],
    "05_actor_deep_dive-china": ["Lomanov", "Portyakova"],
}
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                    re.IGNORECASE)


def remote_references(page: str) -> list[str]:
    """Attributes and CSS that would make a browser load something from another host."""
    return [page[m.start():m.end() + 60] for m in REMOTE.finditer(page)]


@pytest.fixture
def build(batch_build: dict) -> dict:
    """The whole plan, run once per session on the samples (``tests/conftest.py``)."""
    return batch_build


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert "papermill" not in nb.metadata
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "stored with outputs"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is code[0], "first code cell must be tagged parameters"
    assert notebook_parameters(path), "the parameters cell assigns no plain values"


def test_plan_runs_have_notebooks() -> None:
    missing = sorted({r.notebook.name for r in load_plan(PLAN) if not r.notebook.is_file()})
    assert not missing, f"notebooks/plan.toml names notebooks that do not exist: {missing}"


def test_every_notebook_is_in_the_plan() -> None:
    planned = {r.notebook for r in load_plan(PLAN)}
    assert [p.name for p in NOTEBOOKS if p.resolve() not in planned] == []


@pytest.mark.parametrize("name", [r.name for r in RUNS])
def test_run_outputs(build: dict, name: str) -> None:
    res = build["results"][name]
    assert res.status == "ok", res.error
    nb = nbformat.read(res.executed, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]
    assert "start_time" not in json.dumps(nb.metadata)
    for path in res.figures:
        assert path.stat().st_size > 0 and path.is_relative_to(build["figures"] / name)
    assert {p.suffix for p in res.figures} <= {".png", ".svg"}
    page = res.html.read_text(encoding="utf-8")
    reader = res.reader.read_text(encoding="utf-8")
    for text in (page, reader):
        assert remote_references(text) == []
        assert "<script src" not in text and "https://cdn" not in text
        for expected in EXPECTED.get(name, []):
            assert expected in text
    if res.figures:
        assert 'src="data:image/png;base64,' in reader  # figures are embedded in the page
    code_input = '<div class="jp-CodeMirrorEditor'
    assert code_input in page and code_input not in reader
    assert "injected-parameters" in page and "injected-parameters" not in reader
    index = (build["out"] / "html" / "index.html").read_text(encoding="utf-8")
    assert f'href="{name}.html"' in index and f'href="{name}.reader.html"' in index


def test_overview_writes_its_figure(build: dict) -> None:
    res = build["results"]["01_corpus_overview"]
    folder = build["figures"] / "01_corpus_overview"
    assert res.figures == [folder / "coverage.png", folder / "coverage.svg"]


def test_forced_parallel_rerun_is_byte_identical(build: dict) -> None:
    def snapshot() -> dict[Path, bytes]:
        files = [*build["figures"].rglob("*"), *(build["out"] / "notebooks").glob("*.ipynb"),
                 *(build["out"] / "html").glob("*.html")]
        # index.html is left out: it shows each run's seconds
        return {p: p.read_bytes() for p in files if p.is_file() and p.name != "index.html"}

    before = snapshot()
    results = run(PLAN, only=[r.name for r in RUNS], out=build["out"], figures=build["figures"],
                  force=True, jobs=2, progress=False)
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    after = snapshot()
    assert after.keys() == before.keys()
    assert [p.name for p in before if before[p] != after[p]] == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_from_the_notebooks_folder(path: Path, tmp_path: Path) -> None:
    """As JupyterLab starts it: kernel cwd = notebooks/, defaults (figures kept out of the tree)."""
    import papermill

    params = {"figures_dir": str(tmp_path)} if "figures_dir" in notebook_parameters(path) else {}
    nb = papermill.execute_notebook(path, tmp_path / path.name, parameters=params,
                                    kernel_name="python3", cwd=path.parent, progress_bar=False)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]


#: Figures each run writes (PNG and SVG of each stem), by notebook stem.
FIGURES = {
    "01_corpus_overview": ["coverage"],
    "02_attention_and_tone": ["attention_per_1k", "attention_share", "cooccurrence",
                              "dispersion", "findings", "tone"],
    "03_distinctive_vocabulary": ["keyness"],
    "04_outlets_and_authors": ["author_actors", "outlet_actors"],
    "05_actor_deep_dive": ["attention", "cooccurrence", "findings", "frames", "keyness", "tone"],
}
TABLE_ROW = re.compile(r"<tr>.*?</tr>", re.DOTALL)


def test_china_deep_dive_names_the_entries_behind_the_change(build: dict) -> None:
    """The evidence table lists Lomanov's and Portyakova's target entries with their authors."""
    reader = build["results"]["05_actor_deep_dive-china"].reader.read_text(encoding="utf-8")
    rows = [re.sub(r"\s+", " ", r) for r in TABLE_ROW.findall(reader)]
    expected = {"russia-2024-03-e01": "Aleksandr Lomanov",
                "russia-2024-03-e04": "Alexandr V. Lomanov",
                "russia-2024-03-e02": "Nataliya Portyakova"}
    for entry_id, author in expected.items():
        assert any(f">{entry_id}</a>" in r and author in r for r in rows), (entry_id, author)


@pytest.mark.parametrize("name", [r.name for r in RUNS])
def test_each_run_writes_its_figures(build: dict, name: str) -> None:
    res = build["results"][name]
    stem = next(r.notebook.stem for r in RUNS if r.name == name)
    folder = build["figures"] / name
    expected = sorted(folder / f"{s}.{ext}" for s in FIGURES[stem] for ext in ("png", "svg"))
    assert sorted(res.figures) == expected
    for path in expected:
        magic = b"\x89PNG\r\n\x1a\n" if path.suffix == ".png" else b"<?xml"
        assert path.read_bytes().startswith(magic), path
    reader = res.reader.read_text(encoding="utf-8")
    assert reader.count('src="data:image/png;base64,') >= len(FIGURES[stem])


@pytest.mark.parametrize("name", [r.name for r in RUNS])
def test_reader_page_shows_no_code(build: dict, name: str) -> None:
    res = build["results"][name]
    page = res.html.read_text(encoding="utf-8")
    reader = res.reader.read_text(encoding="utf-8")
    highlighted = 'class="highlight hl-ipython3"'  # a code cell's source, as nbconvert renders it
    assert highlighted in page and highlighted not in reader
    cells = re.findall(r'<div class="jp-Cell jp-CodeCell[^"]*"', reader)
    assert cells and all("jp-mod-noInput" in c for c in cells)
    # no Python repr (issue 20): the corpus is a sentence, figures and tables show as such
    for text in (page, reader):
        assert "Corpus(" not in text and "Setup(" not in text and "&lt;Figure size" not in text
        assert "&lt;HTML," not in text and "&lt;findings:" not in text and "DataFrame" not in text


def test_the_deep_dive_under_papermill_with_other_parameters(tmp_path: Path) -> None:
    """Issue 20: another actor (in any case), a family of its own, years as numbers: the lead's
    headlines and family follow the parameters."""
    import papermill

    from analysis.workbook.findings import FINDINGS_MIME

    params = {"actor": "north korea", "family": ["Japan"], "baseline": 2021, "target": "2024",
              "figures_dir": str(tmp_path / "figures"), "n_boot": 200}
    nb = papermill.execute_notebook(ROOT / "notebooks" / "05_actor_deep_dive.ipynb",
                                    tmp_path / "out.ipynb", parameters=params,
                                    kernel_name="python3", cwd=ROOT, progress_bar=False)
    (lead,) = [o["data"][FINDINGS_MIME] for c in nb.cells for o in c.get("outputs", [])
               if FINDINGS_MIME in o.get("data", {})]
    assert lead["family"] == ["Japan", "North Korea"]
    (actor,) = lead["actors"]
    assert actor["actor"] == "North Korea"
    assert actor["headlines"][0]["headline"].startswith(
        "North Korea: named in 4 of 12 entries in Nov 2021 and 4 of 12 in Mar 2024")
    assert "a family of 2 actors (Japan, North Korea)" in actor["headlines"][1]["method"]
    assert (tmp_path / "figures" / "findings.png").is_file()
