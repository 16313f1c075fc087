"""The papermill batch behind ``workbook run``: the plan, skip-unchanged, parallel runs, summary.

The plan (``notebooks/plan.toml``, TOML) names the runs. Every notebook matching
``[plan] notebooks`` (default ``"[0-9][0-9]_*.ipynb"``) runs once with its defaults, unless one
or more ``[[run]]`` tables name it: then it runs once per table, with that table's
``parameters`` (and its ``name``, by default the notebook's stem plus the parameter values,
``05_actor_deep_dive-north-korea``). Paths are relative to the plan's folder; reading it is
:mod:`analysis.workbook.plan`.

Each run writes, under the build folder (``[tool.workbook] build``), ``notebooks/<run>.ipynb``,
``html/<run>.html``, ``html/<run>.reader.html`` and ``.manifest/<run>.json``; its figures go to
``<figures>/<run>/`` through the ``figures_dir`` parameter when the notebook declares it.
``html/index.html`` links every run of the plan. Producing one run is
:func:`analysis.workbook.execute.execute_run`.

A run is skipped, with no kernel started, when its manifest records a success with the same key
and its outputs exist. The key hashes the notebook's bytes, the parameters in effect (the plan's
over the notebook's defaults), the code fingerprint of the whole ``analysis`` package
(:func:`analysis.store.fingerprint.code_digest`), and the contents of every
input path parameter (names ending in ``_dir``, ``_file`` or ``_path``, e.g. ``reports_dir``;
``figures_dir`` is an output). Nothing heavy is imported until a run executes.

One batch at a time writes to a build folder (``<build>/.workbook.lock``, see
:func:`~analysis.workbook.manifest.build_lock`); output folders are checked writable first.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from analysis.config import default_jobs
from analysis.workbook.manifest import (
    BuildLocked,
    RunResult,
    build_lock,
    files_of,
    read_json,
    run_key,
)
from analysis.workbook.plan import PlanError, Run, load_plan, notebook_parameters, select

__all__ = ["BuildLocked", "PlanError", "Run", "RunResult", "add_arguments", "format_summary",
           "load_plan", "main_run", "notebook_parameters", "run", "run_from_args"]

def run(
    plan_path: str | Path | None = None,
    *,
    only: str | Iterable[str] | None = None,
    force: bool = False,
    jobs: int | None = None,
    out: str | Path | None = None,
    figures: str | Path | None = None,
    progress: bool = True,
    wait: float = 0.0,
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
    wait : float
        Seconds to wait for another batch writing to the same build folder; then
        :class:`BuildLocked` is raised, naming it.

    Returns
    -------
    list of RunResult
        One per selected run, in plan order. A run whose notebook is missing, declares no such
        parameter, or raises is ``"failed"``; the others still run. An invalid plan or selection
        raises :class:`PlanError` before any work; an output folder that cannot be written, an
        :class:`OSError` naming it.
    """
    from analysis.config import settings
    from analysis.store.atomic import check_writable

    # The project is the plan's when the plan lies in one, else the working directory's.
    here = Path(plan_path).resolve().parent if plan_path else None
    cfg = settings(here) if here and (settings(here).root / "pyproject.toml").is_file() else settings()
    plan = load_plan(plan_path or cfg.root / "notebooks" / "plan.toml")
    build = Path(out).resolve() if out else cfg.build
    fig_root = Path(figures).resolve() if figures else cfg.figures
    selected = select(plan, only)  # an invalid selection stops here, before anything is written
    check_writable(build, fig_root)
    with build_lock(build, wait=wait):
        return _run_locked(plan, selected, force=force, jobs=jobs, root=cfg.root, build=build,
                           fig_root=fig_root, progress=progress)


