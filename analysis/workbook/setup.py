"""What every notebook does first, and what the batch checks before it starts a kernel.

A notebook's first code cell after its parameters is one call::

    run = setup(reports_dir=reports_dir, figures_dir=figures_dir, actors=actors,
                family=family, baseline=baseline, target=target)

:func:`setup` moves to the project root (JupyterLab starts kernels in ``notebooks/``, papermill
wherever it is called), loads the corpus and resolves the parameters against it with
:func:`resolve_parameters`: actor names (or aliases) to the gazetteer's actors, report specs to
report ids, ``baseline=None`` and ``target=None`` to the earliest and the latest report. An
unknown value stops the notebook there with the closest valid names and the list of valid values.
``family`` is the comparison's family (the actors whose tone tests are adjusted together):
None is the plan's actor list (``[plan] actors`` of ``notebooks/plan.toml``), which the batch
passes itself.

The batch (:func:`check_parameters`) resolves a run's parameters with the same function before
it starts any kernel, against the run's reports (read, not annotated) and the gazetteer.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.workbook.plan import PlanError, Run, notebook_parameters

__all__ = ["PARAMETERS", "Setup", "check_parameters", "figures_folder", "resolve_parameters",
           "setup"]

#: Parameters that name actors or reports, resolved (and checked) before any work.
PARAMETERS = ("actor", "actors", "baseline", "target")
_UNSET: Any = object()


def resolve_parameters(corpus: Any, *, actor: str | None = None, actors: Any = None,
                       baseline: Any = None, target: Any = None,
                       pair: bool = True) -> dict[str, Any]:
    """The actor and report parameters of a notebook, resolved against ``corpus``.

    Returns a dict with ``actor`` (one canonical name or None), ``actors`` (canonical names, in
    order; [] when None), ``baseline`` and ``target`` (report ids, chronological; None means the
    earliest and the latest report, see :func:`analysis.measure.groups.default_pair`) and
    ``between`` (the ids of the reports after the baseline and before the target). Raises
    :class:`analysis.measure.groups.UnknownValueError` (listing the valid values) for a name
    that is not an actor, alias, report id, period or year, and ``ValueError`` when the two
    sides overlap. With ``pair=False`` the reports are not resolved (baseline, target and
    between are empty).
    """
    from analysis.measure.groups import default_pair, resolve_actors

    base_ids, target_ids, between = [], [], []
    if pair:
        base_ids, target_ids = default_pair(corpus.reports, baseline=baseline, target=target)
        ordered = corpus.reports.sort_values(["period", "report_id"])["report_id"].tolist()
        first, last = ordered.index(base_ids[-1]), ordered.index(target_ids[0])
        between = [r for r in ordered[first + 1:last] if r not in base_ids + target_ids]
    return {
        "actor": resolve_actors(corpus, [actor])[0] if actor is not None else None,
        "actors": resolve_actors(corpus, actors) if actors is not None else [],
        "baseline": base_ids,
        "target": target_ids,
        "between": between,
    }


@dataclass(frozen=True)
class Setup:
    """A notebook's corpus and its resolved parameters (see :func:`resolve_parameters`)."""

    corpus: Any
    actor: str | None
    actors: list[str]
    baseline: list[str]
    target: list[str]
    between: list[str] = field(default_factory=list)
    figures: Path = Path("figures")
    #: The actors whose tone tests are adjusted together (Holm), the compared ones included.
    family: list[str] = field(default_factory=list)

    @property
    def labels(self) -> Any:
        """The comparison's side labels and title
        (:func:`analysis.measure.headlines.pair_labels`: "Russian press, Nov 2021 vs Mar 2024")."""
        from analysis.measure.headlines import pair_labels

        return pair_labels(self.corpus.reports, self.baseline, self.target)

    def lead(self, table: Any, *, min_entries: int = 3) -> Any:
        """The page's lead for a :func:`analysis.measure.compare.compare` table: its headlines
        beside its figure, saved as figure ``findings`` (:func:`analysis.workbook.findings.lead`)."""
        from analysis.workbook.findings import lead

        return lead(table, self.corpus, baseline=self.baseline, target=self.target,
                    figure=self.figure("findings"), min_entries=min_entries)

    def findings_table(self, table: Any, *, min_entries: int = 3) -> Any:
        """The comparison's findings table (:func:`analysis.workbook.findings.findings_table`)."""
        from analysis.workbook.findings import findings_table

        return findings_table(table, self.corpus, baseline=self.baseline, target=self.target,
                              min_entries=min_entries)

    @property
    def baseline_label(self) -> str:
        return ", ".join(self.baseline)

    @property
    def target_label(self) -> str:
        return ", ".join(self.target)

    @property
    def trend(self) -> bool:
        """Whether the corpus has enough reports for a time axis (``TREND_MIN_REPORTS``)."""
        from analysis.plot.trends import TREND_MIN_REPORTS

        return len(self.corpus.reports) >= TREND_MIN_REPORTS

    def reports_label(self, *, pair: bool = False) -> str:
        """The reports a figure or table shows: the pair (``baseline vs target``) or all."""
        if pair and self.baseline:
            return f"{self.baseline_label} vs {self.target_label}"
        ids = self.corpus.reports.sort_values(["period", "report_id"])["report_id"].tolist()
        return ", ".join(ids) if len(ids) <= 3 else f"{ids[0]} to {ids[-1]} ({len(ids)} reports)"

    def caption(self, measure: str, *, pair: bool = False) -> str:
        """A figure title naming the measure, the actor, the reports and n (entries)."""
        ids = self.baseline + self.target if pair and self.baseline else None
        entries = self.corpus.entries
        entries = entries[entries["kind"] == "entry"]
        if ids is not None:
            entries = entries[entries["report_id"].isin(ids)]
        actor = f" — {self.actor}" if self.actor else ""
        return f"{measure}{actor}: {self.reports_label(pair=pair)}; n = {len(entries)} entries"

    def title(self, fig: Any, measure: str, *, pair: bool = False) -> Any:
        """Title ``fig`` with :meth:`caption`, wrapped to the figure's width; returns ``fig``."""
        from analysis.plot.trends import wrap_title

        fig.suptitle(wrap_title(self.caption(measure, pair=pair), fig))
        return fig

    def heading(self, title: str, *, corpus: bool = True) -> Any:
        """The page's title and what it compares, naming the actor and the reports (HTML,
        every name escaped: report ids and titles come from the files); ``corpus=False`` leaves
        out the corpus sentence (a page that leads with it)."""
        from html import escape

        from IPython.display import HTML

        from analysis.workbook.findings import corpus_summary

        text = ((corpus_summary(self.corpus) if corpus else "")
                + (f" Compared: {self.labels.title} ({self.baseline_label} against "
                   f"{self.target_label})" if self.baseline else "")
                + (f"; between them, shown on the trends only: {', '.join(self.between)}"
                   if self.between else "") + ("." if self.baseline else "")).strip()
        head = title + (f": {self.actor}" if self.actor else "")
        return HTML(f"<h1>{escape(head)}</h1><p>{escape(text)}</p>" + self.problems_html())

    def problems_html(self) -> str:
        """The files skipped or read with a caveat, as a clean table ("" when there are none):
        file names only (no machine paths), line, severity and what to do."""
        from analysis.workbook.display import show

        problems = self.corpus.problems
        if problems is None or not len(problems):
            return ""
        table = problems.assign(path=[Path(str(p)).name for p in problems["path"]])
        table = table.rename(columns={"path": "file"})
        n = len(table)
        return (f"<h2>Problems</h2><p>{n} file{'s' if n != 1 else ''} skipped or read with a "
                "caveat; every number on this page is computed without the skipped ones.</p>"
                + show(table, interactive=False)._repr_html_())

    def figure(self, name: str) -> Path:
        """Where figure ``name`` is saved: ``<figures_dir>/<name>`` (no extension)."""
        return self.figures / name

    def save(self, fig: Any, name: str, measure: str, *, pair: bool = False) -> Any:
        """Title ``fig`` (:meth:`title`), save it as figure ``name`` (PNG and SVG,
        :func:`~analysis.plot.save.save_figure`) and return it for the cell to show."""
        from analysis.plot.save import save_figure

        save_figure(self.title(fig, measure, pair=pair), self.figure(name))
        return fig

    def trend_figure(self, table: Any, value: str, name: str, measure: str, *,
                     explain: bool = False) -> Any:
        """The trend of ``table[value]`` over the reports' periods
        (:func:`~analysis.plot.trends.plot_trend`), titled with :meth:`caption` and saved as
        figure ``name``; None when the corpus has too few reports for a time axis (saying so
        when ``explain``)."""
        from analysis.plot.save import save_figure
        from analysis.plot.trends import plot_trend

        if not self.trend:
            if explain:
                print(f"{len(self.corpus.reports)} report(s): a trend needs three or more.")
            return None
        fig = plot_trend(table, value=value, reports=self.corpus.reports,
                         title=self.caption(measure))
        save_figure(fig, self.figure(name))
        return fig

    def __repr__(self) -> str:
        from analysis.workbook.findings import corpus_summary

        lines = [corpus_summary(self.corpus)]
        if self.actor:
            lines.append(f"actor: {self.actor}")
        if self.actors:
            lines.append(f"actors: {', '.join(self.actors)}")
        if self.baseline:
            lines.append(f"baseline: {self.baseline_label}")
            lines.append(f"target: {self.target_label}")
        if self.between:
            lines.append(f"between them (not in the comparison): {', '.join(self.between)}")
        return "\n".join(lines)


