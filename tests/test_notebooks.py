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

from analysis.batch import load_plan, notebook_parameters, run
from analysis.config import project_root

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


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out, figures = tmp_path_factory.mktemp("build"), tmp_path_factory.mktemp("figures")
    results = run(PLAN, only=[r.name for r in RUNS], out=out, figures=figures, progress=False)
    return {"out": out, "figures": figures, "results": {r.name: r for r in results}}


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
