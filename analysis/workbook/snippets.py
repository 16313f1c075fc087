"""HTML pieces shared by the notebook pages and the index, importing nothing heavy (no pandas):
the lead's layout, a list of headlines, the tone note, and the codebook's page.

Every text is escaped with :func:`html.escape`: actor names and headlines are data, never markup.
:func:`render_codebook` renders ``docs/tone-codebook.md`` into the build folder with mistune (the
Markdown renderer nbconvert uses), raw HTML escaped, so that the tone note of every page links a
page that opens offline; the codebook's repository path is named beside the link.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping
from pathlib import Path

from analysis.store.atomic import write_atomic

__all__ = ["CODEBOOK_PAGE", "FINDINGS_MIME", "LEAD_CSS", "headline_list", "render_codebook",
           "tone_note"]

#: The mimetype of a lead's headlines as data (:mod:`analysis.workbook.findings`), which the
#: index page reads from the executed notebooks.
FINDINGS_MIME = "application/vnd.workbook.findings+json"
#: The tone codebook's page in the build folder (rendered from ``docs/tone-codebook.md``).
CODEBOOK_PAGE = "tone-codebook.html"

#: The lead's layout: headlines beside the figure on a wide screen, above it on a narrow one;
#: each headline's "method" collapsed inline, opened as a block.
LEAD_CSS = (
    "<style>.wb-lead { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: "
    "flex-start; } .wb-headlines { flex: 1 1 28rem; min-width: 18rem; } .wb-lead figure { "
    "flex: 0 1 640px; margin: 0; } .wb-lead figure img { width: 100%; max-width: 640px; "
    "height: auto; border: 0; } .wb-lead figcaption { font-size: 0.8rem; color: #555; } "
    "ol.wb-headlines-list { margin: 0.2rem 0 0.4rem; padding-left: 1.3rem; } "
    "ol.wb-headlines-list li { margin: 0.1rem 0 0.35rem; line-height: 1.35; } "
    "details.wb-method { display: inline; font-size: 0.85em; color: #444; } "
    "details.wb-method[open] { display: block; margin: 0.2rem 0 0.3rem; padding: 0.3rem 0.6rem;"
    " background: #f4f4f4; } details.wb-method summary { display: inline; cursor: pointer; "
    "color: #0b5cab; } .wb-title { font-weight: 600; margin: 0 0 0.1rem; } .tone-note { "
    "font-size: 0.85em; color: #444; margin: 0.3rem 0; }</style>")


def headline_list(items: Iterable[Mapping[str, str]]) -> str:
    """Headlines (``measure``, ``verdict``, ``headline``, ``method``) as an ordered list, each
    followed by its collapsed "method" line."""
    rows = [f'<li class="wb-headline" data-measure="{html.escape(str(h["measure"]))}" '
            f'data-verdict="{html.escape(str(h["verdict"]))}">'
            f'<span class="wb-headline-text">{html.escape(str(h["headline"]))}</span> '
            f'<details class="wb-method"><summary>method</summary>'
            f'{html.escape(str(h["method"]))}</details></li>' for h in items]
    return '<ol class="wb-headlines-list">' + "".join(rows) + "</ol>"


def tone_note() -> str:
    """One line for every page or table that shows tone: how far the tone measure agrees with
    human coding (:func:`analysis.knowledge.tone_model.tone_agreement`'s ``sentence()``), with a
    link to the codebook's page and the codebook's repository path."""
    from analysis.knowledge.tone_model import CODEBOOK, tone_agreement

    agreement = tone_agreement()
    path = getattr(agreement, "codebook", CODEBOOK)
    return (f'<p class="tone-note">{html.escape(agreement.sentence())} Tone is defined by '
            f'<a href="{CODEBOOK_PAGE}">the tone codebook</a> '
            f"(<code>{html.escape(path)}</code> in the repository).</p>")


_CODEBOOK_CSS = ("body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 52rem;"
                 " padding: 0 1rem; line-height: 1.5; color: #222; } table { border-collapse: "
                 "collapse; } th, td { border: 1px solid #ccc; padding: 0.3rem 0.6rem; "
                 "vertical-align: top; text-align: left; } code { background: #f4f4f4; }")


def render_codebook(source: str | Path, target: str | Path) -> bool:
    """Render the codebook ``source`` (Markdown) to the page ``target``, a standalone HTML file
    (raw HTML in the Markdown shown as text); True when it was (re)written. The page records the
    source's SHA-256, so an unchanged codebook costs one small read and no import of mistune."""
    source, target = Path(source), Path(target)
    text = source.read_text(encoding="utf-8")
    stamp = f"<!-- source sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()} -->"
    if target.is_file():
        with target.open(encoding="utf-8") as fh:
            if stamp in fh.read(len(stamp) + 32):
                return False
    import mistune

    body = mistune.create_markdown(escape=True, plugins=["table"])(text)
    title = next((line.lstrip("# ").strip() for line in text.splitlines()
                  if line.startswith("# ")), "Tone codebook")
    write_atomic(target, f"<!DOCTYPE html>\n{stamp}\n<html lang=\"en\"><head><meta charset="
                 f"\"utf-8\"><title>{html.escape(title)}</title><style>{_CODEBOOK_CSS}</style>"
                 f"</head><body>\n{body}</body></html>\n")
    return True
