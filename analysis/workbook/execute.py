"""Executing one batch run: papermill, a clean executed copy, its two pages.

:func:`execute_run` runs one notebook with papermill (kernel ``python3``, cwd = project root),
strips timing metadata from the executed copy and renders its pages
(:func:`analysis.workbook.pages.render_notebook`). Kernel start-up races are retried; a notebook
that raises keeps its executed copy and pages, with papermill's error cell visible. papermill and
nbconvert are imported only when a run executes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis.store.atomic import write_atomic
from analysis.workbook.pages import relpath, render_notebook

__all__ = ["KERNEL_ENV", "execute_run"]

#: Environment of the batch's kernels (unless already set): no tqdm bars in outputs, stable
#: hashing and dates, no debugger warning on stderr.
KERNEL_ENV = {
    "TQDM_DISABLE": "1",
    "PYTHONHASHSEED": "0",
    "SOURCE_DATE_EPOCH": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
_ATTEMPTS = 3


def _clean_executed(nb: Any, executed: Path, root: Path) -> None:
    """Drop papermill/nbclient timing and temporary paths; give papermill's cells stable ids;
    merge each cell's consecutive stream outputs (nbconvert's ``CoalesceStreamsPreprocessor``):
    how a kernel's prints are cut into messages depends on timing, so a busy machine would
    otherwise write the same text in other blocks."""
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    CoalesceStreamsPreprocessor().preprocess(nb, {})
    meta = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration"):
        meta.pop(key, None)
    if meta.get("input_path"):
        meta["input_path"] = relpath(meta["input_path"], root)
    meta["output_path"] = relpath(executed, root)
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
    """Kernel start-up races (a port taken, a kernel dying before kernel_info) are retried."""
    import zmq

    return isinstance(exc, zmq.ZMQError) or (isinstance(exc, RuntimeError) and "Kernel" in str(exc))


def _kernel_config(attempt: int, sockets: str) -> Any:
    """Kernel transport: IPC sockets in the run's own folder ``sockets`` on POSIX (no TCP port to
    race for, and two kernels never share a socket: jupyter_client's default IPC path is
    ``kernel-ipc-N`` in the cwd); TCP with CurveZMQ keys on Windows and on a retry."""
    from traitlets.config import Config

    if os.name == "posix" and attempt == 1:
        return Config({"KernelManager": {"transport": "ipc", "ip": f"{sockets}/kernel"}})
    return Config({"KernelManager": {"transport_encryption": "auto"}})


def _papermill(job: Mapping[str, Any], tmp: Path) -> str | None:
    """Execute with papermill into ``tmp``, retrying start-up races; the error text or None."""
    import shutil
    import tempfile

    import papermill
    from papermill.exceptions import PapermillExecutionError

    error = None
    sockets = tempfile.mkdtemp(prefix="workbook-kernel-")
    try:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                papermill.execute_notebook(
                    job["notebook"],
                    str(tmp),
                    parameters=dict(job["parameters"]),
                    kernel_name="python3",
                    cwd=job["root"],
                    progress_bar=False,
                    config=_kernel_config(attempt, sockets),
                    # Every cell has run and its outputs are in the notebook: stop the kernel
                    # at once rather than wait up to a second for it to exit by itself.
                    shutdown_kernel="immediate",
                )
                return None
            except PapermillExecutionError as exc:
                return f"{exc.ename}: {exc.evalue} (cell In [{exc.exec_count}])"
            except Exception as exc:  # noqa: BLE001 - reported in the summary; other runs go on
                error = f"{type(exc).__name__}: {exc}"
                if not _retryable(exc):
                    break
                time.sleep(0.5 * attempt)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    return error


def execute_run(job: Mapping[str, Any]) -> dict[str, Any]:
    """Execute one run and render its pages (the worker of :func:`analysis.batch.run`).

    Parameters
    ----------
    job : mapping
        ``name``; ``parameters`` to inject; str paths ``notebook``, ``root`` (the kernel's cwd),
        ``figures_dir``, ``executed``, ``html`` and ``reader`` (written atomically).

    Returns
    -------
    dict
        ``status`` (``"ok"`` or ``"failed"``), ``error`` (str or None) and ``seconds``. A notebook that raises
        keeps its executed copy and pages, with papermill's error cell and the traceback visible.
    """
    import nbformat

    start = time.perf_counter()
    root, executed = Path(job["root"]), Path(job["executed"])
    executed.parent.mkdir(parents=True, exist_ok=True)
    tmp = executed.with_name(f".{executed.name}.{os.getpid()}.tmp.ipynb")  # see store.atomic
    saved = {k: os.environ.get(k) for k in KERNEL_ENV}
    os.environ.update({k: os.environ.get(k) or v for k, v in KERNEL_ENV.items()})
    error = None
    try:
        error = _papermill(job, tmp)
        if tmp.is_file():
            nb = nbformat.read(tmp, as_version=4)
            _clean_executed(nb, executed, root)
            write_atomic(executed, nbformat.writes(nb) + "\n")
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
    seconds = round(time.perf_counter() - start, 2)
    return {"status": "failed" if error else "ok", "error": error, "seconds": seconds}
