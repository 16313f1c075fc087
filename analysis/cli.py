"""The ``workbook`` command: thin wrappers that load the corpus, call one function and print.

Exit codes: 0 all good; 1 a report was skipped or a run failed; 2 bad usage (unknown option,
report, period or actor).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime

__all__ = ["emit", "main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_TABLE_TEXT_WIDTH = 60


def _jsonable(value):
    import pandas as pd

    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return value


def emit(table, fmt: str, stream=None) -> None:
    """Print a DataFrame as ``table`` (aligned text), ``csv`` or ``json`` (a list of objects)."""
    import pandas as pd

    stream = stream or sys.stdout
    if fmt == "json":
        records = [{k: _jsonable(v) for k, v in row.items()} for row in table.to_dict("records")]
        json.dump(records, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    shown = table.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, (list, tuple))).any():
            shown[column] = shown[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        if pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        shown.to_csv(stream, index=False, lineterminator="\n")
        return
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, str) and len(v) > _TABLE_TEXT_WIDTH).any():
            shown[column] = shown[column].map(
                lambda v: v[: _TABLE_TEXT_WIDTH - 1] + "…" if isinstance(v, str) and len(v) > _TABLE_TEXT_WIDTH else v
            )
    stream.write(shown.to_string(index=False, na_rep="") + "\n")


def _add_common(parser: argparse.ArgumentParser, *, tabular: bool = True) -> None:
    parser.add_argument("--reports", default=None, metavar="DIR",
                        help="folder of report .txt files (default: reports_raw of the project)")
    parser.add_argument("--strict", action="store_true", help="treat every warning about a report as an error")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="processes that annotate (default: every core when there is much to do)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="annotate on a Dask cluster, e.g. tcp://host:8786")
    parser.add_argument("--no-cache", action="store_true", help="annotate again instead of using .cache/")
    if tabular:
        parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _load(args, *, annotate: bool):
    """Load the corpus, printing every problem on stderr; returns (corpus, had_problems)."""
    import pandas as pd

    from analysis.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(args.reports, annotate=annotate, strict=args.strict, jobs=args.jobs,
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
    table = corpus.entries.merge(corpus.reports[["report_id", "country", "period"]], on="report_id")
    columns = ["report_id", "country", "period", "entry_id", "position", "kind", "section", "outlet",
               "issue", "pub_date", "authors", "n_words", "text"]
    emit(table[columns], args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _spec(value: str | None) -> str | list[str] | None:
    """A report spec from the command line: "a,b" is the group of a and b."""
    if value is None or "," not in value:
        return value
    return [v.strip() for v in value.split(",") if v.strip()]


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


def _cmd_tag(args) -> int:
    from analysis.mentions import find_mentions, load_gazetteer

    gazetteer = load_gazetteer(args.gazetteer)
    for number, line in enumerate(sys.stdin, start=1):
        found = find_mentions(line.rstrip("\n"), gazetteer=gazetteer)
        record = {
            "line": number,
            "actors": list(dict.fromkeys(m.actor for m in found)),
            "mentions": [{"actor": m.actor, "alias": m.alias, "start": m.start, "end": m.end} for m in found],
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return EXIT_OK


def _cmd_actors(args) -> int:
    from analysis.mentions import load_gazetteer

    table = load_gazetteer(args.gazetteer).to_frame()
    table = table[table["actor"].notna()]
    grouped = table.groupby("actor", sort=True)["alias"].agg(list).rename("aliases").reset_index()
    emit(grouped, args.format)
    return EXIT_OK


def _cmd_attention(args) -> int:
    from analysis.attention import attention

    corpus, problems = _load(args, annotate=True)
    emit(attention(corpus, by=args.by, actors=args.actor or None), args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_tone(args) -> int:
    from analysis.tone import tone, tone_change

    corpus, problems = _load(args, annotate=True)
    if args.baseline or args.target:
        table = tone_change(corpus, baseline=_spec(args.baseline), target=_spec(args.target), actors=args.actor or None)
    else:
        table = tone(corpus, by=args.by, actors=args.actor or None)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_keyness(args) -> int:
    from analysis.keyness import keyness

    corpus, problems = _load(args, annotate=True)
    table = keyness(corpus, target=_spec(args.target), baseline=_spec(args.baseline), actor=args.actor,
                    top_n=args.top, min_count=args.min_count)
    emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_kwic(args) -> int:
    from analysis.kwic import kwic

    corpus, problems = _load(args, annotate=True)
    emit(kwic(corpus, args.pattern, window=args.window, actor=args.actor), args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_sources(args) -> int:
    from analysis import sources

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


def _cmd_compare(args) -> int:
    from analysis.compare import compare, summary

    corpus, problems = _load(args, annotate=True)
    table = compare(corpus, baseline=_spec(args.baseline), target=_spec(args.target), actors=args.actor or None,
                    top_n=args.top)
    if args.format == "table":
        sys.stdout.write(summary(table, corpus, baseline=args.baseline, target=args.target))
    else:
        emit(table, args.format)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _args_actor(p: argparse.ArgumentParser, *, many: bool = True) -> None:
    if many:
        p.add_argument("--actor", action="append", metavar="ACTOR",
                       help="an actor (repeat for several; default: all mentioned)")
    else:
        p.add_argument("--actor", default=None, metavar="ACTOR",
                       help="restrict to the sentences that mention this actor")


def _args_pair(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("--baseline", required=required, default=None,
                   help="report id, period YYYY-MM or year YYYY (default: all other reports)"
                   if not required else "report id, period YYYY-MM or year YYYY")
    p.add_argument("--target", required=required, default=None, help="report id, period YYYY-MM or year YYYY")


def _args_by(p: argparse.ArgumentParser) -> None:
    p.add_argument("--by", default="report_id", choices=("report_id", "period", "year", "country"))


def _args_gazetteer(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gazetteer", default=None, metavar="TOML", help="your own actors file extending the shipped one")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _args_keyness(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    p.add_argument("--target", required=True, help="report id, period YYYY-MM or year YYYY (or several, comma-separated)")
    p.add_argument("--baseline", default=None, help="as --target; default: all other reports pooled")
    _args_actor(p, many=False)
    p.add_argument("--top", type=int, default=20, metavar="N", help="N terms on each side")
    p.add_argument("--min-count", type=int, default=3, metavar="N", help="drop terms seen fewer than N times")


def _args_kwic(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    p.add_argument("pattern", help="a word, a phrase, or with --actor an actor name")
    p.add_argument("--window", type=int, default=5, metavar="N", help="words of context on each side")
    p.add_argument("--actor", action="store_true", help="PATTERN is an actor: match all its aliases")


def _args_compare(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    _args_pair(p, required=True)
    _args_actor(p)
    p.add_argument("--top", type=int, default=5, metavar="N", help="distinctive terms per side")


def _args_sources(p: argparse.ArgumentParser) -> None:
    _add_common(p)
    p.add_argument("view", nargs="?", default="outlets",
                   choices=("outlets", "authors", "recurring", "outlet-actors", "author-actors"))


def _cmd_run(args) -> int:
    from analysis import batch

    return batch.run_from_args(args)


def _args_run(p: argparse.ArgumentParser) -> None:
    from analysis import batch

    batch.add_arguments(p)


# Each command: name -> (help, function, add-arguments).
COMMANDS: dict[str, tuple[str, Callable, Callable[[argparse.ArgumentParser], None]]] = {
    "reports": ("the reports table", _cmd_reports, _add_common),
    "entries": ("the entries table: one row per summarized publication", _cmd_entries, _add_common),
    "sentences": ("the sentences table with tone and the actors each mentions", _cmd_sentences, _add_common),
    "mentions": ("the actor mentions table", _cmd_mentions, _add_common),
    "tag": ("tag lines of text read on stdin with actor mentions (JSON lines)", _cmd_tag,
            lambda p: p.add_argument("--gazetteer", default=None, metavar="TOML")),
    "actors": ("the gazetteer in use: each actor with its aliases", _cmd_actors, _args_gazetteer),
    "attention": ("attention per report and actor, with bootstrap intervals", _cmd_attention,
                  lambda p: (_add_common(p), _args_by(p), _args_actor(p))),
    "tone": ("tone per report and actor; with --baseline/--target the change and its p-value", _cmd_tone,
             lambda p: (_add_common(p), _args_by(p), _args_actor(p), _args_pair(p, required=False))),
    "keyness": ("distinctive terms of a target against a baseline", _cmd_keyness, _args_keyness),
    "kwic": ("keyword in context for a term, a phrase or an actor", _cmd_kwic, _args_kwic),
    "sources": ("outlets and authors, and whom they write about", _cmd_sources, _args_sources),
    "compare": ("what changed for each actor between two reports or periods", _cmd_compare, _args_compare),
    "run": ("execute the notebook batch plan with papermill (notebooks/plan.toml)", _cmd_run, _args_run),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Country-report workbook: tidy tables and comparisons of country reports.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, _, add_arguments) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbook`` console script."""
    from analysis.corpus import CorpusError
    from analysis.groups import UnknownValueError
    from analysis.io import ReportError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except UnknownValueError as exc:
        print(f"workbook: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (CorpusError, ReportError) as exc:
        print(f"workbook: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. `workbook entries | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
