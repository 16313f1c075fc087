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

import pandas as pd

__all__ = ["emit", "main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_TABLE_TEXT_WIDTH = 60


def _jsonable(value):
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


def emit(table: pd.DataFrame, fmt: str, stream=None) -> None:
    """Print a table as ``table`` (aligned text), ``csv`` or ``json`` (a list of objects)."""
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
    if tabular:
        parser.add_argument("--format", choices=("table", "csv", "json"), default="table")


def _load(args, *, annotate: bool):
    """Load the corpus, printing every problem on stderr; returns (corpus, had_problems)."""
    from analysis.corpus import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(args.reports, annotate=annotate, strict=args.strict)
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


# Each command: name -> (help, function, add-arguments). Other modules' commands are added here.
COMMANDS: dict[str, tuple[str, Callable, Callable[[argparse.ArgumentParser], None]]] = {
    "reports": ("the reports table", _cmd_reports, lambda p: _add_common(p)),
    "entries": ("the entries table: one row per summarized publication", _cmd_entries,
                lambda p: _add_common(p)),
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
    from analysis.io import ReportError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command][1](args)
    except (CorpusError, ReportError) as exc:
        print(f"workbook: error: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. `workbook entries | head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
