"""What a page leads with: the corpus in a sentence, a comparison's headlines beside its figure,
and its findings table.

:func:`lead` is the first output of a page that compares: the headlines of
:func:`analysis.measure.headlines.headlines` (one per actor and measure, each with its collapsed
"method" line), beside the small-multiples figure of
:func:`analysis.plot.findings_plots.plot_findings` (saved as ``findings.png`` and ``.svg`` and
embedded in the page as a PNG data URI), and the tone measure's agreement with human coding. Its
output also carries the same headlines as data (:data:`FINDINGS_MIME`), which the index page of a
batch reads, so the index quotes the notebooks' numbers and never computes its own.
:func:`findings_table` is the comparison's one table. Every text is escaped: names and report
text are data, never markup.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

from analysis.workbook.display import STYLE, Table, _missing, cell
from analysis.workbook.snippets import FINDINGS_MIME, LEAD_CSS, headline_list, tone_note

__all__ = ["FIGURE_WIDTH", "FINDINGS_MIME", "Lead", "Said", "corpus_summary", "findings_table",
           "lead", "print_problems", "say"]

#: Width of the lead figure in inches (640 px on the page, beside the headlines).
FIGURE_WIDTH = 6.4
#: Evidence ids listed per side in the findings table before "and N more".
EVIDENCE_SHOWN = 3


def corpus_summary(corpus: Any) -> str:
    """The corpus in one sentence, counting entries as every page does (summarized
    publications; overviews and unattributed text are not entries): "2 reports, 24 entries from
    11 outlets: Russia, Nov 2021 and Mar 2024 (russia-2021-11, russia-2024-03); 12 entries a
    report; no problem reading the files." The index page of a batch opens with it."""
    from analysis.measure.headlines import month_label

    reports, entries = corpus.reports, corpus.entries
    entries = entries[entries["kind"] == "entry"]
    ordered = reports.sort_values(["period", "report_id"])
    ids = ordered["report_id"].astype(str).tolist()
    countries = sorted(reports["country"].dropna().astype(str).unique())
    periods = [month_label(p) for p in dict.fromkeys(ordered["period"].astype(str))]
    per = entries.groupby("report_id").size().reindex(ids, fill_value=0)
    n, problems = len(reports), len(corpus.problems)
    where = (countries[0] if len(countries) == 1
             else f"{len(countries)} countries ({', '.join(countries)})")
    when = (" and ".join(periods) if len(periods) <= 2
            else f"{periods[0]} to {periods[-1]} ({len(periods)} periods)")
    shown = ", ".join(ids) if len(ids) <= 3 else f"{ids[0]} to {ids[-1]}"
    each = f"{per.min()}" if per.min() == per.max() else f"{per.min()} to {per.max()}"
    return (f"{n} report{'s' if n != 1 else ''}, {len(entries)} entries from "
            f"{entries['outlet'].dropna().nunique()} outlets: {where}, {when} ({shown}); "
            f"{each} entries a report; "
            + (f"{problems} problem{'s' if problems != 1 else ''} reading the files."
               if problems else "no problem reading the files."))


def print_problems(corpus: Any) -> None:
    """Print one line per reading problem (``file:line: severity: message``, file names only);
    nothing when there is none. The index page of a batch quotes these lines."""
    for r in corpus.problems.itertuples(index=False):
        line = "" if _missing(r.line) else f":{int(r.line)}"
        print(f"{Path(str(r.path)).name}{line}: {r.severity}: {r.message}")


class Said:
    """Plain words for a page: ``text/html`` paragraphs (a line that starts with spaces is an
    item under the line before it), ``text/plain`` the text itself (the index quotes it)."""

    def __init__(self, text: str):
        self.text = str(text)

    def _repr_html_(self) -> str:
        parts, items = [], []
        for line in self.text.strip("\n").splitlines():
            if line[:1].isspace() and parts:
                items.append(f"<li>{html.escape(line.strip())}</li>")
                continue
            if items:
                parts.append("<ul>" + "".join(items) + "</ul>")
                items = []
            parts.append(f'<p class="wb-said">{html.escape(line)}</p>')
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        return "".join(parts)

    def __repr__(self) -> str:
        return self.text


def say(text: str) -> Said:
    """``text`` (a describe_* result, the corpus sentence) shown as words, not as code output."""
    return Said(text)


class Lead:
    """A lead output: ``text/html`` for the page, :data:`FINDINGS_MIME` for the index."""

    def __init__(self, text: str, payload: dict[str, Any]):
        self.text, self.payload = text, payload

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/html": self.text, FINDINGS_MIME: self.payload,
                "text/plain": f"<findings: {self.payload['title']}>"}


