"""The papermill batch behind ``workbook run``: plan, skip-unchanged, execution, HTML export.

The plan (``notebooks/plan.toml``) says which notebook runs with which parameters. Every run
writes, under the build folder (``[tool.workbook] build``): the executed notebook
``notebooks/<run>.ipynb``, the pages ``html/<run>.html`` and ``html/<run>.reader.html``, a manifest
``.manifest/<run>.json``; its figures go to ``<figures>/<run>/`` through the ``figures_dir``
parameter. ``html/index.html`` links every run of the plan with its parameters.

A run is skipped, without starting a kernel, when its manifest says it succeeded with the same
key and its outputs exist. The key hashes the notebook's bytes, the parameters (plan values over
the notebook's defaults), every file of the ``analysis`` package (code, data, templates) and the
contents of every input path parameter (names ending in ``_dir``, ``_file`` or ``_path``, such as
``reports_dir``; ``figures_dir`` is an output). Heavy imports (papermill, nbconvert) happen only
when something runs, so an unchanged rerun costs well under a second.

Kernels run the notebook with cwd = the project root and ``kernel_name="python3"``; jupyter_client
rewrites the kernelspec's ``python`` to the interpreter running the batch, so the kernel is the
project's venv. Timing metadata is stripped from executed notebooks. Every output is written
atomically (:func:`analysis.render.write_atomic`). See :mod:`analysis.plan` for the plan format.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from analysis.config import settings
from analysis.plan import PlanError, Run, load_plan, notebook_parameters, select
from analysis.render import render_index, write_atomic

__all__ = ["RunResult", "PlanError", "run", "format_summary", "INPUT_SUFFIXES"]

#: Parameters whose names end so are input paths: their contents are part of the skip key.
INPUT_SUFFIXES = ("_dir", "_file", "_path")
#: Parameters the runner fills per run when the notebook declares them.
OUTPUT_PARAMETERS = frozenset({"figures_dir"})
#: Environment of the kernels: quiet tqdm, stable hashing and dates, no debugger warnings.
KERNEL_ENV = {
    "TQDM_DISABLE": "1",
    "PYTHONHASHSEED": "0",
    "SOURCE_DATE_EPOCH": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
_ATTEMPTS = 3


@dataclass
class RunResult:
    """What happened to one run. ``status`` is ``"ok"``, ``"skipped"`` or ``"failed"``."""

    name: str
    notebook: str
    status: str
    seconds: float
    parameters: dict[str, Any]
    executed: Path | None = None
    html: Path | None = None
    reader: Path | None = None
    figures: list[Path] = field(default_factory=list)
    error: str | None = None


def _digest(paths: Iterable[Path], base: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.relative_to(base).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _tree_files(folder: Path) -> list[Path]:
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".tmp-" not in p.name
    ]


def _input_digest(value: Any, root: Path, cache: dict[Path, str]) -> str | None:
    """Content hash of an input path parameter (file or folder), None when it does not exist."""
    if not isinstance(value, str) or not value:
        return None
    path = (root / value).resolve()
    if path not in cache:
        if path.is_dir():
            cache[path] = _digest(_tree_files(path), path)
        elif path.is_file():
            cache[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            cache[path] = "missing"
    return cache[path]


def _rel(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when inside it, else absolute."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path.resolve())


def _clean_executed(nb: Any, executed: Path, root: Path) -> None:
    """Drop papermill/nbclient timing and temporary paths; give papermill's cells stable ids."""
    meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        meta.pop(key, None)
    if "input_path" in meta:
        meta["input_path"] = _rel(Path(meta["input_path"]), root)
    meta["output_path"] = _rel(executed, root)
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        for key in ("start_time", "end_time", "duration"):
            cell.metadata.get("papermill", {}).pop(key, None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        elif "papermill-error-cell-tag" in tags:
            cell["id"] = f"papermill-error-{i}"


def _retryable(exc: BaseException) -> bool:
    """Kernel start-up races (port clashes, a kernel dying before kernel_info) are retried."""
    import zmq

    return isinstance(exc, zmq.ZMQError) or (
        isinstance(exc, RuntimeError) and "Kernel" in str(exc)
    )


def execute_run(job: Mapping[str, Any]) -> dict[str, Any]:
    """Execute one run with papermill and render its pages (the worker of :func:`run`).

    ``job`` holds str paths ``notebook``, ``executed``, ``html``, ``reader``, ``figures_dir``,
    ``root``, the run ``name`` and the ``parameters`` to inject. Returns ``status``, ``error``.
    A notebook that raises keeps its executed copy and pages, with the error visible.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    root, executed = Path(job["root"]), Path(job["executed"])
    executed.parent.mkdir(parents=True, exist_ok=True)
    Path(job["figures_dir"]).mkdir(parents=True, exist_ok=True)
    tmp = executed.with_name(f".{executed.stem}.tmp-{os.getpid()}.ipynb")
    saved = {k: os.environ.get(k) for k in KERNEL_ENV}
    os.environ.update({k: os.environ.get(k) or v for k, v in KERNEL_ENV.items()})
    error = None
    try:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                papermill.execute_notebook(
                    job["notebook"], str(tmp), parameters=dict(job["parameters"]),
                    kernel_name="python3", cwd=str(root), progress_bar=False,
                )
                break
            except PapermillExecutionError as exc:
                error = f"{exc.ename}: {exc.evalue} (cell In [{exc.exec_count}])"
                break
            except Exception as exc:  # noqa: BLE001 - reported in the summary, others go on
                error = f"{type(exc).__name__}: {exc}"
                if attempt == _ATTEMPTS or not _retryable(exc):
                    break
                time.sleep(0.5 * attempt)
        if tmp.is_file():
            nb = nbformat.read(tmp, as_version=4)
            _clean_executed(nb, executed, root)
            write_atomic(executed, nbformat.writes(nb) + "\n")
            from analysis.render import render_notebook

            render_notebook(nb, job["html"], title=job["name"])
            render_notebook(nb, job["reader"], title=job["name"], reader=True)
    except Exception as exc:  # noqa: BLE001
        error = error or f"{type(exc).__name__}: {exc}"
    finally:
        tmp.unlink(missing_ok=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return {"status": "failed" if error else "ok", "error": error}


def _effective(r: Run, figures_dir: Path, root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(parameters to inject, parameters in effect) of a run; raises PlanError on unknown ones."""
    declared = notebook_parameters(r.notebook)
    unknown = sorted(set(r.parameters) - set(declared))
    if unknown:
        raise PlanError(
            f"{r.name}: unknown parameter(s) {unknown} for {r.notebook.name}; "
            f"its parameters cell declares {sorted(declared)}"
        )
    inject = dict(r.parameters)
    if "figures_dir" in declared:
        inject["figures_dir"] = _rel(figures_dir, root)
    return inject, {**declared, **inject}


def run(
    plan_path: str | Path | None = None,
    *,
    only: str | Iterable[str] | None = None,
    force: bool = False,
    jobs: int = 1,
    out: str | Path | None = None,
    figures: str | Path | None = None,
    progress: bool = True,
) -> list[RunResult]:
    """Execute the batch plan; skip unchanged runs; render the pages and the index.

    Parameters
    ----------
    plan_path : str or Path, optional
        The plan; default ``notebooks/plan.toml`` under the project root.
    only : str or iterable of str, optional
        Run names or notebook stems (shell patterns allowed) to run; others are left as they are.
    force : bool
        Run even when nothing changed.
    jobs : int
        Runs executed at once (separate processes, each with its own kernel).
    out : str or Path, optional
        Build folder; default ``[tool.workbook] build``. Relative paths are from the cwd.
    figures : str or Path, optional
        Figures folder (each run writes to ``<figures>/<run>/``); default ``[tool.workbook] figures``.
    progress : bool
        Show a tqdm bar (only on a terminal).

    Returns
    -------
    list of RunResult
        One per selected run, in plan order. Raises :class:`PlanError` before any work when the
        plan, a selection or a parameter is invalid.
    """
    cfg = settings()
    root = cfg.root
    runs = select(load_plan(plan_path or root / "notebooks" / "plan.toml"), only)
    build = Path(out).resolve() if out else cfg.build
    fig_root = Path(figures).resolve() if figures else cfg.figures
    manifests = build / ".manifest"
    for folder in (build / "notebooks", build / "html", manifests):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(".*.tmp-*"):  # left by an interrupted batch
            stale.unlink(missing_ok=True)
    code = _digest(_tree_files(Path(__file__).resolve().parent), Path(__file__).resolve().parent)
    inputs_cache: dict[Path, str] = {}
    results: dict[str, RunResult] = {}
    todo: list[tuple[Run, dict[str, Any], dict[str, Any]]] = []
    for r in runs:
        figures_dir = fig_root / r.name
        inject, params = _effective(r, figures_dir, root)
        key = {
            "notebook": hashlib.sha256(r.notebook.read_bytes()).hexdigest(),
            "parameters": params,
            "code": code,
            "inputs": {
                k: _input_digest(v, root, inputs_cache)
                for k, v in sorted(params.items())
                if k.endswith(INPUT_SUFFIXES) and k not in OUTPUT_PARAMETERS
            },
        }
        outputs = {
            "executed": build / "notebooks" / f"{r.name}.ipynb",
            "html": build / "html" / f"{r.name}.html",
            "reader": build / "html" / f"{r.name}.reader.html",
        }
        res = RunResult(r.name, _rel(r.notebook, root), "skipped", 0.0, inject, **outputs)
        old = _read_manifest(manifests / f"{r.name}.json")
        res.figures = [root / f for f in old.get("figures", [])]
        if (
            not force
            and old.get("status") == "ok"
            and old.get("key") == json.loads(json.dumps(key, default=str))
            and all(p.is_file() for p in [*outputs.values(), *res.figures])
        ):
            res.seconds = old.get("seconds", 0.0)
        else:
            todo.append((r, inject, key))
        results[r.name] = res
    _execute_all(todo, results, root, fig_root, manifests, jobs, progress)
    _write_index(load_plan(plan_path or root / "notebooks" / "plan.toml"), build, manifests, root)
    return [results[r.name] for r in runs]


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _execute_all(todo, results, root, fig_root, manifests, jobs, progress) -> None:  # noqa: ANN001
    """Run the jobs (in-process, or in a spawn process pool when ``jobs > 1``)."""
    if not todo:
        return
    from tqdm.auto import tqdm

    bar = tqdm(total=len(todo), unit="run", disable=not (progress and sys.stderr.isatty()))
    jobs_by_name = {}
    for r, inject, key in todo:
        res = results[r.name]
        jobs_by_name[r.name] = (key, time.perf_counter(), {
            "name": r.name, "notebook": str(r.notebook), "parameters": inject,
            "root": str(root), "figures_dir": str(fig_root / r.name),
            "executed": str(res.executed), "html": str(res.html), "reader": str(res.reader),
        })

    def finish(name: str, outcome: dict[str, Any]) -> None:
        key, start, job = jobs_by_name[name]
        res = results[name]
        res.status, res.error = outcome["status"], outcome["error"]
        res.seconds = round(time.perf_counter() - start, 2)
        figures_dir = Path(job["figures_dir"])
        res.figures = sorted(p for p in _tree_files(figures_dir) if not p.name.startswith("."))
        record = {**asdict(res), "key": key, "figures": [_rel(p, root) for p in res.figures]}
        for k in ("executed", "html", "reader"):
            record[k] = _rel(getattr(res, k), root)
        write_atomic(manifests / f"{name}.json", json.dumps(record, indent=2, default=str) + "\n")
        bar.set_postfix_str(f"{name}: {res.status}")
        bar.update()

    try:
        if jobs <= 1:
            for name, (_, _, job) in jobs_by_name.items():
                bar.set_description(name)
                jobs_by_name[name] = (jobs_by_name[name][0], time.perf_counter(), job)
                finish(name, execute_run(job))
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                futures = {pool.submit(execute_run, job): n for n, (_, _, job) in jobs_by_name.items()}
                for fut in as_completed(futures):
                    try:
                        outcome = fut.result()
                    except Exception as exc:  # noqa: BLE001 - a worker process died
                        outcome = {"status": "failed", "error": f"{type(exc).__name__}: {exc}"}
                    finish(futures[fut], outcome)
    finally:
        bar.close()


def _write_index(runs: list[Run], build: Path, manifests: Path, root: Path) -> None:
    rows = []
    for r in runs:
        m = _read_manifest(manifests / f"{r.name}.json")
        rows.append({
            "name": r.name, "notebook": _rel(r.notebook, root),
            "parameters": m.get("parameters", r.parameters), "status": m.get("status", "not run"),
            "seconds": m.get("seconds"), "error": m.get("error"),
            **{k: root / m[k] for k in ("executed", "html", "reader") if m.get(k)},
            "figures": [root / f for f in m.get("figures", [])],
        })
    render_index(rows, build / "html" / "index.html", title="Country report workbook: batch runs")


def format_summary(results: list[RunResult], *, root: Path | None = None) -> str:
    """A plain-text table: run, status, seconds, output paths (and the error of failed runs)."""
    root = root or settings().root
    head = ("run", "status", "seconds", "outputs")
    rows = [
        (r.name, r.status, f"{r.seconds:.1f}",
         ", ".join(_rel(p, root) for p in (r.html, r.reader, r.executed) if p))
        for r in results
    ]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip()
             for row in (head, *rows)]
    lines += [f"FAILED {r.name}: {r.error}" for r in results if r.status == "failed"]
    return "\n".join(lines)
