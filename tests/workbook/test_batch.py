"""The papermill batch (analysis.batch, analysis.render) on tiny notebooks written in tmp_path.

These execute real kernels; the project's notebooks are run in tests/test_notebooks.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis.workbook.batch import PlanError, load_plan, main_run, notebook_parameters, run
from analysis.workbook.pages import write_atomic

ROOT = Path(__file__).resolve().parents[2]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def write_notebook(path: Path, *sources: str, parameters: str | None = None) -> Path:
    cells = [new_markdown_cell("# A test notebook")]
    if parameters is not None:
        cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    cells += [new_code_cell(s) for s in sources]
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC}), path)
    return path


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A plan folder with one good notebook that reads an input file and writes a figure; the
    plan lies outside the project, so the batch works for the project of the cwd."""
    monkeypatch.chdir(ROOT)
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    data = tmp_path / "input.txt"
    data.write_text("Kommersant\n", encoding="utf-8")
    write_notebook(
        nbs / "01_good.ipynb",
        "import os, sys\nprint(sys.executable)\nprint(os.getcwd())",
        "from pathlib import Path\n"
        "Path(figures_dir).mkdir(parents=True, exist_ok=True)\n"
        "Path(figures_dir, 'bar.svg').write_text('<svg/>')\n"
        "print(Path(data_file).read_text().strip(), label)",
        parameters=f'data_file = "{data}"\nfigures_dir = "figures/01_good"\nlabel = "x"',
    )
    (nbs / "plan.toml").write_text('[plan]\nnotebooks = "[0-9][0-9]_*.ipynb"\n', encoding="utf-8")
    return {"root": tmp_path, "plan": nbs / "plan.toml", "nbs": nbs, "data": data,
            "out": tmp_path / "build", "figures": tmp_path / "figures"}


def batch(p: dict[str, Path], **kw):
    return run(p["plan"], out=p["out"], figures=p["figures"], progress=False, **kw)


def manifests(p: dict[str, Path]) -> dict[str, dict]:
    return {m.stem: json.loads(m.read_text()) for m in (p["out"] / ".manifest").glob("*.json")}


def assert_rerun_skips(p: dict[str, Path], **kw) -> None:
    """A rerun with nothing changed is skipped. The package may change under a running test
    (the tree is shared): then the key's code hash differs and the rerun is legitimate."""
    before = manifests(p)
    results = batch(p, **kw)
    after = manifests(p)
    for r in results:
        if r.status != "skipped":
            assert before[r.name]["key"]["code"] != after[r.name]["key"]["code"], r


def test_load_plan_default_and_explicit_runs(tmp_path: Path) -> None:
    for name in ("01_a.ipynb", "05_dive.ipynb", "notes.ipynb"):
        write_notebook(tmp_path / name)
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[[run]]\nnotebook = "05_dive.ipynb"\nparameters = { actor = "North Korea" }\n'
        '[[run]]\nnotebook = "05_dive.ipynb"\nname = "dive-jp"\nparameters = { actor = "Japan" }\n',
        encoding="utf-8",
    )
    runs = load_plan(plan)
    assert [r.name for r in runs] == ["01_a", "05_dive-north-korea", "dive-jp"]
    assert runs[1].parameters == {"actor": "North Korea"}
    assert runs[0].parameters == {}


