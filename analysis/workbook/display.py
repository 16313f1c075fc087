"""Tables for people: the one display layer every notebook uses.

:func:`show` turns a result table into what a reader should see, without changing the table:

- no NaN, NaT or None: an em dash (:data:`MISSING`); lists joined with ", ";
- shares as percentages, tone and other scores with two decimals, p-values with three, counts
  as integers with a thousands separator, dates as ``YYYY-MM-DD``, booleans as yes/no;
- column labels in words (:data:`LABELS`, else the name with spaces);
- entry ids (``entry_id``, ``entry_ids``, ``evidence_*``) linked to the entry's full text on the
  corpus overview page (:func:`entry_texts` writes those anchors);
- every text is HTML-escaped first: report text is data, never markup.

A short table is a static HTML table (pandas Styler); a long one (more than ``SHORT`` rows: the
entries, KWIC lines, keyness terms) is sortable and searchable with itables in offline mode: the
DataTables script is embedded once per notebook, in the first long table's output, so a rendered
page loads nothing from another host.
"""

from __future__ import annotations

import html
import math
import numbers
import re
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from analysis.workbook.snippets import CODEBOOK_PAGE, tone_note

__all__ = [
    "CODEBOOK_PAGE",
    "ENTRY_PAGE",
    "LABELS",
    "MISSING",
    "SHORT",
    "Html",
    "Table",
    "cell",
    "entry_texts",
    "label",
    "record",
    "show",
    "tidy",
    "tone_note",
]

MISSING = "\u2014"
#: Tables with more rows than this are interactive (sortable, searchable).
SHORT = 12
#: The page holding every entry's text (the corpus overview), target of entry-id links.
ENTRY_PAGE = "01_corpus_overview.html"

LABELS = {
    "report_id": "report", "entry_id": "entry", "entry_ids": "entries", "group": "report",
    "sha256": "SHA-256", "n_words": "words", "pub_date": "date", "outlet_as_written":
    "outlet as written", "per_1k": "per 1,000 tokens", "per_1k_low": "per 1,000, low",
    "per_1k_high": "per 1,000, high", "entries": "entries mentioning", "n_entries":
    "entries in all", "share": "share of entries", "share_low": "share, low", "share_high":
    "share, high", "mean": "mean tone", "mean_low": "tone, low", "mean_high": "tone, high",
    "share_positive": "positive sentences", "share_negative": "negative sentences", "n_target":
    "count in target", "n_baseline": "count in baseline", "entries_target": "entries in target",
    "entries_baseline": "entries in baseline", "total_target": "words in target",
    "total_baseline": "words in baseline", "log_odds": "log-odds ratio", "z": "z", "g2": "G\u00b2",
    "g2_p_value": "G\u00b2 p-value", "p_value": "p-value", "q_value": "q-value (BH)",
    "sentence_idx": "sentence", "n_sentences": "sentences in all", "n_reports": "reports",
    "actor_a": "actor", "actor_b": "with", "tone_masked": "tone (names masked)",
    "tone_entries": "entries with tone", "per_1k_change": "change per 1,000 tokens",
    "tone_p_value": "tone p-value", "tone_p_adjusted": "tone p-value (adjusted)",
    "tone_reliable": "tone testable", "terms": "distinctive words", "evidence": "entries",
}
_PVALUE = ("p_value", "q_value", "p_adjusted")
_COUNT = ("mentions", "tokens", "entries", "sentences", "n_", "total_", "position", "line",
          "start", "end", "count", "words")


def label(name: Any) -> str:
    """A column name in words: :data:`LABELS`, else the name with spaces for underscores; the
    ``_baseline``/``_target`` sides of :func:`analysis.compare` and ``_low``/``_high`` bounds
    named after their measure ("share, low (baseline)")."""
    name = str(name)
    side = next((s for s in ("_baseline", "_target") if name.endswith(s) and name != s[1:]), "")
    base = name[: len(name) - len(side)]
    bound = next((b for b in ("_low", "_high") if base.endswith(b)), "")
    stem = base[: len(base) - len(bound)]
    text = (LABELS[base] if base in LABELS else
            f"{LABELS.get(stem, stem.replace('_', ' '))}, {bound[1:]}" if bound else
            base.replace("_", " "))
    return f"{text} ({side[1:]})" if side and name not in LABELS else LABELS.get(name, text)


