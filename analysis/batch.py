"""The papermill batch behind ``workbook run``: the plan, skip-unchanged, parallel runs, summary.

The plan (``notebooks/plan.toml``, TOML) names the runs. Every notebook matching
``[plan] notebooks`` (default ``"[0-9][0-9]_*.ipynb"``) runs once with its defaults, unless one
or more ``[[run]]`` tables name it: then it runs once per table, with that table's
``parameters`` (and its ``name``, by default the notebook's stem plus the parameter values,
``05_actor_deep_dive-north-korea``). Paths are relative to the plan's folder; reading it is
:mod:`analysis.plan`.

Each run writes, under the build folder (``[tool.workbook] build``), ``notebooks/<run>.ipynb``,
``html/<run>.html``, ``html/<run>.reader.html`` and ``.manifest/<run>.json``; its figures go to
``<figures>/<run>/`` through the ``figures_dir`` parameter when the notebook declares it.
``html/index.html`` links every run of the plan. Producing one run is
:func:`analysis.render.execute_run`.

A run is skipped, with no kernel started, when its manifest records a success with the same key
and its outputs exist. The key hashes the notebook's bytes, the parameters in effect (the plan's
over the notebook's defaults), every file of the ``analysis`` package, and the contents of every
input path parameter (names ending in ``_dir``, ``_file`` or ``_path``, e.g. ``reports_dir``;
``figures_dir`` is an output). Nothing heavy is imported until a run executes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from analysis.config import default_jobs
from analysis.plan import PlanError, Run, check_parameters, load_plan, notebook_parameters, select

__all__ = [
    "PlanError",
    "Run",
    "RunResult",
    "add_arguments",
    "format_summary",
    "load_plan",
    "main_run",
    "notebook_parameters",
    "run",
    "run_from_args",
]

#: Parameters whose names end so are input paths: their contents are part of the skip key.
INPUT_SUFFIXES = ("_dir", "_file", "_path")


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


def _files(folder: Path) -> list[Path]:
    """Files under ``folder``, without caches and temporary files of interrupted writes."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and ".tmp-" not in p.name
    )