def _run_locked(plan: list[Run], selected: list[Run], *, force: bool, jobs: int | None,
                root: Path, build: Path, fig_root: Path, progress: bool) -> list[RunResult]:
    """:func:`run` once the plan is read and the build folder is this process's."""
    from analysis.store.atomic import remove_stale, write_atomic
    from analysis.store.fingerprint import code_digest
    from analysis.workbook.index import render_index, write_codebook
    from analysis.workbook.pages import relpath
    from analysis.workbook.setup import check_parameters

    manifests = build / ".manifest"
    for folder in (build / "notebooks", build / "html", manifests):
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale(folder)  # temporary files left behind by an interrupted batch
    code, cache = code_digest(), {}
    results: dict[str, RunResult] = {}
    todo: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}

    def save(res: RunResult, key: dict[str, Any] | None) -> None:
        entry = {**asdict(res), "key": key, "figures": [relpath(p, root) for p in res.figures]}
        entry.update({k: relpath(getattr(res, k), root) for k in ("executed", "html", "reader")
                      if key is not None})
        write_atomic(manifests / f"{res.name}.json", json.dumps(entry, indent=1, default=str) + "\n")

    for r in selected:
        res = results[r.name] = RunResult(
            r.name, relpath(r.notebook, root), "failed", 0.0, dict(r.parameters),
            build / "notebooks" / f"{r.name}.ipynb",
            build / "html" / f"{r.name}.html",
            build / "html" / f"{r.name}.reader.html",
        )
        try:
            key = run_key(r, res, fig_root / r.name, root, code, cache)
        except (OSError, ValueError, SyntaxError) as exc:  # missing or unreadable notebook
            res.error = str(exc)
            save(res, None)
            continue
        old = read_json(manifests / f"{r.name}.json")
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
        res.figures = [p for p in files_of(fig_root / name) if not p.name.startswith(".")]
        save(res, todo[name][0])

    _execute(todo, done, jobs=jobs or default_jobs(), progress=progress)
    rows = []
    for r in plan:
        m = read_json(manifests / f"{r.name}.json") or {"name": r.name, "status": "not run"}
        rows.append({**m, "notebook": relpath(r.notebook, root),
                     **{k: root / m[k] for k in ("executed", "html", "reader") if m.get(k)},
                     "figures": [root / f for f in m.get("figures", [])]})
    render_index(rows, build / "html" / "index.html", title="Country report workbook")
    write_codebook(root, build / "html")  # the page every tone note links
    return list(results.values())



def _execute(todo: dict[str, tuple], done, *, jobs: int, progress: bool) -> None:
    """Run the jobs in this process, or in a spawn process pool when ``jobs > 1``."""
    if not todo:
        return
    from tqdm import tqdm  # a terminal bar; tqdm.auto would want ipywidgets in Jupyter

    from analysis.workbook.execute import execute_run

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
    from analysis.workbook.pages import relpath

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


def _number(text: str, kind: type, minimum: float) -> int | float:
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (give {minimum} or more)") from None
    if not value >= minimum:  # also NaN
        raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {text}")
    return value


def _positive(text: str) -> int:
    return _number(text, int, 1)


def _seconds(text: str) -> float:
    return _number(text, float, 0)


def _folder(text: str) -> Path:
    if Path(text).is_file():
        raise argparse.ArgumentTypeError(f"{text!r} is a file, not a folder: give a folder path")
    return Path(text)


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the ``workbook run`` options to ``parser`` (a subcommand's parser)."""
    parser.add_argument("--plan", type=Path, metavar="FILE",
                        help="batch plan (default: notebooks/plan.toml)")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this run or notebook (shell pattern; repeatable)")
    parser.add_argument("--force", action="store_true", help="run even when nothing changed")
    parser.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                        help="runs executed at once (default: one per core)")
    parser.add_argument("--out", type=_folder, metavar="DIR",
                        help="build folder for notebooks, pages and manifests (default: build)")
    parser.add_argument("--figures", type=_folder, metavar="DIR",
                        help="figures folder, one subfolder per run (default: figures)")
    parser.add_argument("--wait", type=_seconds, default=0.0, metavar="SECONDS",
                        help="wait this long for another batch writing to the same build folder "
                             "(default: 0, stop at once and say which)")
    return parser


def run_from_args(args: argparse.Namespace) -> int:
    """Run the batch from parsed arguments; print the summary; return the exit code.

    0 when every run succeeded or was skipped, 1 when a run failed, a report file was skipped
    (its pages are still written; the problems are printed after the summary) or another batch
    holds the build folder, 2 when the plan or the selection is invalid (nothing ran). (``workbook run``
    itself goes through the error path of :mod:`analysis.cli.main`.)
    """
    try:
        results = run(args.plan, only=args.only, force=args.force, jobs=args.jobs,
                      out=args.out, figures=args.figures, wait=args.wait)
    except (PlanError, BuildLocked) as exc:
        print(f"workbook run: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, PlanError) else 1
    print(format_summary(results))
    from analysis.config import project_root
    from analysis.workbook.problems import batch_problems, format_problems

    root = project_root()
    problems = batch_problems(results, root)
    if problems:
        print(format_problems(problems, root))
    failed = any(r.status == "failed" for r in results)
    return 1 if failed or any(p.severity == "error" for p in problems) else 0


def main_run(argv: list[str] | None = None) -> int:
    """``workbook run`` as a standalone command: parse ``argv``, run, return the exit code."""
    parser = argparse.ArgumentParser(
        prog="workbook run", description="Execute the notebook batch plan with papermill."
    )
    return run_from_args(add_arguments(parser).parse_args(argv))
