"""The ``workbook`` command: thin wrappers that load the corpus, call one function and print.

Exit codes: 0 all good; 1 a report was skipped or a run failed; 2 bad usage (unknown option,
report, period or actor).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.cli.commands import COMMANDS, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

__all__ = ["build_parser", "main"]


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
    from analysis.measure.groups import UnknownValueError
    from analysis.read.reports import ReportError

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
