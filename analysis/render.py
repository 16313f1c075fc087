"""Producing one batch run: papermill execution, a clean executed copy, shareable HTML, the index.

:func:`execute_run` runs one notebook with papermill (kernel ``python3``, cwd = project root),
strips timing metadata from the executed copy and renders its pages with nbconvert's
``HTMLExporter`` and the ``offline`` template shipped in ``analysis/templates/offline``: the
``lab`` template with its require.js, MathJax, mermaid and widget-manager script blocks emptied,
so a page is self-contained (CSS inlined, figures as inline PNG/SVG outputs) and loads nothing
from another host. Each run gets a full page (code, injected parameters, outputs) and a reader
page (markdown and outputs only).

The index page is plain HTML built here with :func:`html.escape`: run names, parameters and error
messages are data, never markup. Every file is written atomically (temporary file, then
:func:`os.replace`), so an interrupted batch never leaves a truncated file. papermill and
nbconvert are imported only when a run executes.
"""

from __future__ import annotations

import copy
import html
import json
import os
import time
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "KERNEL_ENV",
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "execute_run",
    "render_index",
    "render_notebook",
    "write_atomic",
]

#: Folder holding the nbconvert templates of the package.
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
#: The self-contained template (extends nbconvert's ``lab``).
TEMPLATE_NAME = "offline"
#: Cells dropped from the reader page: papermill's parameter cells.
READER_DROP_TAGS = frozenset({"parameters", "injected-parameters"})
#: Environment of the batch's kernels (unless already set): no tqdm bars in outputs, stable
#: hashing and dates, no debugger warning on stderr.
KERNEL_ENV = {
    "TQDM_DISABLE": "1",
    "PYTHONHASHSEED": "0",
    "SOURCE_DATE_EPOCH": "0",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
_ATTEMPTS = 3


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    Readers see either the old file or the new one, never a truncated one. The temporary name
    starts with a dot and holds ``.tmp-<pid>``; a run killed mid-write leaves at most such a file,
    which the batch removes on its next start.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with open(tmp, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _reader_copy(nb: Any) -> Any:
    """The notebook without parameter cells and without code cells that have no output."""
    reader = copy.deepcopy(nb)
    reader.cells = [
        cell
        for cell in reader.cells
        if not READER_DROP_TAGS & set(cell.get("metadata", {}).get("tags", []))
        and not (cell.cell_type == "code" and not cell.get("outputs"))
    ]
    return reader


@lru_cache(maxsize=2)
def _exporter(reader: bool) -> Any:
    """The HTML exporter (full page or reader page), built once per process: building it loads
    and compiles the templates, which costs about as much as rendering a page."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=reader,
        exclude_input_prompt=reader,
        exclude_output_prompt=reader,
    )


def render_notebook(nb: Any, path: str | Path, *, title: str, reader: bool = False) -> Path:
    """Render an executed notebook to one self-contained HTML page.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (not modified).
    path : str or Path
        The page to write (atomically).
    title : str
        Text of the page's ``<title>`` (the run name).
    reader : bool
        Reader version: no code inputs or prompts, no parameter cells, no empty code cells
        (nbconvert ``exclude_input``, ``exclude_input_prompt``, ``exclude_output_prompt``).

    Returns
    -------
    Path
        ``path``.
    """
    body, _ = _exporter(reader).from_notebook_node(
        _reader_copy(nb) if reader else nb, resources={"metadata": {"name": title}}
    )
    return write_atomic(path, body)


_INDEX_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.failed { color: #a00; font-weight: bold; }
code { white-space: pre-wrap; }
"""


_INDEX_COLUMNS = ("run", "reader", "notebook", "parameters", "status", "seconds", "figures")


def _link(target: str | Path | None, base: Path, text: str) -> str:
    if not target:
        return ""
    try:
        href = Path(os.path.relpath(Path(target), base)).as_posix()
    except ValueError:  # another drive (Windows)
        href = Path(target).resolve().as_uri()
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def render_index(rows: Sequence[Mapping[str, Any]], path: str | Path, *, title: str) -> bool:
    """Write the index page linking every run with its parameters and status.

    Parameters
    ----------
    rows : sequence of mapping
        One per run, with keys ``name``, ``notebook``, ``parameters`` (mapping), ``status``,
        ``seconds``, ``html``, ``reader``, ``executed`` (paths or None), ``figures`` (paths)
        and ``error`` (str or None). Every value is escaped.
    path : str or Path
        The page to write; links are relative to its folder.
    title : str
        Page title.

    Returns
    -------
    bool
        True when the file was (re)written, False when it already held the same bytes.
    """
    path = Path(path)
    base = path.parent.resolve()
    esc = html.escape
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{_INDEX_CSS}</style></head>",
        f"<body><h1>{esc(title)}</h1>",
        "<table><thead><tr>"
        + "".join(f"<th>{h}</th>" for h in _INDEX_COLUMNS)
        + "</tr></thead><tbody>",
    ]
    for row in rows:
        params = "<br>".join(
            f"<code>{esc(str(k))} = {esc(json.dumps(v, ensure_ascii=False))}</code>"
            for k, v in row.get("parameters", {}).items()
        )
        status = str(row.get("status", ""))
        if row.get("error"):
            status += f"<br><code>{esc(str(row['error']))}</code>"
        figures = "<br>".join(_link(f, base, Path(f).name) for f in row.get("figures", ()))
        seconds = row.get("seconds")
        lines.append(
            "<tr>"
            f"<td>{_link(row.get('html'), base, row['name']) or esc(row['name'])}</td>"
            f"<td>{_link(row.get('reader'), base, 'reader')}</td>"
            f"<td>{_link(row.get('executed'), base, str(row.get('notebook', '')))}</td>"
            f"<td>{params}</td>"
            f'<td class="{esc(str(row.get("status", "")))}">{status}</td>'
            f"<td>{'' if seconds is None else f'{seconds:.1f}'}</td>"
            f"<td>{figures}</td>"
            "</tr>"
        )
    lines += ["</tbody></table>", "</body></html>", ""]
    text = "\n".join(lines)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True


def relpath(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when inside it, else absolute."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(Path(path).resolve())


def _clean_executed(nb: Any, executed: Path, root: Path) -> None:
    """Drop papermill/nbclient timing and temporary paths; give papermill's cells stable ids."""
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
    tmp = executed.with_name(f".{executed.stem}.tmp-{os.getpid()}.ipynb")
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