def _kind(name: str) -> str:
    base = name.removesuffix("_baseline").removesuffix("_target")
    if base.endswith(_PVALUE):
        return "p"
    if "share" in base:
        return "change" if "change" in base else "share"
    if base.startswith(_COUNT) or base.endswith(("count", "entries", "sentences", "mentions")):
        return "count"
    return "number"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


#: Left-aligned cells (JupyterLab's CSS right-aligns every cell); ids never break at a hyphen.
STYLE = ("<style>table.workbook-table td, table.workbook-table th, table.dataTable td,"
         " table.dataTable th { text-align: left !important; vertical-align: top; }"
         " .nowrap { white-space: nowrap; }</style>")
_ID_LIKE = re.compile(r"^[\w.'-]{1,32}$")


def _entry_link(entry_id: str) -> str:
    text = html.escape(entry_id)
    return (f'<a class="nowrap" href="{ENTRY_PAGE}#entry-{html.escape(entry_id, quote=True)}">'
            f"{text}</a>")


def cell(value: Any, name: str = "", *, links: bool = True) -> str:
    """One value as HTML text: formatted by the kind of its column ``name``, escaped."""
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Series)):
        items = [v for v in list(value) if not _missing(v)]
        return ", ".join(cell(v, name, links=links) for v in items) if items else MISSING
    if _missing(value):
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, numbers.Number):
        kind = _kind(name)
        if kind == "share":
            return f"{float(value):.0%}"
        if kind == "change":
            return f"{100 * float(value):+.0f} pts"
        if kind == "p":
            return "<0.001" if value < 0.001 else f"{float(value):.3f}"
        if kind == "count" or isinstance(value, numbers.Integral):
            return f"{round(float(value)):,}" if float(value).is_integer() else f"{value:,.1f}"
        return f"{round(float(value), 2) + 0.0:.2f}"  # no "-0.00"
    text = str(value)
    is_entry = name in ("entry_id", "entry_ids") or name.startswith("evidence")
    if links and is_entry:
        return _entry_link(text)
    if _ID_LIKE.match(text) and "-" in text:
        return f'<span class="nowrap">{html.escape(text)}</span>'
    return html.escape(text)


def tidy(table: pd.DataFrame | pd.Series, *, links: bool = True) -> pd.DataFrame:
    """The table as HTML strings for reading: a named or multi-level index becomes columns,
    every cell is formatted by :func:`cell`, columns are labelled by :func:`label`."""
    frame = table.to_frame() if isinstance(table, pd.Series) else table
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.name is not None:
        frame = frame.reset_index()
    out = pd.DataFrame({label(c): [cell(v, str(c), links=links) for v in frame[c]]
                        for c in frame.columns})
    out.columns = [html.escape(c) for c in out.columns]
    return out


def record(table: pd.DataFrame, *, key: str = "actor") -> pd.DataFrame:
    """A wide table of one row per ``key`` (as :func:`analysis.compare`) as one row per measure,
    one column per key value: the measures in words, each value formatted for its measure."""
    rows = {label(c): [cell(v, c) for v in table[c]] for c in table.columns if c != key}
    names = [str(v) for v in table[key]] if key in table else [str(i) for i in table.index]
    return pd.DataFrame.from_dict(rows, orient="index", columns=[html.escape(n) for n in names])


