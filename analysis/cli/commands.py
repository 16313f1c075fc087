"""The commands of ``workbook``: each loads the corpus, calls one function and prints its table."""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable

from analysis.cli.arguments import (
    add_common,
    args_actor,
    args_by,
    args_compare,
    args_gazetteer,
    args_keyness,
    args_kwic,
    args_min_entries,
    args_pair,
    args_sources,
    spec,
)
from analysis.cli.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, naming_options
from analysis.cli.output import emit
from analysis.cli.tagging import cmd_actors, cmd_tag

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE"]


def _reports_folder(args) -> str | None:
    """``--reports``, checked by its type; without it the project's folder, which must exist."""
    if args.reports is not None:
        return args.reports
    from analysis.config import settings

    default = settings().reports
    if not default.is_dir():
        raise UsageError(f"argument --reports: the default folder {default} does not exist: "
                         "pass --reports DIR, the folder that holds the report files (.txt, "
                         ".md, .html, .docx)",
                         command=args.command)
    return None


def _load(args, *, annotate: bool):
    """Load the corpus, printing every problem on stderr; returns (corpus, had_problems)."""
    import pandas as pd

    from analysis.corpus import load_corpus

    folder = _reports_folder(args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(folder, annotate=annotate, strict=args.strict, jobs=args.jobs,
                             scheduler=args.scheduler, cache=not args.no_cache)
    for row in corpus.problems.itertuples(index=False):
        where = f"{row.path}:{int(row.line)}" if pd.notna(row.line) else row.path
        print(f"workbook: {row.severity}: {where}: {row.message}", file=sys.stderr)
    return corpus, len(corpus.problems) > 0


def _cmd_reports(args) -> int:
    corpus, problems = _load(args, annotate=False)
    emit(corpus.reports, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_entries(args) -> int:
    corpus, problems = _load(args, annotate=False)
    if args.explain:
        emit(_with_layouts(corpus), args.format)
        return EXIT_PROBLEMS if problems else EXIT_OK
    table = corpus.entries.merge(corpus.reports[["report_id", "country", "period"]], on="report_id")
    columns = ["report_id", "country", "period", "entry_id", "position", "kind", "section", "outlet",
               "outlet_as_written", "issue", "pub_date", "authors", "genre", "n_words", "text"]
    emit(table[columns], args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _with_layouts(corpus):
    """The paragraphs table with, before each report's paragraphs, a row of role "layout": how
    its lines were read as paragraphs and why (``reports.layout``, the reader's reason)."""
    import pandas as pd

    from analysis.read.reports import ReportError, read_report

    parts = []
    for report_id, path in zip(corpus.reports["report_id"], corpus.reports["path"], strict=True):
        try:
            report = read_report(path, boilerplate=corpus.knowledge.boilerplate)
            why = f"{report.layout}: {report.layout_reason}"
        except ReportError as exc:  # changed since it was loaded
            why = f"unknown: {exc}"
        own = corpus.paragraphs[corpus.paragraphs["report_id"] == report_id].astype(object)
        layout = pd.DataFrame([{"report_id": report_id, "paragraph": None, "line": None,
                                "role": "layout", "entry_id": None, "reason": why,
                                "text": why.split(":")[0]}], columns=own.columns, dtype=object)
        parts += [layout, own]
    return pd.concat(parts, ignore_index=True) if parts else corpus.paragraphs


def _args_entries(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--explain", action="store_true",
                   help="one row per paragraph instead: its role (title, boilerplate, overview, "
                        "heading, entry, continuation, unattributed), its entry and why; first, "
                        "per report, its layout (blank-line, one-per-line, hard-wrapped, html, "
                        "docx) and why")


def _cmd_sentences(args) -> int:
    corpus, problems = _load(args, annotate=True)
    actors = corpus.mentions.groupby(["entry_id", "sentence_idx"], sort=False)["actor"].agg(
        lambda a: list(dict.fromkeys(a)))
    table = corpus.sentences.merge(actors.rename("actors").reset_index(), how="left",
                                   on=["entry_id", "sentence_idx"])
    table["actors"] = table["actors"].map(lambda v: v if isinstance(v, list) else [])
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_mentions(args) -> int:
    corpus, problems = _load(args, annotate=True)
    emit(corpus.mentions, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_attention(args) -> int:
    from analysis.measure.attention import attention

    corpus, problems = _load(args, annotate=True)
    with naming_options(args, corpus):
        table = attention(corpus, by=args.by, actors=args.actor or None)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_tone(args) -> int:
    from analysis.measure.tone import tone, tone_change

    if args.baseline is not None and args.target is None:
        raise UsageError("argument --target: needed with --baseline (a report id, period "
                         "YYYY-MM or year YYYY; without --baseline the other reports are the "
                         "baseline)", command=args.command)
    corpus, problems = _load(args, annotate=True)
    with naming_options(args, corpus):
        if args.target is not None:
            table = tone_change(corpus, baseline=spec(args.baseline), target=spec(args.target),
                                actors=args.actor or None, min_entries=args.min_entries)
        else:
            table = tone(corpus, by=args.by, actors=args.actor or None,
                         min_entries=args.min_entries)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_keyness(args) -> int:
    from analysis.measure.keyness import keyness

    corpus, problems = _load(args, annotate=True)
    with naming_options(args, corpus):
        table = keyness(corpus, target=spec(args.target), baseline=spec(args.baseline),
                        actor=args.actor, top_n=args.top, min_count=args.min_count,
                        min_entries=args.min_entries, ngram=2 if args.bigrams else 1,
                        drop_names=not args.keep_names)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_kwic(args) -> int:
    from analysis.measure.kwic import check_pattern, kwic

    try:  # before any report is read (an actor is checked against the gazetteer, below)
        if not args.actor:
            check_pattern(args.pattern, regex=args.regex)
    except ValueError as exc:
        raise UsageError(f"argument PATTERN: {exc}", command=args.command) from None
    corpus, problems = _load(args, annotate=True)
    with naming_options(args, corpus):
        table = kwic(corpus, args.pattern, window=args.window, actor=args.actor, regex=args.regex)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_sources(args) -> int:
    from analysis.measure import sources

    corpus, problems = _load(args, annotate=True)
    table = {
        "outlets": lambda: sources.outlets(corpus),
        "authors": lambda: sources.authors(corpus),
        "recurring": lambda: sources.recurring_authors(corpus),
        "outlet-actors": lambda: sources.source_actors(corpus, by="outlet"),
        "author-actors": lambda: sources.source_actors(corpus, by="author"),
    }[args.view]()
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _family(args) -> list[str]:
    """The comparison's family: ``[plan] actors`` of ``--plan`` (default: the project's
    notebooks/plan.toml; none when there is no plan), as the batch and its pages use it."""
    from analysis.workbook.plan import PlanError, plan_family

    try:
        return plan_family(args.plan)
    except PlanError as exc:
        raise UsageError(f"argument --plan: {exc}", command=args.command) from None


def _cmd_compare(args) -> int:
    from analysis.measure.compare import compare
    from analysis.measure.summary import summary

    family = _family(args)  # before any report is read: a bad plan is a usage error
    corpus, problems = _load(args, annotate=True)
    with naming_options(args, corpus):
        table = compare(corpus, baseline=spec(args.baseline), target=spec(args.target),
                        actors=args.actor or family or None, family=family or None,
                        top_n=args.top, min_entries=args.min_entries)
    if args.format == "table":
        from analysis.knowledge.tone_model import CODEBOOK, tone_agreement

        agreement = tone_agreement()
        note = f"{agreement.sentence()} Codebook: {getattr(agreement, 'codebook', CODEBOOK)}."
        sys.stdout.write(summary(table, corpus, baseline=spec(args.baseline),
                                 target=spec(args.target), min_entries=args.min_entries,
                                 note=note))
    else:
        emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_run(args) -> int:
    from analysis.workbook import batch

    results = batch.run(args.plan, only=args.only, force=args.force, jobs=args.jobs,
                        out=args.out, figures=args.figures, wait=args.wait)
    print(batch.format_summary(results))
    return EXIT_PROBLEMS if any(r.status == "failed" for r in results) else EXIT_OK


def args_run(p: argparse.ArgumentParser) -> None:
    from analysis.workbook import batch

    batch.add_arguments(p)


# Each command: name -> (help, function, add-arguments).
COMMANDS: dict[str, tuple[str, Callable, Callable[[argparse.ArgumentParser], None]]] = {
    "reports": ("the reports table", _cmd_reports, add_common),
    "entries": (("the entries table: one row per summarized publication (--explain: every "
                 "paragraph's role and why)"), _cmd_entries, _args_entries),
    "sentences": ("the sentences table with tone and the actors each mentions", _cmd_sentences, add_common),
    "mentions": ("the actor mentions table", _cmd_mentions, add_common),
    "tag": (("tag lines of text read on stdin with actor mentions and the tone aimed at each "
             "actor (JSON lines)"), cmd_tag,
            lambda p: args_gazetteer(p, tabular=False)),
    "actors": ("the gazetteer in use: each actor with its aliases", cmd_actors, args_gazetteer),
    "attention": ("attention per report and actor, with bootstrap intervals", _cmd_attention,
                  lambda p: (add_common(p), args_by(p), args_actor(p))),
    "tone": ("tone per report and actor; with --baseline/--target the change and its p-value", _cmd_tone,
             lambda p: (add_common(p), args_by(p), args_actor(p), args_pair(p, required=False),
                        args_min_entries(p))),
    "keyness": ("distinctive terms of a target against a baseline", _cmd_keyness, args_keyness),
    "kwic": ("keyword in context for a term, a phrase or an actor", _cmd_kwic, args_kwic),
    "sources": ("outlets and authors, and whom they write about", _cmd_sources, args_sources),
    "compare": (("what changed for each actor between two reports or periods: headlines in plain "
                 "words, then the detail (tone p-values adjusted over the plan's actors)"),
                _cmd_compare, args_compare),
    "run": ("execute the notebook batch plan with papermill (notebooks/plan.toml)", _cmd_run, args_run),
}
