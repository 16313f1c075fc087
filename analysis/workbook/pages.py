"""Pages: executed notebooks as self-contained HTML, and the index page of a batch.

:func:`render_notebook` renders an executed notebook with nbconvert's ``HTMLExporter`` and the
``offline`` template shipped in ``analysis/workbook/templates/offline``: the ``lab`` template with
its require.js, MathJax, mermaid and widget-manager script blocks emptied, so a page is
self-contained (CSS inlined, figures as inline PNG/SVG outputs) and loads nothing from another
host. Each run gets a full page (code, injected parameters, outputs) and a reader page (markdown
and outputs only).

The index page is plain HTML built here with :func:`html.escape` (run names, parameters, error
messages and quoted outputs are data, never markup): the corpus, the headline findings per actor
(quoted from the executed notebooks), the pages, then the batch status; the figures are copied
beside it, so ``build/html/`` can be sent alone. Every file is written atomically (:mod:`analysis.store.atomic`).
nbconvert is imported only when a page is rendered.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
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
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; color: #222;
       line-height: 1.45; padding: 0 1rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.failed { color: #a00; font-weight: bold; }
code { white-space: pre-wrap; }
img { border: 1px solid #eee; }
.finding { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85rem;
           background: #f7f7f7; padding: 0.6rem 0.8rem; border-left: 3px solid #0072B2; }
"""

_INDEX_COLUMNS = ("run", "reader", "notebook", "parameters", "status", "seconds", "figures")
#: Cells whose printed output the index quotes: the corpus (notebook 01) and each actor's
#: headline comparison (notebook 05).
CORPUS_TAG, FINDING_TAG, PROBLEMS_TAG = "index-corpus", "index-finding", "index-problems"
#: The page an entry id links to (``analysis.workbook.display.ENTRY_PAGE``).
ENTRY_PAGE = "01_corpus_overview.html"
_ENTRY_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-e\d+\b")


def _link(target: str | Path | None, base: Path, text: str) -> str:
    if not target:
        return ""
    try:
        href = Path(os.path.relpath(Path(target), base)).as_posix()
    except ValueError:  # another drive (Windows)
        href = Path(target).resolve().as_uri()
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def tagged_output(executed: str | Path | None, tag: str) -> str:
    """The printed text of the cells tagged ``tag`` in an executed notebook ("" if none)."""
    if not executed or not Path(executed).is_file():
        return ""
    try:
        cells = json.loads(Path(executed).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return ""
    return "".join("".join(out.get("text", "")) for c in cells
                   if tag in c.get("metadata", {}).get("tags", [])
                   for out in c.get("outputs", []) if out.get("output_type") == "stream")


def _with_entry_links(text: str) -> str:
    """Escaped ``text`` with every entry id a link to the entry's text."""
    return _ENTRY_ID.sub(lambda m: f'<a href="{ENTRY_PAGE}#entry-{m.group(0)}">{m.group(0)}</a>',
                         html.escape(text))


def _copy_figures(row: Mapping[str, Any], html_dir: Path) -> list[Path]:
    """The run's figures copied to ``<html_dir>/figures/<run>/``, so the folder travels alone."""
    folder = html_dir / "figures" / str(row["name"])
    copied = []
    for f in row.get("figures", ()):
        src = Path(f)
        if not src.is_file():
            continue
        dst = folder / src.name
        if not dst.is_file() or dst.read_bytes() != src.read_bytes():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
        copied.append(dst)
    return copied


def _findings(rows: Sequence[Mapping[str, Any]], base: Path) -> list[str]:
    corpus = next((t for r in rows if (t := tagged_output(r.get("executed"), CORPUS_TAG))), "")
    problems = next((t for r in rows if (t := tagged_output(r.get("executed"), PROBLEMS_TAG))),
                    "").splitlines()
    lines = []
    if problems:
        lines += ["<h2>Problems</h2>",
                  (f"<p>{len(problems)} file{'s' if len(problems) != 1 else ''} skipped or read "
                  "with a caveat (every page is computed without the skipped ones):</p><ul>"),
                  *(f"<li>{html.escape(p)}</li>" for p in problems), "</ul>"]
    lines += ["<h2>The corpus</h2>",
             f"<p>{_with_entry_links(corpus.strip())}</p>" if corpus else
             "<p>No corpus overview was run (notebook 01).</p>"]
    found = [(r, t) for r in rows if (t := tagged_output(r.get("executed"), FINDING_TAG))]
    if found:
        lines.append("<h2>Headline findings per actor</h2>")
        lines.append("<p>Earliest against latest report unless the run says otherwise; "
                     "&ldquo;no clear change&rdquo; where the entries cannot carry one. Entry "
                     "ids link to the entry&rsquo;s text; each actor&rsquo;s page has the "
                     "evidence, the trends and the words.</p>")
    for row, text in found:
        actor = str(row.get("parameters", {}).get("actor") or row["name"])
        page = _link(row.get("html"), base, "full page")
        reader = _link(row.get("reader"), base, "reader page")
        lines.append(f"<h3>{html.escape(actor)}</h3>")
        lines.append(f'<div class="finding">{_with_entry_links(text.strip())}</div>')
        figures = {f.stem: f for f in _copy_figures(row, base) if f.suffix == ".png"}
        for pair in (("trend_attention", "attention"), ("trend_tone", "tone")):
            stem = next((x for x in pair if x in figures), None)
            if stem:
                src = html.escape(Path(os.path.relpath(figures[stem], base)).as_posix())
                lines.append(f'<img src="{src}" alt="{html.escape(actor)}: {stem}" '
                             'style="max-width: 48%; margin-right: 1%">')
        lines.append(f"<p>{' &middot; '.join(x for x in (reader, page) if x)}</p>")
    others = [r for r in rows if r.get("html") and r not in [f for f, _ in found]]
    if others:
        lines.append("<h2>Pages</h2><ul>")
        lines += [f"<li>{_link(r.get('reader'), base, str(r['name']))} "
                  f"({_link(r.get('html'), base, 'with code')})</li>" for r in others]
        lines.append("</ul>")
    return lines


def render_index(rows: Sequence[Mapping[str, Any]], path: str | Path, *, title: str) -> bool:
    """Write the index page: the corpus, the findings per actor, the pages, the batch status.

    Parameters
    ----------
    rows : sequence of mapping
        One per run, with keys ``name``, ``notebook``, ``parameters`` (mapping), ``status``,
        ``seconds``, ``html``, ``reader``, ``executed`` (paths or None), ``figures`` (paths)
        and ``error`` (str or None). Every value is escaped. The corpus paragraph and the
        findings are the printed outputs of the cells tagged :data:`CORPUS_TAG` and
        :data:`FINDING_TAG` in the executed notebooks; the figures are copied next to the page
        (``figures/<run>/``), so every link stays inside the page's folder.
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
        *_findings(rows, base),
        "<h2>Batch status</h2>",
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
        figures = "<br>".join(_link(f, base, f.name) for f in _copy_figures(row, base))
        seconds = row.get("seconds")
        lines.append(
            "<tr>"
            f"<td>{_link(row.get('html'), base, row['name']) or esc(row['name'])}</td>"
            f"<td>{_link(row.get('reader'), base, 'reader')}</td>"
            f"<td>{esc(Path(str(row.get('notebook', ''))).name)}</td>"
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
