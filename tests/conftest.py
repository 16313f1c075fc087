"""Shared fixtures: the sample reports folder, and the notebook batch run once per session."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _private_annotation_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests (and the kernels they start) use their own annotation cache, never the project's."""
    saved = os.environ.get("WORKBOOK_CACHE_DIR")
    os.environ["WORKBOOK_CACHE_DIR"] = str(tmp_path_factory.mktemp("annotation-cache"))
    yield
    if saved is None:
        os.environ.pop("WORKBOOK_CACHE_DIR", None)
    else:
        os.environ["WORKBOOK_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "reports_raw"


@pytest.fixture(scope="session")
def batch_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Every run of notebooks/plan.toml on the samples, into a temporary build folder.

    Returns ``{"out": build folder, "figures": figures folder, "results": {run name: RunResult}}``.
    Shared by the notebook tests and the browser test so the notebooks run once.
    """
    from analysis.workbook.batch import load_plan, run

    plan = ROOT / "notebooks" / "plan.toml"
    names = [r.name for r in load_plan(plan) if r.notebook.is_file()]
    out, figures = tmp_path_factory.mktemp("build"), tmp_path_factory.mktemp("figures")
    results = run(plan, only=names, out=out, figures=figures, progress=False)
    return {"out": out, "figures": figures, "results": {r.name: r for r in results}}