def _content(value: Any, root: Path, cache: dict[Path, str]) -> str | None:
    """Content hash of an input path parameter (file or folder); None when it is not a path."""
    if not isinstance(value, str) or not value:
        return None
    path = (root / value).resolve()
    if path not in cache:
        if path.is_dir():
            cache[path] = _digest(_files(path), path)
        else:
            cache[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
    return cache[path]


def _key(r: Run, res: RunResult, figures_dir: Path, root: Path, code: str,
         cache: dict[Path, str]) -> dict[str, Any]:
    """The skip key of a run; completes ``res.parameters`` with ``figures_dir``.

    Raises OSError, ValueError or SyntaxError, with a message for the summary, when the
    notebook is missing, unreadable, or does not declare a parameter the plan gives it.
    """
    from analysis.render import relpath

    if not r.notebook.is_file():
        raise OSError(f"notebook {res.notebook} not found; create it or fix the plan")
    try:
        declared = notebook_parameters(r.notebook)
    except (ValueError, SyntaxError) as exc:
        raise ValueError(f"{res.notebook}: cannot read its parameters cell: {exc}") from exc
    if unknown := sorted(set(r.parameters) - set(declared)):
        raise ValueError(f"unknown parameter(s) {unknown}; the notebook declares {sorted(declared)}")
    if "figures_dir" in declared:
        res.parameters["figures_dir"] = relpath(figures_dir, root)
    params = {**declared, **res.parameters}
    return json.loads(json.dumps({
        "notebook": hashlib.sha256(r.notebook.read_bytes()).hexdigest(),
        "parameters": params,
        "code": code,
        "inputs": {k: _content(v, root, cache) for k, v in sorted(params.items())
                   if k.endswith(INPUT_SUFFIXES) and k != "figures_dir"},
    }, default=str))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def run(
    plan_path: str | Path | None = None,
    *,
    only: str | Iterable[str] | None = None,
    force: bool = False,
    jobs: int | None = None,
    out: str | Path | None = None,
    figures: str | Path | None = None,
    progress: bool = True,
) -> list[RunResult]:
    """Execute the batch plan with papermill; skip unchanged runs; render pages and the index.

    Parameters
    ----------
    plan_path : str or Path, optional
        The plan; default ``notebooks/plan.toml`` under the project root. The project (the
        kernels' cwd, the default folders) is the plan's, or else the working directory's.
    only : str or iterable of str, optional
        Run names or notebook stems (shell patterns allowed); the other runs are left as they are.
    force : bool
        Run even when nothing changed.
    jobs : int, optional
        Runs executed at once, each in its own process and kernel; default one per core (runs
        are independent, and a run's kernel keeps one core busy).
    out : str or Path, optional
        Build folder; default ``[tool.workbook] build``. Relative paths are from the cwd.
    figures : str or Path, optional
        Figures folder, one subfolder per run; default ``[tool.workbook] figures``.
    progress : bool
        Show a tqdm bar (only when stderr is a terminal).

    Returns
    -------
    list of RunResult
        One per selected run, in plan order. A run whose notebook is missing, declares no such
        parameter, or raises is ``"failed"``; the others still run. An invalid plan or selection
        raises :class:`PlanError` before any work.
    """
    from analysis.config import settings
    from analysis.render import relpath, render_index, write_atomic

    # The project is the plan's when the plan lies in one, else the working directory's.
    here = Path(plan_path).resolve().parent if plan_path else None
    cfg = settings(here) if here and (settings(here).root / "pyproject.toml").is_file() else settings()
    root = cfg.root
    plan = load_plan(plan_path or root / "notebooks" / "plan.toml")
    build = Path(out).resolve() if out else cfg.build
    fig_root = Path(figures).resolve() if figures else cfg.figures
    manifests = build / ".manifest"
    for folder in (build / "notebooks", build / "html", manifests):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob(".*.tmp-*"):  # left behind by an interrupted batch
            stale.unlink(missing_ok=True)
    package = Path(__file__).resolve().parent
    code, cache = _digest(_files(package), package), {}
    results: dict[str, RunResult] = {}
    todo: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def save(res: RunResult, key: dict[str, Any] | None) -> None:
        entry = {**asdict(res), "key": key, "figures": [relpath(p, root) for p in res.figures]}
        entry.update({k: relpath(getattr(res, k), root) for k in ("executed", "html", "reader")
                      if key is not None})
        write_atomic(manifests / f"{res.name}.json", json.dumps(entry, indent=1, default=str) + "\n")

    for r in select(plan, only):
        res = results[r.name] = RunResult(
            r.name, relpath(r.notebook, root), "failed", 0.0, dict(r.parameters),
            build / "notebooks" / f"{r.name}.ipynb",
            build / "html" / f"{r.name}.html",
            build / "html" / f"{r.name}.reader.html",
        )
        try:
            key = _key(r, res, fig_root / r.name, root, code, cache)
        except (OSError, ValueError, SyntaxError) as exc:  # missing or unreadable notebook
            res.error = str(exc)
            save(res, None)
            continue
        old = _read_json(manifests / f"{r.name}.json")
        res.figures = [root / f for f in old.get("figures", [])]
        outputs = [res.executed, res.html, res.reader, *res.figures]
        if not force and old.get("status") == "ok" and old.get("key") == key and all(
            p.is_file() for p in outputs
        ):
            res.status, res.seconds = "skipped", old.get("seconds", 0.0)
            continue
        todo[r.name] = (key, {
            "name": r.name, "notebook": str(r.notebook), "parameters": res.parameters,
            "root": str(root), "figures_dir": str(fig_root / r.name), "executed": str(res.executed),
            "html": str(res.html), "reader": str(res.reader),
        })

    by_name = {r.name: r for r in plan}
    for name in todo:  # before any kernel starts: an unknown actor, report or period stops here
        check_parameters(by_name[name], root=root)

    def done(name: str, outcome: dict[str, Any]) -> None:
        res = results[name]
        res.status, res.error, res.seconds = outcome["status"], outcome["error"], outcome["seconds"]
        res.figures = [p for p in _files(fig_root / name) if not p.name.startswith(".")]
        save(res, todo[name][0])

    _execute(todo, done, jobs=jobs or default_jobs(), progress=progress)
    rows = []
    for r in plan:
        m = _read_json(manifests / f"{r.name}.json") or {"name": r.name, "status": "not run"}
        rows.append({**m, "notebook": relpath(r.notebook, root),
                     **{k: root / m[k] for k in ("executed", "html", "reader") if m.get(k)},
                     "figures": [root / f for f in m.get("figures", [])]})
    render_index(rows, build / "html" / "index.html", title="Country report workbook: batch runs")
    return list(results.values())



def _execute(todo: dict[str, tuple], done, *, jobs: int, progress: bool) -> None:
    """Run the jobs in this process, or in a spawn process pool when ``jobs > 1``."""
    if not todo:
        return
    from tqdm import tqdm  # a terminal bar; tqdm.auto would want ipywidgets in Jupyter

    from analysis.render import execute_run

    bar = tqdm(total=len(todo), unit="run", disable=not (progress and sys.stderr.isatty()))
    try:
        if jobs <= 1 or len(todo) == 1:
            for name, (_, job) in todo.items():
                bar.set_description(name)
                done(name, execute_run(job))
                bar.update()
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=ctx) as pool:
            futures = {pool.submit(execute_run, job): name for name, (_, job) in todo.items()}
            for fut in as_completed(futures):
                try:
                    outcome = fut.result()
                except Exception as exc:  # noqa: BLE001 - the worker process died
                    outcome = {"status": "failed", "error": f"{type(exc).__name__}: {exc}",
                               "seconds": 0.0}
                done(futures[fut], outcome)
                bar.set_postfix_str(futures[fut])
                bar.update()
    finally:
        bar.close()


