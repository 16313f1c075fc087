"""The ``workbook`` command: the parser, and the one place that turns errors into exit codes.

Every command, ``workbook run`` included, and the parsing of the command line itself end in
:func:`main`, which prints one line on stderr for an error and returns the exit code chosen by
:func:`analysis.cli.errors.outcome`: 0 all good; 1 a report was skipped or a run failed; 2 bad
usage (the message names the option and the valid values); 3 an unexpected error (the
traceback is saved to a file whose path is printed).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from analysis.cli.commands import COMMANDS
from analysis.cli.errors import EXIT_UNEXPECTED, UsageError, outcome

__all__ = ["Parser", "build_parser", "main"]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are :class:`UsageError` (one line, exit 2), not a usage
    block and ``SystemExit``; subcommand parsers are of this class too."""

    def error(self, message: str):
        command = self.prog.split(" ", 1)[1] if " " in self.prog else None
        raise UsageError(f"{message} (see '{self.prog} --help')", command=command)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="workbook",
        description="Country-report workbook: tidy tables and comparisons of country reports.",
        epilog="Exit codes: 0 all good; 1 a report was skipped or a run failed; 2 bad usage; "
               "3 an unexpected error (the traceback is saved to a file named in the message).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (help_text, _, add_arguments) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    return parser


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at the null device so that the interpreter's last
    flush does not complain (the Python documentation's recipe for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbook`` console script: run one command, return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = None
    try:
        try:
            args, extra = build_parser().parse_known_args(argv)
        except SystemExit as exc:  # --help prints and stops: that is all good
            return exc.code if isinstance(exc.code, int) else 0
        command = args.command
        if extra:  # said by the command's parser, not the top one
            raise UsageError(f"unrecognized arguments: {' '.join(extra)} "
                             f"(see 'workbook {command} --help')")
        return COMMANDS[command][1](args)
    except BaseException as exc:
        if isinstance(exc, SystemExit):
            raise
        try:
            code, message = outcome(exc, argv=argv)
        except Exception:  # noqa: BLE001 - never let the error path itself raise
            code, message = EXIT_UNEXPECTED, f"unexpected error: {type(exc).__name__}: {exc}"
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
        if message is not None:
            name = getattr(exc, "command", None) or command
            prog = f"workbook {name}" if name else "workbook"
            print(f"{prog}: error: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