def figures_folder(notebook: str, **parameters: Any) -> Path:
    """``figures/<notebook>-<values>``: the notebook's stem and the values of the parameters
    given (None left out), slugged as the batch names its runs, so a notebook run by hand with
    ``-p actor Japan`` writes to ``figures/05_actor_deep_dive-japan``."""
    from analysis.workbook.plan import _slug

    values = [_slug(v) for k, v in parameters.items() if k in PARAMETERS and v is not None]
    return Path("figures") / "-".join([notebook, *values])


def setup(*, reports_dir: str | os.PathLike = "reports_raw",
          figures_dir: str | os.PathLike | None = None, notebook: str = "notebook",
          actor: str | None = None, actors: Any = None, family: Any = _UNSET,
          baseline: Any = _UNSET, target: Any = _UNSET, **load: Any) -> Setup:
    """Move to the project root, load the corpus of ``reports_dir``, resolve the parameters.

    A notebook that compares two sides passes ``baseline`` and ``target`` (None: the earliest
    and the latest report); one that does not leaves them out, and ``Setup.baseline`` and
    ``Setup.target`` are then empty. ``load`` goes to :func:`analysis.corpus.load_corpus`
    (``knowledge``, ``jobs`` ...). Paths are relative to the project root, the folder of
    pyproject.toml. ``figures_dir=None`` is :func:`figures_folder` of ``notebook`` and the
    actor and report parameters (the batch always passes its own folder). Reading problems are
    not issued as warnings here: :meth:`Setup.heading` shows them as a table.

    A notebook that compares actors passes ``family``: the actors whose tone tests are adjusted
    together (Holm), None for the plan's actor list (:func:`analysis.workbook.plan.plan_family`);
    the actors it compares are added to it. With a family and no ``actor``, ``actors=None`` compares the family.
    """
    from analysis.config import project_root
    from analysis.corpus import ReportWarning, load_corpus

    os.chdir(project_root())
    with warnings.catch_warnings():  # shown as the Problems table of the page's heading
        warnings.simplefilter("ignore", ReportWarning)
        corpus = load_corpus(reports_dir, **load)
    pair = baseline is not _UNSET or target is not _UNSET
    resolved = resolve_parameters(corpus, actor=actor, actors=actors, pair=pair,
                                  baseline=None if baseline is _UNSET else baseline,
                                  target=None if target is _UNSET else target)
    if family is not _UNSET:
        from analysis.measure.groups import resolve_actors
        from analysis.workbook.plan import plan_family

        names = resolve_actors(corpus, plan_family() if family is None else family)
        if actors is None and resolved["actor"] is None:
            resolved["actors"] = names
        compared = [resolved["actor"]] if resolved["actor"] else resolved["actors"]
        resolved["family"] = names + [a for a in compared if a not in names]
    if figures_dir is None:
        given = {"actor": actor, "baseline": None if baseline is _UNSET else baseline,
                 "target": None if target is _UNSET else target}
        figures_dir = figures_folder(notebook, **given)
    return Setup(corpus=corpus, figures=Path(figures_dir), **resolved)