def test_the_plans_actors_are_every_runs_family(tmp_path: Path) -> None:
    """Issue 20: ``[plan] actors`` is the comparison's family; the batch gives it as ``family``
    to every notebook that declares one (a run's own ``family`` wins), and nothing else."""
    from analysis.workbook.manifest import RunResult, run_key
    from analysis.workbook.plan import plan_family

    write_notebook(tmp_path / "01_a.ipynb", parameters='family = None\nactor = "China"')
    write_notebook(tmp_path / "02_b.ipynb", parameters='actor = "China"')
    plan = tmp_path / "plan.toml"
    plan.write_text('[plan]\nactors = ["China", "Japan"]\n\n[[run]]\nnotebook = "01_a.ipynb"\n'
                    'name = "own"\nparameters = { family = ["Japan"] }\n\n[[run]]\n'
                    'notebook = "01_a.ipynb"\nname = "plan"\n', encoding="utf-8")
    runs = {r.name: r for r in load_plan(plan)}
    assert plan_family(plan) == ["China", "Japan"] and runs["02_b"].family == ("China", "Japan")
    given = {}
    for name, r in runs.items():
        res = RunResult(name, r.notebook.name, "failed", 0.0, dict(r.parameters))
        run_key(r, res, tmp_path / "fig", tmp_path, "code", {})
        given[name] = res.parameters.get("family")
    assert given == {"own": ["Japan"], "plan": ["China", "Japan"], "02_b": None}
    assert plan_family(tmp_path / "none.toml") == []
    plan.write_text('[plan]\nactors = "China"\n', encoding="utf-8")
    with pytest.raises(PlanError, match="actors must be a list"):
        load_plan(plan)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[run]]\nnotebook = 'a.ipynb'\n[[run]]\nnotebook = 'a.ipynb'\n", "duplicate run name"),
        ("[[run]]\nnotebok = 'a.ipynb'\n", "unknown key(s) ['notebok']"),
        ("[[run]]\nnotebook = 'a.ipynb'\nname = 'a b'\n", "must be letters"),
        ("[plan]\nnotebooks = \n", "invalid TOML"),
        ("[runs]\n", "unknown table(s) ['runs']"),
        ("[run]\nnotebook = 'a.ipynb'\n", "[[run]] table"),
        ("[plan]\nnotebook = 'a.ipynb'\n", "[plan] holds only"),
    ],
)
def test_load_plan_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="plan.toml") as err:
        load_plan(plan)
    assert message in str(err.value)


def test_notebook_parameters_reads_the_tagged_cell(tmp_path: Path) -> None:
    nb = write_notebook(tmp_path / "n.ipynb", "x = 1", parameters='a = "r"\nb: int = 2\nc = f(3)')
    assert notebook_parameters(nb) == {"a": "r", "b": 2, "c": None}
    assert notebook_parameters(write_notebook(tmp_path / "m.ipynb", "x = 1")) == {}