def _png_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def lead(table: Any, corpus: Any, *, baseline: Any, target: Any, figure: str | Path,
         min_entries: int = 3) -> Lead:
    """The lead of a page comparing ``baseline`` and ``target``: headlines beside the figure.

    ``table`` is a :func:`analysis.measure.compare.compare` table (not modified); the figure is
    saved as ``<figure>.png`` and ``.svg`` (:func:`analysis.plot.save.save_figure`) and embedded
    as a PNG data URI. The payload (:data:`FINDINGS_MIME`) holds title, labels, family, the
    headlines per actor, the findings table's text and the figure's data URI.
    """
    from analysis.measure.headlines import findings, headlines
    from analysis.plot.findings_plots import plot_findings
    from analysis.plot.save import save_figure

    heads = headlines(table, corpus.reports, baseline=baseline, target=target,
                      min_entries=min_entries)
    rows = findings(table, corpus.reports, baseline=baseline, target=target,
                    min_entries=min_entries)
    labels = rows.attrs["labels"]
    fig = plot_findings(table, labels=(labels.baseline, labels.target), width=FIGURE_WIDTH)
    png, _ = save_figure(fig, figure)
    uri = _png_uri(png)
    caption = (f"Attention and tone, {labels.title}: the share of entries naming each actor and "
               "the mean tone toward it over entries, with 95% intervals; n on each panel.")
    items = heads.to_dict("records")
    family = list(table["tone_family"].iloc[0]) if len(table) else []
    body = (f'<div class="wb-lead"><div class="wb-headlines"><p class="wb-title">What changed: '
            f"{html.escape(labels.title)}</p>{headline_list(items)}{tone_note()}</div>"
            f'<figure><img src="{uri}" alt="{html.escape(caption)}" width="640">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure></div>")
    payload = {
        "title": labels.title, "labels": [labels.baseline, labels.target],
        "cross_country": labels.cross_country, "family": family,
        "actors": [{"actor": a, "headlines": [h for h in items if h["actor"] == a],
                    "findings": [list(kv) for kv in _text_row(r, labels).items()]}
                   for a, r in zip(table["actor"], rows.to_dict("records"), strict=True)],
        "figure": uri, "caption": caption,
    }
    return Lead(LEAD_CSS + body, payload)


def _evidence(ids: list[str], label: str, *, links: bool) -> str:
    shown = ids[:EVIDENCE_SHOWN]
    more = len(ids) - len(shown)
    text = (", ".join(cell(e, "entry_id") if links else e for e in shown) or "none") + (
        f" and {more} more" if more > 0 else "")
    return f"{html.escape(label) if links else label}: {text}"


def _columns(labels: Any) -> list[str]:
    b, t = labels.baseline, labels.target
    return ["actor", f"attention, {b}", f"attention, {t}", "attention change (points)",
            f"tone, {b}", f"tone, {t}", "tone change", "verdict", "entries behind it"]


def _text_row(row: dict[str, Any], labels: Any, *, links: bool = False) -> dict[str, str]:
    """A findings row as the table's cells: plain text, or escaped HTML with entry links."""
    esc = html.escape if links else str
    values = [esc(str(row[c])) for c in ("actor", "attention_baseline", "attention_target",
                                         "attention_change", "tone_baseline", "tone_target",
                                         "tone_change", "verdict")]
    values.append("; ".join(_evidence(list(row[f"evidence_{s}"]), label, links=links)
                            for s, label in (("baseline", labels.baseline),
                                             ("target", labels.target))))
    return dict(zip(_columns(labels), values, strict=True))


def findings_table(table: Any, corpus: Any, *, baseline: Any, target: Any,
                   min_entries: int = 3) -> Table:
    """The findings table of a comparison (:func:`analysis.measure.headlines.findings`): one row
    per actor with attention and tone before and after, with their intervals, the changes, the
    verdict and the entries behind it (linked), captioned with what each number is, the family
    of the Holm adjustment and the tone measure's agreement with human coding. A static table
    (pandas Styler); sortable and searchable (itables, offline) when it is long."""
    import pandas as pd

    from analysis.measure.headlines import findings
    from analysis.workbook.display import SHORT

    rows = findings(table, corpus.reports, baseline=baseline, target=target,
                    min_entries=min_entries)
    labels = rows.attrs["labels"]
    cells = [_text_row(r, labels, links=True) for r in rows.to_dict("records")]
    data = pd.DataFrame(cells, columns=_columns(labels))
    data.columns = [html.escape(c) for c in data.columns]
    family = list(table["tone_family"].iloc[0]) if len(table) else []
    caption = (f'<p class="wb-caption"><b>Findings: {html.escape(labels.title)}.</b> Attention: '
               "the share of entries naming the actor (entries naming it of the side's entries; "
               "Wilson 95% CI), its change in points (Newcombe's 95% CI). Tone: the mean over "
               "entries of the tone toward the actor, from -1 to +1 (entries about it; "
               "bootstrap 95% CI), its change (95% CI; Holm-adjusted p over a family of "
               f"{len(family)} actor{'s' if len(family) != 1 else ''}: "
               f"{html.escape(', '.join(family))}). Verdicts follow the headlines' rules.</p>")
    note = tone_note().replace('<p class="tone-note">', "").replace("</p>", "")
    return Table(data, interactive=len(data) > SHORT, caption=None,
                 note=STYLE + caption.replace("</p>", f" {note}</p>"))
