"""Shared fixtures: the sample reports folder, and the notebook batch run once per session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "reports_raw"


@pytest.fixture(scope="session")
def batch_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every run of notebooks/plan.toml on the samples, into a temporary build folder.

    Returns ``{"out": build folder, "figures": figures folder, "results": {run name: RunResult}}``.
    Shared by the notebook tests and the browser test so the notebooks run once.
    """
    from analysis.batch import load_plan, run

    plan = ROOT / "notebooks" / "plan.toml"
    names = [r.name for r in load_plan(plan) if r.notebook.is_file()]
    out, figures = tmp_path_factory.mktemp("build"), tmp_path_factory.mktemp("figures")
    results = run(plan, only=names, out=out, figures=figures, progress=False)
    return {"out": out, "figures": figures, "results": {r.name: r for r in results}}