class Table:
    """A formatted table: ``_repr_html_`` for notebooks and pages, the strings in ``data``."""

    _library_sent = False

    def __init__(self, data: pd.DataFrame, *, interactive: bool, caption: str | None,
                 index: bool = False, note: str = ""):
        self.data, self.interactive, self.caption, self.index = data, interactive, caption, index
        self.note = note

    def _repr_html_(self) -> str:
        return self.note + self._table_html()

    def _table_html(self) -> str:
        if self.data.empty:
            return "<p><em>none</em></p>"
        if not self.interactive:
            styler = self.data.style.set_table_attributes('class="workbook-table"').set_uuid(
                _uid(self.data))
            if not self.index:
                styler = styler.hide(axis="index")
            if self.caption:
                styler = styler.set_caption(html.escape(self.caption))
            return STYLE + styler.to_html()
        return STYLE + _library() + _datatable(self.data, self.caption)

    def __repr__(self) -> str:
        return self.data.to_string()


def _uid(data: pd.DataFrame) -> str:
    """An id from the table's content: a page is byte-identical from run to run."""
    import hashlib

    text = data.to_json(orient="split", default_handler=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _library() -> str:
    """The DataTables bundle of itables, once per kernel (offline mode: embedded, base64)."""
    if Table._library_sent:
        return ""
    from itables import javascript, options

    options.display_logo_when_loading = False
    init = javascript.read_package_file("html/init_datatables.html")
    init = javascript.replace_value(
        init, "import { set_or_remove_dark_class } from '"
        + javascript.UNPKG_DT_BUNDLE_URL_NO_VERSION + "';",
        "const { set_or_remove_dark_class } = await window."
        + javascript._itables_underscore_version() + ";")
    Table._library_sent = True
    return javascript.generate_init_offline_itables_html(options.dt_bundle) + init


def _datatable(data: pd.DataFrame, caption: str | None) -> str:
    import re

    from itables import to_html_datatable

    page = to_html_datatable(data, table_id=f"itables_{_uid(data)}", connected=False, allow_html=True, showIndex=False,
                             caption=html.escape(caption) if caption else None,
                             display_logo_when_loading=False, lengthMenu=[10, 25, 100, -1],
                             pageLength=10, classes="display compact", maxBytes=0,
                             warn_on_unexpected_types=False)
    # the loading message and the static preview link the library's help site: a page links
    # nothing outside
    page = re.sub(r"\(need <a href=[^>]*>help</a>\?\)", "", page)
    return re.sub(r'<a href="?https?://itables\.org[^>]*>[^<]*</a>', "", page)


def show(table: pd.DataFrame | pd.Series, *, caption: str | None = None,
         interactive: bool | None = None, transpose: bool = False, tone: bool = False) -> Table:
    """The table for reading (see the module docstring); the table itself is not changed.

    ``interactive`` defaults to more than :data:`SHORT` rows; ``transpose=True`` shows a wide
    one-row-per-actor table (:func:`analysis.compare`) as one row per measure (:func:`record`);
    ``tone=True`` (a table that shows tone) puts :func:`tone_note` above it.
    """
    note = tone_note() if tone else ""
    if transpose:
        return Table(record(table), interactive=False, caption=caption, index=True, note=note)
    data = tidy(table)
    return Table(data, interactive=len(data) > SHORT if interactive is None else interactive,
                 caption=caption, note=note)


def entry_texts(entries: pd.DataFrame) -> Html:
    """Every entry with its text, each row the anchor ``entry-<entry_id>`` that entry-id links
    of every page point to (a static table, so the anchors exist when the page opens)."""
    cols = [c for c in ("entry_id", "outlet", "pub_date", "issue", "authors", "text")
            if c in entries]
    data = tidy(entries[cols], links=False)
    rows = ["<table class=\"workbook-table entry-texts\"><thead><tr>"
            + "".join(f"<th>{c}</th>" for c in data.columns) + "</tr></thead><tbody>"]
    for entry_id, values in zip(entries["entry_id"], data.itertuples(index=False), strict=True):
        anchor = html.escape(f"entry-{entry_id}", quote=True)
        rows.append(f'<tr id="{anchor}">' + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    rows.append("</tbody></table>")
    return Html(STYLE + "".join(rows))


class Html:
    """Ready HTML for a notebook output."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:  # the text/plain output: stable from run to run
        return f"<HTML, {len(self.text):,} characters>"
