"""The index page of a batch: the findings first, then the pages, then the batch status.

Plain HTML built with :func:`html.escape` (run names, parameters, error messages, headlines and
quoted outputs are data, never markup). It leads with the corpus in one sentence and the
comparison's headlines beside its small-multiples figure, then the findings table, all quoted
from the executed notebooks (:data:`FINDINGS_TAG`: the lead's data,
``application/vnd.workbook.findings+json``; :data:`CORPUS_TAG`, :data:`PROBLEMS_TAG`: printed
text), so the index shows the numbers of the pages and computes none. The figure is embedded as
a PNG data URI, so ``index.html`` sent alone opens complete; the figures of every run are also
copied beside it (``figures/<run>/``) for the batch status' links. Imports nothing heavy: an
unchanged ``workbook run`` renders it without pandas.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from analysis.store.atomic import write_atomic
from analysis.workbook.snippets import (
    CODEBOOK_PAGE,
    FINDINGS_MIME,
    LEAD_CSS,
    headline_list,
    render_codebook,
    tone_note,
)

__all__ = ["CORPUS_TAG", "FINDINGS_MIME", "FINDINGS_TAG", "PROBLEMS_TAG", "render_index",
           "tagged_output", "write_codebook"]

#: Cells whose outputs the index quotes: the corpus and the problems (notebook 01, printed),
#: and the lead of every comparison (notebooks 02 and 05, data).
CORPUS_TAG, FINDINGS_TAG, PROBLEMS_TAG = "index-corpus", "index-findings", "index-problems"
#: The page an entry id links to (``analysis.workbook.display.ENTRY_PAGE``).
ENTRY_PAGE = "01_corpus_overview.html"
_ENTRY_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)*-\d{4}-\d{2}-e\d+\b")
_PNG_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")

_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.2rem auto; max-width: 78rem; color: #222;
       line-height: 1.4; padding: 0 1rem; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; } h2 { font-size: 1.2rem; margin: 1.2rem 0 0.4rem; }
h3 { font-size: 1rem; margin: 0.5rem 0 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.failed { color: #a00; font-weight: bold; }
code { white-space: pre-wrap; }
.corpus { margin: 0 0 0.6rem; color: #333; }
.pages-of { font-size: 0.85rem; margin: 0 0 0.3rem 1.3rem; }
table.findings { font-size: 0.85rem; }
"""
_COLUMNS = ("run", "reader", "notebook", "parameters", "status", "seconds", "figures")