def check_parameters(run: Run, *, root: Path) -> None:
    """Check a run's actor and report parameters before any work; raise :class:`PlanError`.

    The parameters given (the plan's over the notebook's defaults; None is left to the notebook)
    are resolved as :func:`resolve_parameters` does, against the reports of the run's
    ``reports_dir`` (read, not annotated) and the shipped gazetteer. An unknown actor, report id,
    period or year gives an error naming the run and listing the valid values.
    """
    from types import SimpleNamespace

    import pandas as pd

    from analysis.measure.groups import resolve_actors, resolve_reports
    from analysis.read.reports import read_reports, reports_table

    params = {**notebook_parameters(run.notebook), **run.parameters}
    given = {name: params[name] for name in (*PARAMETERS, "family")
             if params.get(name) is not None}
    if not given:
        return
    try:
        mentions = pd.DataFrame({"actor": pd.Series([], dtype=str)})
        corpus = SimpleNamespace(reports=None, mentions=mentions)
        for name in ("actor", "actors", "family"):
            if name in given:
                resolve_actors(corpus, [given[name]] if name == "actor" else given[name])
        if given.keys() & {"baseline", "target"}:
            folder = Path(params.get("reports_dir") or "reports_raw")
            reports, _ = read_reports(folder if folder.is_absolute() else root / folder)
            for name in ("baseline", "target"):
                if name in given:
                    resolve_reports(reports_table(reports), given[name])
    except (ValueError, OSError) as exc:  # UnknownValueError is a ValueError
        raise PlanError(f"run {run.name!r}: {exc}") from None
