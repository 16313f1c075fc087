"""Pages: executed notebooks as self-contained HTML.

:func:`render_notebook` renders an executed notebook with nbconvert's ``HTMLExporter`` and the
``offline`` template shipped in ``analysis/workbook/templates/offline``: the ``lab`` template with
its require.js, MathJax, mermaid and widget-manager script blocks emptied, so a page is
self-contained (CSS inlined, figures as inline PNG/SVG outputs) and loads nothing from another
host: one page copied alone opens complete. Each run gets a full page (code, injected
parameters, outputs) and a reader page (markdown and outputs only). The index page of a batch is
:mod:`analysis.workbook.index`. Every file is written atomically (:mod:`analysis.store.atomic`).
nbconvert is imported only when a page is rendered.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.store.atomic import write_atomic

__all__ = ["TEMPLATE_DIR", "TEMPLATE_NAME", "relpath", "render_notebook"]

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


def relpath(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` (POSIX) when inside it, else absolute."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(Path(path).resolve())
