"""Pages: executed notebooks as self-contained HTML, and the index page of a batch.

:func:`render_notebook` renders an executed notebook with nbconvert's ``HTMLExporter`` and the
``offline`` template shipped in ``analysis/workbook/templates/offline``: the ``lab`` template with
its require.js, MathJax, mermaid and widget-manager script blocks emptied, so a page is
self-contained (CSS inlined, figures as inline PNG/SVG outputs) and loads nothing from another
host. Each run gets a full page (code, injected parameters, outputs) and a reader page (markdown
and outputs only).

The index page is plain HTML built here with :func:`html.escape`: run names, parameters and error
messages are data, never markup. Every file is written atomically (:mod:`analysis.store.atomic`).
nbconvert is imported only when a page is rendered.
"""

from __future__ import annotations

import copy
import html
import json
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.store.atomic import write_atomic

__all__ = ["TEMPLATE_DIR", "TEMPLATE_NAME", "relpath", "render_index", "render_notebook"]

#: Folder holding the nbconvert templates of the package.
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
#: The self-contained template (extends nbconvert's ``lab``).
TEMPLATE_NAME = "offline"
#: Cells dropped from the reader page: papermill's parameter cells.
READER_DROP_TAGS = frozenset({"parameters", "injected-parameters"})


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