def test_run_executes_renders_then_skips(project: dict[str, Path]) -> None:
    [res] = batch(project)
    assert res.status == "ok", res.error
    nb = nbformat.read(res.executed, as_version=4)
    texts = [o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    executable, cwd = texts[0].split("\n")[:2]
    assert executable == sys.executable  # the kernel is this environment's interpreter
    assert Path(cwd) == ROOT  # the project root, wherever papermill runs
    assert "Kommersant x" in texts[1]
    assert "start_time" not in json.dumps(nb.metadata) and "duration" not in res.executed.read_text()
    assert res.figures == [project["figures"] / "01_good" / "bar.svg"]
    page = res.html.read_text(encoding="utf-8")
    assert "Kommersant x" in page and "read_text" in page
    reader = res.reader.read_text(encoding="utf-8")
    assert "Kommersant x" in reader and "read_text" not in reader and "figures_dir" not in reader
    for text in (page, reader):
        assert 'src="http' not in text and "https://cdn" not in text and "<script src" not in text

    assert_rerun_skips(project)
    project["data"].write_text("Vzglyad\n", encoding="utf-8")  # an input changed
    [changed] = batch(project)
    assert changed.status == "ok"
    assert "Vzglyad x" in changed.html.read_text(encoding="utf-8")
    assert batch(project, force=True)[0].status == "ok"
    (project["figures"] / "01_good" / "bar.svg").unlink()  # an output is gone
    assert batch(project)[0].status == "ok"


def test_failure_keeps_the_error_and_others_complete(
    project: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    write_notebook(project["nbs"] / "02_bad.ipynb", "raise ValueError('boom in cell')")
    write_notebook(project["nbs"] / "03_other.ipynb", "print('fine')")
    project["plan"].write_text(
        "[[run]]\nnotebook = '04_missing.ipynb'\n"
        "[[run]]\nnotebook = '01_good.ipynb'\nparameters = { colour = 'red' }\n", encoding="utf-8"
    )
    args = ["--plan", str(project["plan"]), "--out", str(project["out"]),
            "--figures", str(project["figures"])]
    assert main_run(args) == 1
    status = {r["name"]: r for r in (json.loads(p.read_text()) for p in
                                     (project["out"] / ".manifest").glob("*.json"))}
    assert status["02_bad"]["status"] == "failed" and "boom in cell" in status["02_bad"]["error"]
    assert status["03_other"]["status"] == "ok"
    assert status["04_missing"]["status"] == "failed"
    assert "unknown parameter(s) ['colour']" in status["01_good-red"]["error"]
    executed = (project["out"] / "notebooks" / "02_bad.ipynb").read_text(encoding="utf-8")
    assert "boom in cell" in executed and "ValueError" in executed
    assert "boom in cell" in (project["out"] / "html" / "02_bad.html").read_text(encoding="utf-8")
    out = capsys.readouterr().out
    assert "FAILED 02_bad: ValueError: boom in cell" in out and "04_missing.ipynb not found" in out


def test_parallel_runs_and_escaped_index(project: dict[str, Path]) -> None:
    project["plan"].write_text(
        "[[run]]\nnotebook = '01_good.ipynb'\nname = 'a'\n"
        "parameters = { label = '<script>alert(1)</script>' }\n"
        "[[run]]\nnotebook = '01_good.ipynb'\nname = 'b'\nparameters = { label = 'B & C' }\n",
        encoding="utf-8",
    )
    results = batch(project, jobs=2)
    assert [(r.name, r.status) for r in results] == [("a", "ok"), ("b", "ok")]
    assert results[0].figures == [project["figures"] / "a" / "bar.svg"]
    index = (project["out"] / "html" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index
    assert "B &amp; C" in index and 'href="a.reader.html"' in index
    assert_rerun_skips(project, only="b")
    with pytest.raises(PlanError, match="matches no run"):
        batch(project, only="zzz")


def test_write_atomic_and_stale_temporaries(project: dict[str, Path]) -> None:
    target = write_atomic(project["root"] / "sub" / "f.txt", "done")
    assert target.read_text() == "done" and list(target.parent.iterdir()) == [target]
    stale = [project["out"] / "html" / ".index.html.x1y2z3.tmp",  # a page being written
             project["out"] / "notebooks" / ".a.ipynb.999.tmp.ipynb"]  # papermill's output
    for path in stale:
        write_atomic(path, "half a page")
    batch(project)
    assert not any(path.exists() for path in stale)


def test_bad_plan_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_run(["--plan", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml" in capsys.readouterr().err


def test_unknown_actor_or_report_stops_the_batch_before_any_run(tmp_path):
    from analysis.config import project_root

    root = project_root()
    notebook = (root / "notebooks" / "05_actor_deep_dive.ipynb").as_posix()
    for params, words in [('{ actor = "Atlantis" }', ["unknown actor 'Atlantis'", "North Korea"]),
                          ('{ actor = "Chna" }', ["did you mean 'China'?", "valid values"]),
                          ('{ actor = "Japan", family = ["China", "Nroth Korea"] }',
                           ["'Nroth Korea' (did you mean 'North Korea'"]),
                          ('{ actor = "Japan", baseline = "1999" }', ["'1999'", "russia-2021-11"])]:
        plan = tmp_path / "plan.toml"
        plan.write_text(f'[plan]\nnotebooks = "none-*.ipynb"\n\n[[run]]\nnotebook = "{notebook}"\n'
                        f"parameters = {params}\n", encoding="utf-8")
        with pytest.raises(PlanError) as info:
            run(plan, out=tmp_path / "build", figures=tmp_path / "fig", progress=False, force=True)
        assert all(w in str(info.value) for w in words), str(info.value)
        assert not list((tmp_path / "build" / "notebooks").glob("*.ipynb"))  # nothing ran
    assert main_run(["--plan", str(plan), "--out", str(tmp_path / "build")]) == 2