def _link(target: str | Path | None, base: Path, text: str) -> str:
    if not target:
        return ""
    try:
        href = Path(os.path.relpath(Path(target), base)).as_posix()
    except ValueError:  # another drive (Windows)
        href = Path(target).resolve().as_uri()
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def _cells(executed: str | Path | None) -> list[dict[str, Any]]:
    if not executed or not Path(executed).is_file():
        return []
    try:
        return json.loads(Path(executed).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return []


def _tagged(cells: list[dict[str, Any]], tag: str) -> list[dict[str, Any]]:
    return [out for c in cells if tag in c.get("metadata", {}).get("tags", [])
            for out in c.get("outputs", [])]


def _printed(cells: list[dict[str, Any]], tag: str) -> str:
    texts = []
    for out in _tagged(cells, tag):
        text = (out.get("text", "") if out.get("output_type") == "stream"
                else out.get("data", {}).get("text/plain", ""))
        texts.append("".join(text) + ("" if out.get("output_type") == "stream" else "\n"))
    return "".join(texts)


def tagged_output(executed: str | Path | None, tag: str) -> str:
    """The text of the cells tagged ``tag`` in an executed notebook ("" if none): printed text,
    or the plain text of a displayed value (:func:`analysis.workbook.findings.say`)."""
    return _printed(_cells(executed), tag)


def _with_entry_links(text: str) -> str:
    """Escaped ``text`` with every entry id a link to the entry's text."""
    return _ENTRY_ID.sub(lambda m: f'<a href="{ENTRY_PAGE}#entry-{m.group(0)}">{m.group(0)}</a>',
                         html.escape(text))


def _copy_figures(row: Mapping[str, Any], html_dir: Path) -> list[Path]:
    """The run's figures copied to ``<html_dir>/figures/<run>/`` (the batch status links them)."""
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


def _leads(rows: Sequence[Mapping[str, Any]], cells: dict[str, list]) -> list[tuple[Mapping, dict]]:
    found = []
    for row in rows:
        for out in _tagged(cells[row["name"]], FINDINGS_TAG):
            payload = out.get("data", {}).get(FINDINGS_MIME)
            if isinstance(payload, dict) and isinstance(payload.get("actors"), list):
                found.append((row, payload))
    return found


def _findings_table(actors: list[dict[str, Any]]) -> list[str]:
    """The findings rows of the lead, ``[column, text]`` pairs in order (plain text, escaped
    here; entry ids linked)."""
    rows = [dict(map(tuple, a.get("findings", []))) for a in actors]
    columns = [c for c, _ in actors[0].get("findings", [])] if actors else []
    if not columns:
        return []
    lines = ['<table class="findings"><thead><tr>'
             + "".join(f"<th>{html.escape(str(c))}</th>" for c in columns) + "</tr></thead><tbody>"]
    for cells in rows:
        lines.append("<tr>" + "".join(f"<td>{_with_entry_links(str(cells.get(c, '')))}</td>"
                                      for c in columns) + "</tr>")
    return [*lines, "</tbody></table>"]


def _findings(rows: Sequence[Mapping[str, Any]], base: Path, cells: dict[str, list]) -> list[str]:
    """The findings first: corpus, problems, the headlines beside the figure, the table."""
    corpus = next((t for r in rows if (t := _printed(cells[r["name"]], CORPUS_TAG))), "")
    problems = next((t for r in rows if (t := _printed(cells[r["name"]], PROBLEMS_TAG))),
                    "").splitlines()
    lines = [f'<p class="corpus">{_with_entry_links(corpus.strip())}</p>' if corpus else
             '<p class="corpus">No corpus overview was run (notebook 01).</p>']
    if problems:
        lines += ["<h2>Problems</h2>",
                  (f"<p>{len(problems)} file{'s' if len(problems) != 1 else ''} skipped or read "
                  "with a caveat (every page is computed without the skipped ones):</p><ul>"),
                  *(f"<li>{html.escape(p)}</li>" for p in problems), "</ul>"]
    leads = _leads(rows, cells)
    if not leads:
        return lines
    main_row, main = max(leads, key=lambda found: len(found[1]["actors"]))  # first on ties
    actors = list(main["actors"])
    for _, payload in leads:  # actors compared elsewhere only (a deep dive of its own)
        actors += [a for a in payload["actors"] if a["actor"] not in {x["actor"] for x in actors}]
    dives = {str(r.get("parameters", {}).get("actor")): r for r, _ in leads
             if r.get("parameters", {}).get("actor")}
    lines.append(f"<h2>Headline findings: {html.escape(str(main.get('title', '')))}</h2>")
    lines.append('<div class="wb-lead"><div class="wb-headlines">')
    for a in actors:
        name = str(a["actor"])
        lines.append(f"<h3>{html.escape(name)}</h3>")
        lines.append(headline_list(a.get("headlines", [])))
        dive = dives.get(name)
        if dive is not None:
            links = [x for x in (_link(dive.get("reader"), base, "reader page"),
                                 _link(dive.get("html"), base, "with code")) if x]
            lines.append(f'<p class="pages-of">{html.escape(name)}&rsquo;s deep dive (evidence, '
                         f"trends, words): {' &middot; '.join(links)}</p>")
    lines.append(tone_note() + "</div>")
    figure = str(main.get("figure", ""))
    if _PNG_URI.fullmatch(figure):
        caption = html.escape(str(main.get("caption", "")))
        lines.append(f'<figure><img src="{figure}" alt="{caption}" width="640">'
                     f"<figcaption>{caption}</figcaption></figure>")
    lines.append("</div>")
    table = _findings_table(actors)
    if table:
        page = _link(main_row.get("reader"), base, "its page")
        lines += ["<h2>Findings table</h2>",
                  (f"<p>The numbers of the headlines, one row per actor ({page}). Entry ids link "
                  "to the entry&rsquo;s text.</p>"), *table]
    lines.append("<details><summary>How to read these findings</summary><p>Earliest against "
                 "latest report unless the run says otherwise. The entry (one summarized "
                 "publication) is the unit; a change is clear only when its 95% interval "
                 "excludes 0 and, for tone, its p-value adjusted with Holm&rsquo;s method over "
                 f"the family of the plan&rsquo;s actors ({html.escape(', '.join(main.get('family', [])))}) "
                 "is below 0.05; each headline&rsquo;s &ldquo;method&rdquo; gives the "
                 "statistics.</p></details>")
    return lines


def render_index(rows: Sequence[Mapping[str, Any]], path: str | Path, *, title: str) -> bool:
    """Write the index page: findings first (corpus, headlines and figure, findings table), then
    the pages and the batch status.

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
    cells = {r["name"]: _cells(r.get("executed")) for r in rows}
    lines = ["<!DOCTYPE html>", '<html lang="en">', '<head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{esc(title)}</title>", f"<style>{_CSS}</style>{LEAD_CSS}</head>",
             f"<body><h1>{esc(title)}</h1>", *_findings(rows, base, cells), "<h2>Pages</h2><ul>"]
    lines += [f"<li>{_link(r.get('reader'), base, str(r['name']))} "
              f"({_link(r.get('html'), base, 'with code')})</li>" for r in rows if r.get("html")]
    lines += ["</ul>", "<h2>Batch status</h2>", "<table><thead><tr>"
              + "".join(f"<th>{h}</th>" for h in _COLUMNS) + "</tr></thead><tbody>"]
    for row in rows:
        params = "<br>".join(
            f"<code>{esc(str(k))} = {esc(json.dumps(v, ensure_ascii=False))}</code>"
            for k, v in row.get("parameters", {}).items())
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
            "</tr>")
    lines += ["</tbody></table>", "</body></html>", ""]
    text = "\n".join(lines)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text)
    return True


def write_codebook(root: Path, html_dir: Path) -> bool:
    """The tone codebook (``docs/tone-codebook.md`` of the project, else of the package's source
    tree) rendered to ``<html_dir>/tone-codebook.html``, the page every tone note links; True
    when it was (re)written, False when unchanged or when no codebook is found."""
    from analysis.knowledge.tone_model import CODEBOOK

    for source in (Path(root) / CODEBOOK, Path(__file__).resolve().parents[2] / CODEBOOK):
        if source.is_file():
            return render_codebook(source, Path(html_dir) / CODEBOOK_PAGE)
    return False