def format_summary(results: list[RunResult], *, root: Path | None = None) -> str:
    """Plain-text table of run, status, seconds and output paths; then one line per failure."""
    from analysis.config import project_root
    from analysis.render import relpath

    root = root or project_root()
    head = ("run", "status", "seconds", "outputs")
    rows = [
        (r.name, r.status, f"{r.seconds:.1f}",
         " ".join(relpath(p, root) for p in (r.html, r.reader, r.executed) if p and p.is_file()))
        for r in results
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    lines = ["  ".join(x.ljust(w) for x, w in zip(row, widths)).rstrip() for row in (head, *rows)]
    return "\n".join(lines + [f"FAILED {r.name}: {r.error}" for r in results if r.status == "failed"])


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``workbook run`` options to ``parser`` (a subcommand's parser)."""
    parser.add_argument("--plan", type=Path, metavar="FILE",
                        help="batch plan (default: notebooks/plan.toml)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this run or notebook (shell pattern; repeatable)")
    parser.add_argument("--force", action="store_true", help="run even when nothing changed")
    parser.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                        help="runs executed at once (default: one per core)")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="build folder for notebooks, pages and manifests (default: build)")
    parser.add_argument("--figures", type=Path, metavar="DIR",
                        help="figures folder, one subfolder per run (default: figures)")
    return parser


def run_from_args(args: argparse.Namespace) -> int:
    """Run the batch from parsed arguments; print the summary; return the exit code.

    0 when every run succeeded or was skipped, 1 when a run failed, 2 when the plan or the
    selection is invalid (nothing ran).
    """
    try:
        results = run(args.plan, only=args.only, force=args.force, jobs=args.jobs,
                      out=args.out, figures=args.figures)
    except PlanError as exc:
        print(f"workbook run: error: {exc}", file=sys.stderr)
        return 2
    print(format_summary(results))
    return 1 if any(r.status == "failed" for r in results) else 0


def main_run(argv: list[str] | None = None) -> int:
    """``workbook run`` as a standalone command: parse ``argv``, run, return the exit code."""
    parser = argparse.ArgumentParser(
        prog="workbook run", description="Execute the notebook batch plan with papermill."
    )
    return run_from_args(add_arguments(parser).parse_args(argv))
